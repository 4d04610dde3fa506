package io.realtimesecrets.gateway.impl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Logs a repeated warning once per interval per cause, with a count of the ones held back: an upstream
 * refusing every mint would otherwise write one line per {@code /token} call. The first occurrence of a
 * cause is logged at once; later ones within the interval are counted, and the first one after it is logged
 * with {@code (N more like this in the last S s)}. Thread safe; time from the injected clock.
 */
public final class WarningLimiter {

  /** Interval within which one cause is logged once = 60 s. */
  public static final long DEFAULT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);
  /** Most causes remembered; beyond it the memory is cleared (causes are few: profile and error kind). */
  private static final int MAX_CAUSES = 256;

  private final Logger log;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /**
   * Creates the limiter.
   *
   * @param log where to log
   * @param intervalNanos the interval, positive
   * @param nanoClock monotonic nanoseconds
   */
  public WarningLimiter(Logger log, long intervalNanos, LongSupplier nanoClock) {
    this.log = log;
    this.intervalNanos = intervalNanos;
    this.nanoClock = nanoClock;
  }

  /**
   * Logs a warning unless the same message was logged within the interval.
   *
   * @param message the message; identical messages are one cause (so it must not carry per-call values)
   */
  public void warn(String message) {
    long now = nanoClock.getAsLong();
    if (windows.size() > MAX_CAUSES) {
      windows.clear();
    }
    long[] held = {-1};
    windows.compute(message, (k, w) -> {
      if (w == null || now - w.start >= intervalNanos) {
        held[0] = w == null ? 0 : w.suppressed;
        return new Window(now);
      }
      w.suppressed++;
      return w;
    });
    if (held[0] == 0) {
      log.log(Level.WARNING, message);
    } else if (held[0] > 0) {
      log.log(Level.WARNING, message + " (" + held[0] + " more like this since the last such line, within "
          + TimeUnit.NANOSECONDS.toSeconds(intervalNanos) + " s)");
    }
  }

  private static final class Window {
    final long start;
    long suppressed;

    Window(long start) {
      this.start = start;
    }
  }
}
