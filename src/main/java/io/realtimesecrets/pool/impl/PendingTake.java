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
  private final Runnable giveBack;

  PendingTake(Future<R> future, Runnable cancel) {
    this(future, cancel, () -> { });
  }

  PendingTake(Future<R> future, Runnable cancel, Runnable giveBack) {
    this.future = future;
    this.cancel = cancel;
    this.giveBack = giveBack;
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

  /**
   * Gives up on the take for a caller that will never read its outcome (a Mutiny subscription cancelled
   * before its item passed): as {@link #cancel()}, and a secret delivered anyway, because the delivery won
   * the race with the cancel, goes back to the pool instead of being lost. Any thread; call it once, and
   * only where the caller cannot have seen the secret.
   */
  void abandon() {
    cancel();
    future.onSuccess(secret -> giveBack.run());
  }
}
