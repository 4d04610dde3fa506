package io.realtimesecrets.client.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ErrorTranslatorTest {

  private static MultiMap headers(String... kv) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < kv.length; i += 2) {
      m.add(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void retryAfterMillisecondsWinsOverSeconds() {
    assertEquals(Duration.ofMillis(250), ErrorTranslator.retryAfter(headers("retry-after-ms", "250", "retry-after", "3"), null));
  }

  @Test
  void retryAfterInSecondsAndFractions() {
    assertEquals(Duration.ofSeconds(20), ErrorTranslator.retryAfter(headers("Retry-After", "20"), null));
    assertEquals(Duration.ofMillis(1500), ErrorTranslator.retryAfter(headers("Retry-After", "1.5"), null));
  }

  @Test
  void retryAfterAsHttpDateIsMeasuredFromTheServersOwnDate() {
    Instant serverNow = Instant.parse("2026-11-25T10:00:00Z");
    Duration d = ErrorTranslator.retryAfter(headers("Retry-After", "Wed, 25 Nov 2026 10:00:07 GMT"), serverNow);
    assertEquals(Duration.ofSeconds(7), d);
  }

  @Test
  void garbageRetryAfterIsIgnored() {
    assertNull(ErrorTranslator.retryAfter(headers("Retry-After", "later"), null));
    assertNull(ErrorTranslator.retryAfter(headers(), null));
  }

  @Test
  void scrubRemovesTheKeyAndAnythingShapedLikeAKeyOrSecret() {
    String key = "sk-proj-0123456789abcdefghijklmnop";
    ErrorTranslator t = new ErrorTranslator(key);
    String scrubbed = t.scrub("Incorrect API key provided: " + key + "; secret ek_68af0123456789abcdef0123 leaked");
    assertFalse(scrubbed.contains(key), scrubbed);
    assertFalse(scrubbed.contains("ek_68af0123456789abcdef0123"), scrubbed);
    assertTrue(scrubbed.contains("ek_68af0…"), scrubbed);
  }

  @Test
  void azureHostsAreRecognised() {
    assertTrue(RealtimeSecretsClientImpl.isAzureHost("my-res.openai.azure.com"));
    assertFalse(RealtimeSecretsClientImpl.isAzureHost("api.openai.com"));
  }
}
