package io.realtimesecrets.pool.impl;

import io.vertx.core.Future;

/**
 * A take the caller may give up on: {@link #cancel()} takes it out of the waiter queue at once, frees its
 * {@code maxWaiters} slot, and a secret minted for it goes to the next caller or back to stock (if it still
 * has its floor). Used by {@code takeUni()} on cancellation and by the gateway when the HTTP client
 * disconnects or its request times out.
 *
 * @param <R> the response type
 */
public final class PendingTake<R> {

  private final Future<R> future;
  private final Runnable cancel;

  PendingTake(Future<R> future, Runnable cancel) {
    this.future = future;
    this.cancel = cancel;
  }

  /**
   * The outcome, as {@code SecretPool.take()} would give it; fails with
   * {@link java.util.concurrent.CancellationException} after {@link #cancel()} unless already decided.
   *
   * @return the future
   */
  public Future<R> future() {
    return future;
  }

  /** Gives up on the take; any thread, idempotent, does nothing once the future completed. */
  public void cancel() {
    if (!future.isComplete()) {
      cancel.run();
    }
  }
}
