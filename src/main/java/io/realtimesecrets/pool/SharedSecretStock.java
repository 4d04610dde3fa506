package io.realtimesecrets.pool;

import io.realtimesecrets.model.EphemeralSecret;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * A stock of secrets shared by the pools of several processes (a fleet of gateway replicas): any pool puts
 * the secrets it minted, any pool takes one, and each secret goes to exactly one taker in the whole fleet.
 * {@code io.realtimesecrets.redis.RedisSecretStock} is the implementation; give one to every replica's pool
 * of the same request template through {@link SecretPoolOptions#setSharedStock(SharedSecretStock)}.
 *
 * <p>How a pool uses it (the pool's own stock becomes a small first tier in front of it):
 * <ul>
 *   <li>A secret the pool mints goes to a caller waiting in this pool if there is one, else to the shared
 *   stock. Only secrets whose store failed or that came back (a caller gave up) stay in the pool's own
 *   stock. A store that failed (or timed out) drops the secret: it may have been stored all the same, and
 *   keeping it too could hand it out twice.</li>
 *   <li>A take that misses the pool's own stock asks the shared stock, without blocking any thread and for
 *   at most the stock's timeout; an empty answer, a failure or no answer in time is a miss, and the take
 *   goes on as without a shared stock (wait for a mint). Never an error to the caller.</li>
 *   <li>The pool counts the fleet's stock ({@link #size(Duration)}, asked every tick while the answer can
 *   change a decision, else every {@link #IDLE_SIZE_INTERVAL}) toward its own stock target, so the fleet
 *   holds about one pool's target rather than one per replica; with demand, every replica that sees the
 *   fleet's stock under its target mints, so supply follows the fleet's demand.</li>
 *   <li>When a call fails the pool works alone (its own stock, its own minting) and asks again after
 *   {@link #DOWN_RETRY_INTERVAL}; the next answer brings it back.</li>
 * </ul>
 *
 * <p>The floor is the stock's job: a secret is put with how long it may still be handed out (its life minus
 * {@code minRemainingLife}), and {@link #take} never returns one past that.
 *
 * <p>Implementations must be thread safe; their futures may complete on any thread (the pool hops back to
 * its own event loop).
 */
public interface SharedSecretStock {

  /** How long a pool works alone after a failed call before it asks the shared stock again: 2 s. */
  Duration DOWN_RETRY_INTERVAL = Duration.ofSeconds(2);

  /**
   * How often a pool with nothing to decide asks {@link #size(Duration)}: 5 s. A pool asks every tick while
   * the answer can change what it does (it is warming, callers wait, its stock as last counted, the fleet's
   * included, is under its target); otherwise at this interval, so that an idle replica still notices the
   * fleet's stock change, counting only the secrets still usable one interval past the usual horizon.
   */
  Duration IDLE_SIZE_INTERVAL = Duration.ofSeconds(5);

  /**
   * Puts a secret in the shared stock.
   *
   * @param secret the secret
   * @param usableFor how long from now it may still be handed out (the floor already taken off)
   * @return completes when stored; a failure means the secret may or may not be stored
   */
  Future<Void> put(EphemeralSecret secret, Duration usableFor);

  /**
   * Takes the secret that must go first (the one that stops being usable first), removing it for the whole
   * fleet; secrets past their usable time are never returned.
   *
   * @param type the response type the secrets were put as
   * @param <R> the response type
   * @return the secret, or {@code null} when the stock holds none
   */
  <R extends EphemeralSecret> Future<R> take(Class<R> type);

  /**
   * How many secrets the stock holds that are still usable {@code horizon} from now (those about to retire
   * are not counted, so that replacements are minted ahead of them).
   *
   * @param horizon from now
   * @return the count
   */
  Future<Long> size(Duration horizon);
}
