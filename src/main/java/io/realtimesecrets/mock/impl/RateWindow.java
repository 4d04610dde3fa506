package io.realtimesecrets.mock.impl;

/**
 * A fixed one-minute request window, as reported by the {@code x-ratelimit-*-requests} headers. Thread safe.
 */
final class RateWindow {

  private static final long WINDOW_MS = 60_000;

  /** One request's view of the window. */
  record Snapshot(int limit, int remaining, long resetMillis, boolean exceeded) {
  }

  private final int limit;
  private long windowStart = Long.MIN_VALUE;
  private int used;

  RateWindow(int limit) {
    this.limit = limit;
  }

  /** Counts one request at {@code nowMillis} and describes the window after it. */
  synchronized Snapshot take(long nowMillis) {
    if (windowStart == Long.MIN_VALUE || nowMillis - windowStart >= WINDOW_MS || nowMillis < windowStart) {
      windowStart = nowMillis;
      used = 0;
    }
    boolean exceeded = used >= limit;
    if (!exceeded) {
      used++;
    }
    long reset = Math.max(1, windowStart + WINDOW_MS - nowMillis);
    return new Snapshot(limit, limit - used, reset, exceeded);
  }

  synchronized void reset() {
    windowStart = Long.MIN_VALUE;
    used = 0;
  }

  /** OpenAI's duration form for {@code x-ratelimit-reset-*}: {@code 20ms}, {@code 1s}, {@code 17.28s}, {@code 6m0s}. */
  static String durationText(long millis) {
    if (millis < 1000) {
      return millis + "ms";
    }
    long minutes = millis / 60_000;
    long restMs = millis % 60_000;
    String seconds = restMs % 1000 == 0 ? Long.toString(restMs / 1000)
        : stripZeros(String.format(java.util.Locale.ROOT, "%d.%03d", restMs / 1000, restMs % 1000));
    return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
  }

  private static String stripZeros(String s) {
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    return s.substring(0, end);
  }
}
