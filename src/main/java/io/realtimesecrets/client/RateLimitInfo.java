package io.realtimesecrets.client;

import java.time.Duration;
import java.time.Instant;

/**
 * The request rate-limit headers of one upstream response ({@code x-ratelimit-limit-requests},
 * {@code x-ratelimit-remaining-requests}, {@code x-ratelimit-reset-requests}).
 *
 * @param limitRequests the request limit of the window, or -1 when the header was absent
 * @param remainingRequests requests left in the window, or -1 when the header was absent
 * @param resetRequests time until the window resets (parsed from strings such as {@code 1s}, {@code 6m0s},
 *     {@code 250ms}), or {@code null} when absent or unparseable
 * @param observedAt when the response carrying them arrived (wall clock), or {@code null} for
 *     {@link #UNKNOWN}
 */
public record RateLimitInfo(long limitRequests, long remainingRequests, Duration resetRequests, Instant observedAt) {

  /**
   * The longest {@link #resetRequests()} ever reported: one day, the longest window OpenAI limits requests
   * over. A longer or absurd value (such as {@code 99999999999999999999h}) is reported as this, so callers
   * can add it to a clock and convert it to nanoseconds without overflow.
   */
  public static final Duration MAX_RESET = Duration.ofDays(1);

  /** No rate-limit headers seen yet. */
  public static final RateLimitInfo UNKNOWN = new RateLimitInfo(-1, -1, null, null);

  /**
   * Whether any of the three headers was present.
   *
   * @return true when at least one value is known
   */
  public boolean isKnown() {
    return limitRequests >= 0 || remainingRequests >= 0 || resetRequests != null;
  }

  /**
   * Parses an OpenAI reset duration such as {@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1h2m3.5s}, capped at
   * {@link #MAX_RESET}.
   *
   * @param text the header value, may be {@code null}
   * @return the duration, or {@code null} when the text is absent or not in that form
   */
  public static Duration parseResetDuration(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.trim();
    double totalMillis = 0;
    int i = 0;
    boolean any = false;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      if (start == i) {
        return null;
      }
      double number;
      try {
        number = Double.parseDouble(s.substring(start, i));
      } catch (NumberFormatException e) {
        return null;
      }
      int unitStart = i;
      while (i < s.length() && Character.isLetter(s.charAt(i))) {
        i++;
      }
      String unit = s.substring(unitStart, i);
      switch (unit) {
        case "h" -> totalMillis += number * 3_600_000d;
        case "m" -> totalMillis += number * 60_000d;
        case "s", "" -> totalMillis += number * 1_000d;
        case "ms" -> totalMillis += number;
        default -> {
          return null;
        }
      }
      any = true;
    }
    if (!any) {
      return null;
    }
    // compared as a double first: Infinity or 1e400 would round to Long.MAX_VALUE and overflow toNanos()
    return totalMillis >= MAX_RESET.toMillis() ? MAX_RESET : Duration.ofMillis(Math.round(totalMillis));
  }
}
