package io.realtimesecrets.pool.impl;

import io.vertx.core.Context;
import io.vertx.core.Promise;

/**
 * One caller waiting for a mint: its promise, the context to complete it on and its deadline on the pool's
 * monotonic clock.
 *
 * @param <R> the response type
 */
final class Waiter<R> {

  final Promise<R> promise;
  /** The caller's context, or null for a caller outside Vert.x. */
  final Context context;
  final long takenNanos;
  final long deadlineNanos;
  /** Set (any thread) when the caller gave up; a secret decided for it then goes back to the pool. */
  volatile boolean cancelled;
  /** Pool event loop: whether a secret or a failure has been decided for it. */
  boolean decided;
  /** Whether {@link #handed} came from stock (a hit) rather than a mint; written before it. */
  boolean handedFromStock;
  /** The secret being handed to it, set before its promise completes (read by any thread on abandon). */
  volatile StockedSecret<?> handed;

  Waiter(Promise<R> promise, Context context, long takenNanos, long deadlineNanos) {
    this.promise = promise;
    this.context = context;
    this.takenNanos = takenNanos;
    this.deadlineNanos = deadlineNanos;
  }
}
