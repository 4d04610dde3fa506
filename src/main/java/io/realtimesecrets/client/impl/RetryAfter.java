package io.realtimesecrets.client.impl;

import io.realtimesecrets.client.ApiException;
import io.vertx.core.MultiMap;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The delay an upstream asks for before the next request, read from OpenAI's {@code retry-after-ms}
 * (milliseconds) or the standard {@code Retry-After} (RFC 9110 section 10.2.3: delay-seconds, or an
 * HTTP-date measured from the answer's own {@code Date}, else from the clock).
 *
 * <p>Whatever the upstream sends, the result is {@code null} (no usable header) or a Duration from 0 to
 * {@link ApiException#MAX_RETRY_AFTER}: a value too large to mean anything is capped there, one that is not
 * a number of the grammar ({@code Infinity}, {@code -1}, {@code 1e9}, text) is ignored. Both headers may
 * carry a decimal fraction, as OpenAI's own SDKs accept; a fraction of a millisecond rounds up.
 */
final class RetryAfter {

  /** Digits with an optional fraction: no sign, exponent, {@code Infinity} or {@code NaN}. */
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");
  /** Longer digit strings are certainly above the cap; checking the length first bounds the parse. */
  private static final int MAX_DIGITS = 18;
  private static final long CAP_MILLIS = ApiException.MAX_RETRY_AFTER.toMillis();

  /** RFC 850 dates (obsolete, but recipients must accept them): {@code Sunday, 06-Nov-94 08:49:37 GMT}. */
  private static final DateTimeFormatter RFC_850 =
      DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US);
  /** C's asctime() format (obsolete, but recipients must accept it): {@code Sun Nov  6 08:49:37 1994}. */
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

  private RetryAfter() {
  }

  /**
   * The delay the answer asks for.
   *
   * @param headers the answer's headers
   * @param serverDate the answer's {@code Date}, or {@code null}
   * @param clock the clock an HTTP-date is measured from when the answer has no {@code Date}
   * @return {@code null}, or a Duration from 0 to {@link ApiException#MAX_RETRY_AFTER}
   */
  static Duration parse(MultiMap headers, Instant serverDate, Clock clock) {
    Long ms = millis(headers.get("retry-after-ms"), 1);
    if (ms != null) {
      return Duration.ofMillis(ms);
    }
    String value = headers.get("retry-after");
    if (value == null) {
      return null;
    }
    Long fromSeconds = millis(value, 1000);
    if (fromSeconds != null) {
      return Duration.ofMillis(fromSeconds);
    }
    Instant at = httpDate(value, clock);
    if (at == null) {
      return null;
    }
    Instant now = serverDate != null ? serverDate : clock.instant();
    if (!at.isAfter(now)) {
      return Duration.ZERO;
    }
    // both instants are within Instant's range, so the difference in seconds cannot overflow a long
    long seconds = at.getEpochSecond() - now.getEpochSecond();
    return seconds >= ApiException.MAX_RETRY_AFTER.getSeconds()
        ? ApiException.MAX_RETRY_AFTER : Duration.between(now, at);
  }

  /** A decimal number of {@code unitMillis} as whole milliseconds (rounded up), capped; else {@code null}. */
  private static Long millis(String value, int unitMillis) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (!DECIMAL.matcher(v).matches()) {
      return null;
    }
    int dot = v.indexOf('.');
    if ((dot < 0 ? v.length() : dot) > MAX_DIGITS) {
      return CAP_MILLIS;
    }
    BigDecimal asked = new BigDecimal(v).multiply(BigDecimal.valueOf(unitMillis)).setScale(0, RoundingMode.CEILING);
    return asked.compareTo(BigDecimal.valueOf(CAP_MILLIS)) >= 0 ? CAP_MILLIS : asked.longValueExact();
  }

  /**
   * An HTTP-date in any of the three formats RFC 9110 section 5.6.7 makes recipients accept.
   *
   * @param value the header value
   * @param clock the clock that places a two-digit RFC 850 year in its century
   * @return the instant, or {@code null} when the value is none of them
   */
  static Instant httpDate(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException notImfFixdate) {
      // try the obsolete forms
    }
    try {
      ZonedDateTime at = LocalDateTime.parse(v, RFC_850).atZone(ZoneOffset.UTC);
      // yy reads 00-99 as 2000-2099; RFC 9110: a date more than 50 years ahead meant the previous century
      if (at.isAfter(ZonedDateTime.now(clock).plusYears(50))) {
        at = at.minusYears(100);
      }
      return at.toInstant();
    } catch (DateTimeException notRfc850) {
      // try asctime
    }
    try {
      return LocalDateTime.parse(v, ASCTIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException notAsctime) {
      return null;
    }
  }
}
