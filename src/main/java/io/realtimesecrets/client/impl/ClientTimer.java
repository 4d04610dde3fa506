package io.realtimesecrets.client.impl;

import io.vertx.core.Context;

/**
 * Monotonic time and delayed execution for the retry loop, injectable so tests check retry delays without
 * waiting. The production form uses {@link System#nanoTime()} and Vert.x timers.
 */
public interface ClientTimer {

  /**
   * Monotonic time.
   *
   * @return nanoseconds from an arbitrary origin
   */
  long nanoTime();

  /**
   * Runs {@code task} on {@code context} after {@code delayMillis}.
   *
   * @param context the context to run on
   * @param delayMillis the delay, 0 or more
   * @param task the task
   */
  void schedule(Context context, long delayMillis, Runnable task);
}
