package io.realtimesecrets.pool;

import io.vertx.core.Vertx;
import java.util.Objects;

/**
 * The pool's only source of time: a monotonic clock for every deadline, the local wall clock (only to
 * measure skew against the upstream's {@code Date} header) and one-shot timers.
 *
 * <p>Production code uses {@link #system(Vertx)}: {@link System#nanoTime()} and Vert.x timers, so the pool
 * creates no thread of its own. Tests pass a {@link VirtualPoolClock} and drive hours of pool life in
 * milliseconds. Clock and scheduler are one interface on purpose: a virtual clock must move both together,
 * or timers and deadlines disagree.
 *
 * <p>The pool calls {@link #setTimer} and {@link #cancelTimer} only from its own context, and hops back to
 * that context itself when a timer fires elsewhere, so implementations need not care about contexts.
 */
public interface PoolClock {

  /**
   * The source of the pool's jitter (replacement times, backoff, pause stretch): with time and timers, the
   * only other input that makes two runs differ, so a test clock can fix it too.
   *
   * @return a uniformly distributed value in [0, 1)
   */
  default double nextJitter() {
    return java.util.concurrent.ThreadLocalRandom.current().nextDouble();
  }

  /**
   * Monotonic time, for deadlines. Only differences are meaningful.
   *
   * @return nanoseconds from an arbitrary origin, never going backwards
   */
  long nanoTime();

  /**
   * The local wall clock, used only to report clock skew against the upstream ({@code Date} header) and as
   * a last-resort expiry estimate when the upstream sends no {@code Date}.
   *
   * @return milliseconds since the epoch
   */
  long currentTimeMillis();

  /**
   * Runs {@code task} once after {@code delayMillis}.
   *
   * @param delayMillis the delay, at least 1 ms (smaller values are raised to 1 ms)
   * @param task what to run
   * @return an id for {@link #cancelTimer(long)}
   */
  long setTimer(long delayMillis, Runnable task);

  /**
   * Cancels a timer that has not fired yet; does nothing otherwise.
   *
   * @param id the id {@link #setTimer} returned
   */
  void cancelTimer(long id);

  /**
   * The production clock: {@link System#nanoTime()}, {@link System#currentTimeMillis()} and
   * {@link Vertx#setTimer(long, io.vertx.core.Handler)} (a timer set on a context fires on that context).
   *
   * @param vertx the Vert.x instance whose timers to use
   * @return the clock
   */
  static PoolClock system(Vertx vertx) {
    Objects.requireNonNull(vertx, "vertx");
    return new PoolClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public long currentTimeMillis() {
        return System.currentTimeMillis();
      }

      @Override
      public long setTimer(long delayMillis, Runnable task) {
        return vertx.setTimer(Math.max(1, delayMillis), id -> task.run());
      }

      @Override
      public void cancelTimer(long id) {
        vertx.cancelTimer(id);
      }

      @Override
      public String toString() {
        return "PoolClock.system";
      }
    };
  }
}
