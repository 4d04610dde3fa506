package io.realtimesecrets.pool;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.SecretRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A pre-warmed stock of ephemeral secrets minted from one request template, each handed to exactly one
 * caller. CONTRACT DRAFT: the pool work owns this file and may refine the javadoc and add members.
 *
 * @param <R> the response type of the template's endpoint
 */
public interface SecretPool<R extends EphemeralSecret> {

  /**
   * Creates a pool; nothing is minted until {@link #start()}.
   *
   * @param vertx the Vert.x instance whose timers drive the pool
   * @param client the client that mints
   * @param request the request template
   * @param options the options (copied)
   * @param <R> the response type
   * @return the pool
   */
  static <R extends EphemeralSecret> SecretPool<R> create(Vertx vertx, RealtimeSecretsClient client,
      SecretRequest<R> request, SecretPoolOptions options) {
    throw new UnsupportedOperationException("being written");
  }

  /**
   * Pre-warms to {@code minIdle}.
   *
   * @return completes when the stock reached {@code minIdle} (or fails with the upstream's error)
   */
  Future<Void> start();

  /**
   * Hands out one secret with at least {@code minRemainingLife} left, to this caller only.
   *
   * @return the secret, or a failed future with {@link SecretPoolException} saying why
   */
  Future<R> take();

  /**
   * Lazy Mutiny form of {@link #take()}: each subscription takes one secret.
   *
   * @return the Uni
   */
  default Uni<R> takeUni() {
    return Uni.createFrom().completionStage(() -> take().toCompletionStage());
  }

  /**
   * Whether the pool has been started and has reached {@code minIdle} once.
   *
   * @return true when warm
   */
  boolean isReady();

  /**
   * Stops minting, fails waiters and drops stock. Idempotent.
   *
   * @return completes when closed
   */
  Future<Void> close();
}
