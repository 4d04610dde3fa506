package io.realtimesecrets.client.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.realtimesecrets.client.ApiException;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Retry-After} as RFC 9110 section 10.2.3 defines it (delay-seconds or an HTTP-date in any of the
 * three formats recipients must accept), plus OpenAI's {@code retry-after-ms}; whatever the upstream sends,
 * the result is {@code null} or a Duration between 0 and {@link ApiException#MAX_RETRY_AFTER}.
 */
class RetryAfterTest {

  static final Instant SERVER_NOW = Instant.parse("2026-11-25T10:00:00Z");

  private static MultiMap headers(String... kv) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < kv.length; i += 2) {
      m.add(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Duration parse(String name, String value) {
    return ErrorTranslator.retryAfter(headers(name, value), SERVER_NOW);
  }

  @Test
  void delaySecondsAreReadAsSeconds() {
    assertEquals(Duration.ofSeconds(1), parse("Retry-After", "1"));
    assertEquals(Duration.ofSeconds(120), parse("Retry-After", " 120 "));
    assertEquals(Duration.ZERO, parse("Retry-After", "0"));
  }

  @Test
  void retryAfterMsIsReadAsMillisecondsAndWinsOverRetryAfter() {
    assertEquals(Duration.ofMillis(250), ErrorTranslator.retryAfter(
        headers("retry-after-ms", "250", "retry-after", "3"), SERVER_NOW));
    assertEquals(Duration.ofMillis(21), parse("retry-after-ms", "20.5"), "fractions round up, as OpenAI's SDKs read them");
  }

  @Test
  void anUnusableRetryAfterMsFallsBackToRetryAfter() {
    assertEquals(Duration.ofSeconds(3), ErrorTranslator.retryAfter(
        headers("retry-after-ms", "Infinity", "retry-after", "3"), SERVER_NOW));
  }

  @Test
  void anImfFixdateIsMeasuredFromTheServersOwnDate() {
    assertEquals(Duration.ofSeconds(7), parse("Retry-After", "Wed, 25 Nov 2026 10:00:07 GMT"));
  }

  @Test
  void theObsoleteRfc850AndAsctimeDatesAreAcceptedAsRfc9110Requires() {
    assertEquals(Duration.ofSeconds(30), parse("Retry-After", "Wednesday, 25-Nov-26 10:00:30 GMT"));
    assertEquals(Duration.ofSeconds(30), parse("Retry-After", "Wed Nov 25 10:00:30 2026"));
    assertEquals(Duration.ofSeconds(5), ErrorTranslator.retryAfter(headers("Retry-After", "Thu Nov  5 10:00:05 2026"),
        Instant.parse("2026-11-05T10:00:00Z")), "asctime pads a one-digit day with a space");
  }

  @Test
  void aDateInThePastMeansNoWait() {
    assertEquals(Duration.ZERO, parse("Retry-After", "Wed, 25 Nov 2026 09:59:00 GMT"));
  }

  @Test
  void withoutAServerDateAnHttpDateIsMeasuredFromTheInjectedClock() {
    Duration d = ErrorTranslator.retryAfter(headers("Retry-After", "Wed, 25 Nov 2026 10:00:09 GMT"), null,
        java.time.Clock.fixed(SERVER_NOW, java.time.ZoneOffset.UTC));
    assertEquals(Duration.ofSeconds(9), d);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10000000000", "99999999999999999999999999", "86400"})
  void hugeDelaySecondsAreCappedAtTheDocumentedMaximum(String value) {
    assertEquals(ApiException.MAX_RETRY_AFTER, parse("Retry-After", value));
    assertEquals(ApiException.MAX_RETRY_AFTER, parse("retry-after-ms", value + "000"));
  }

  @Test
  void aFarFutureDateIsCappedAtTheDocumentedMaximum() {
    assertEquals(ApiException.MAX_RETRY_AFTER, parse("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Infinity", "-Infinity", "NaN", "-1", "1e9", "0x10", "+5", "later", "", "  ", "5 s",
      "Wed, 25 Nov 2026", "Wed, 32 Nov 2026 10:00:07 GMT"})
  void anythingElseIsIgnored(String value) {
    assertNull(parse("Retry-After", value), value);
    assertNull(parse("retry-after-ms", value), value);
  }

  @Test
  void noHeaderNoDelay() {
    assertNull(ErrorTranslator.retryAfter(headers(), SERVER_NOW));
  }
}
