package io.realtimesecrets.pool;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.pool.impl.SecretPoolImpl;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A pre-warmed stock of ephemeral secrets minted from one request template, each handed to exactly one
 * caller, always with at least {@code minRemainingLife} of its life left.
 *
 * <h2>Use one per template</h2>
 * <pre>{@code
 * SecretPool<ClientSecret> pool = SecretPool.create(vertx, client, request, new SecretPoolOptions());
 * pool.start().onSuccess(v -> log("warm"));
 * pool.take().onSuccess(secret -> sendToBrowser(secret.toJson()))
 *     .onFailure(err -> answer503(((SecretPoolException) err).retryAfter()));
 * }</pre>
 * The pool mints ahead of demand, keeps secrets oldest-first, retires them before they fall under the
 * floor, sizes its stock from observed demand, and protects the upstream (bounded concurrent mints,
 * backoff, {@code Retry-After}, a circuit). See the README for the model and the numbers.
 *
 * <h2>Threads and contexts</h2>
 * All methods are thread safe, from event loops, worker threads (also {@code executeBlocking} on the pool's
 * own context), virtual threads and plain threads. The pool's state lives on one event-loop context of its
 * own that no verticle owns, and is touched only on that context's event-loop thread: a pool created inside
 * a verticle keeps refreshing and recovering after the verticle is undeployed. (Created on an event-loop
 * context that belongs to no deployment, the pool stays on it; tests with a {@link VirtualPoolClock} rely on
 * this.) A {@code take()} that finds
 * stock is served on the caller's thread without a hop and returns an already-completed future; otherwise
 * the request hops to the pool's context and the future completes on the caller's context (the one current
 * when {@code take()} was called), or on the pool's context for callers outside Vert.x. The pool runs no
 * threads of its own (created off such a context, it starts one short-lived thread to obtain its context);
 * its timers are Vert.x timers (or those of the {@link PoolClock} given to
 * {@link #create(Vertx, RealtimeSecretsClient, SecretRequest, SecretPoolOptions, PoolClock)}).
 *
 * <h2>Close it</h2>
 * {@link #close()} stops minting, fails waiters with {@link SecretPoolException.Reason#CLOSED} and drops the
 * stock. It does not close the client nor Vert.x.
 *
 * @param <R> the response type of the template's endpoint
 */
public interface SecretPool<R extends EphemeralSecret> {

  /**
   * Creates a pool on the system clock and Vert.x timers; nothing is minted until {@link #start()} (or the
   * first {@link #take()}).
   *
   * @param vertx the Vert.x instance whose timers drive the pool (not closed by the pool)
   * @param client the client that mints; the pool calls it with no client retries (the pool does its own)
   * @param request the request template, validated here
   * @param options the options (copied)
   * @param <R> the response type
   * @return the pool
   * @throws IllegalArgumentException when the options are inconsistent, or the floor leaves no usable window
   *     for the template's TTL
   * @throws io.realtimesecrets.model.RequestValidationException when the template is invalid
   */
  static <R extends EphemeralSecret> SecretPool<R> create(Vertx vertx, RealtimeSecretsClient client,
      SecretRequest<R> request, SecretPoolOptions options) {
    return create(vertx, client, request, options, PoolClock.system(vertx));
  }

  /**
   * Creates a pool whose time comes from {@code clock}: tests pass a {@link VirtualPoolClock}.
   *
   * @param vertx the Vert.x instance (its contexts order the pool's work)
   * @param client the client that mints
   * @param request the request template, validated here
   * @param options the options (copied)
   * @param clock every deadline and timer of the pool
   * @param <R> the response type
   * @return the pool
   * @throws IllegalArgumentException when the options are inconsistent
   */
  static <R extends EphemeralSecret> SecretPool<R> create(Vertx vertx, RealtimeSecretsClient client,
      SecretRequest<R> request, SecretPoolOptions options, PoolClock clock) {
    return new SecretPoolImpl<>(vertx, client, request, new SecretPoolOptions(options), clock);
  }

  /**
   * Starts minting and pre-warms to {@code minIdle} (at most {@code prewarmConcurrency} mints at once).
   * Idempotent: later calls return the same future.
   *
   * @return completes (on the caller's context) when the stock first reaches {@code minIdle}; fails with
   *     {@link SecretPoolException} ({@code UPSTREAM_REJECTED} at once for auth/quota/template errors,
   *     {@code ACQUIRE_TIMEOUT} when not warm within {@code acquireTimeout}, {@code CLOSED}). The pool keeps
   *     trying in the background after a timeout.
   */
  Future<Void> start();

  /**
   * Hands out one secret with at least {@code minRemainingLife} left, to this caller only; the oldest valid
   * secret first. Starts the pool if it was not started.
   *
   * @return the secret (an already-completed future on a hit); or a failed future with
   *     {@link SecretPoolException} saying why ({@code WAITERS_FULL}, {@code ACQUIRE_TIMEOUT},
   *     {@code CIRCUIT_OPEN}, {@code UPSTREAM_REJECTED}, {@code CLOSED}). Never hangs: every future completes
   *     within {@code acquireTimeout}.
   */
  Future<R> take();

  /**
   * Lazy Mutiny form of {@link #take()}: each subscription takes one secret. Cancelling the subscription gives
   * the take up: the caller leaves the waiter queue at once and a secret minted for it goes to the next caller
   * or back to stock; a secret already handed out is not returned.
   *
   * @return the Uni
   */
  default Uni<R> takeUni() {
    return Uni.createFrom().completionStage(() -> take().toCompletionStage());
  }

  /**
   * Whether the pool has been started and its stock reached {@code minIdle} once (a gateway's readiness).
   *
   * @return true when warm
   */
  boolean isReady();

  /**
   * A snapshot of the pool's counters and gauges; cheap, callable from any thread.
   *
   * @return the snapshot
   */
  SecretPoolStats stats();

  /**
   * Stops minting, fails waiters with {@link SecretPoolException.Reason#CLOSED} at once and drops the stock.
   * Idempotent.
   *
   * @return completes when mint calls still in flight have settled (their secrets are discarded), at most
   *     {@code mintTimeout} later
   */
  Future<Void> close();
}
