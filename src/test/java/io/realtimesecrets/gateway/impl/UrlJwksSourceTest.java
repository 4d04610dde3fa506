package io.realtimesecrets.gateway.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the cache life of a fetched JWKS is read from its Cache-Control header. */
class UrlJwksSourceTest {

  @Test
  void readsMaxAgeAmongOtherDirectivesInAnyCase() {
    assertEquals(Duration.ofSeconds(3600), UrlJwksSource.maxAge("public, max-age=3600, must-revalidate"));
    assertEquals(Duration.ofSeconds(60), UrlJwksSource.maxAge("Max-Age=60"));
    assertEquals(Duration.ofSeconds(0), UrlJwksSource.maxAge("max-age=0"));
  }

  @Test
  void treatsNoStoreAndNoCacheAsNoLifeWhateverElseIsSaid() {
    assertEquals(Duration.ZERO, UrlJwksSource.maxAge("no-store"));
    assertEquals(Duration.ZERO, UrlJwksSource.maxAge("max-age=3600, no-cache"));
  }

  @Test
  void saysNothingForAMissingOrUnreadableMaxAge() {
    assertNull(UrlJwksSource.maxAge(null));
    assertNull(UrlJwksSource.maxAge("public"));
    assertNull(UrlJwksSource.maxAge("max-age=soon"));
    assertNull(UrlJwksSource.maxAge("max-age=99999999999999999999"));
  }
}
