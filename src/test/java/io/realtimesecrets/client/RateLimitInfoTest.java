package io.realtimesecrets.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitInfoTest {

  @Test
  void parsesTheDurationFormsOpenAiSends() {
    assertEquals(Duration.ofSeconds(1), RateLimitInfo.parseResetDuration("1s"));
    assertEquals(Duration.ofMinutes(6), RateLimitInfo.parseResetDuration("6m0s"));
    assertEquals(Duration.ofMillis(20), RateLimitInfo.parseResetDuration("20ms"));
    assertEquals(Duration.ofMillis(3_723_500), RateLimitInfo.parseResetDuration("1h2m3.5s"));
    assertEquals(Duration.ofMillis(1500), RateLimitInfo.parseResetDuration("1.5"));
  }

  @Test
  void unparseableDurationsAreUnknownNotErrors() {
    assertNull(RateLimitInfo.parseResetDuration(null));
    assertNull(RateLimitInfo.parseResetDuration(""));
    assertNull(RateLimitInfo.parseResetDuration("soon"));
    assertNull(RateLimitInfo.parseResetDuration("5 fortnights"));
  }

  @Test
  void unknownHasNoValues() {
    assertFalse(RateLimitInfo.UNKNOWN.isKnown());
  }

  @Test
  void anAbsurdResetIsCappedAtOneDaySoItCanBeAddedAndTurnedIntoNanoseconds() {
    for (String absurd : new String[] {"99999999999999999999h", "1" + "0".repeat(400) + "s", "9223372036854775807ms",
        "25h"}) {
      Duration d = RateLimitInfo.parseResetDuration(absurd);
      assertEquals(RateLimitInfo.MAX_RESET, d, absurd);
      d.toNanos();
    }
    assertEquals(Duration.ofHours(23), RateLimitInfo.parseResetDuration("23h"));
  }
}
