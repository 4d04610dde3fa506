package io.realtimesecrets.pool.impl;

/**
 * What the pool reports as it happens, for timers and distributions that counters cannot rebuild. Kept free
 * of Micrometer types so the pool never loads Micrometer unless metrics are bound. Implementations must be
 * thread safe and cheap: {@link #handedOut} is called on the take hot path, from any thread.
 */
public interface PoolEvents {

  /** Reports nothing. */
  PoolEvents NONE = new PoolEvents() {
  };

  /**
   * A take completed.
   *
   * @param result {@code hit}, {@code waited}, {@code timed_out}, or the rejection reason in lower case
   * @param latencyNanos from {@code take()} to the decision
   */
  default void takeCompleted(String result, long latencyNanos) {
  }

  /**
   * A secret was handed out.
   *
   * @param remainingLifeNanos its remaining life on the pool's conservative estimate
   */
  default void handedOut(long remainingLifeNanos) {
  }

  /**
   * A mint call completed.
   *
   * @param success whether it returned a secret
   * @param latencyNanos its round trip
   */
  default void mintCompleted(boolean success, long latencyNanos) {
  }
}
