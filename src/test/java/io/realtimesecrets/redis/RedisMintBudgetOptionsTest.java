package io.realtimesecrets.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The options' defaults, JSON form and refusals; none of them needs a Redis. */
class RedisMintBudgetOptionsTest {

  @Test
  void theJsonFormRoundTripsWithoutTheConnectionStringWhichMayHoldThePassword() {
    RedisMintBudgetOptions o = new RedisMintBudgetOptions()
        .setConnectionString("redis://:pw-in-url@redis.internal:6379").setMintsPerSecond(12.5).setBurst(3)
        .setKey("org-a").setTimeout(Duration.ofMillis(250)).setRetryInterval(Duration.ofSeconds(2))
        .setExpectedReplicas(4).setMaxPause(Duration.ofSeconds(30));
    RedisMintBudgetOptions back = new RedisMintBudgetOptions(o.toJson());
    assertEquals(o.toJson(), back.toJson());
    assertEquals(RedisMintBudgetOptions.DEFAULT_CONNECTION_STRING, back.getConnectionString());
    assertFalse(o.toJson().encode().contains("pw-in-url"));
    assertFalse(o.toString().contains("pw-in-url"));
    assertEquals(o.toJson(), new RedisMintBudgetOptions(o).toJson());
  }

  @Test
  void refusesValuesThatCannotWorkWithoutRepeatingTheUrl() {
    RedisMintBudgetOptions o = new RedisMintBudgetOptions();
    IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
        () -> o.setConnectionString("http://:pw-in-url@host"));
    assertFalse(url.getMessage().contains("pw-in-url"));
    assertThrows(IllegalArgumentException.class, () -> o.setMintsPerSecond(-1));
    assertThrows(IllegalArgumentException.class, () -> o.setMintsPerSecond(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> o.setBurst(0));
    assertThrows(IllegalArgumentException.class, () -> o.setKey("a{b}"));
    assertThrows(IllegalArgumentException.class, () -> o.setExpectedReplicas(0));
    assertThrows(IllegalArgumentException.class, () -> o.setTimeout(Duration.ZERO));
  }

  @Test
  void aBudgetNeedsTheFleetRate() {
    Vertx vertx = Vertx.vertx();
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RedisMintBudget.create(vertx, new RedisMintBudgetOptions()));
      assertEquals("mintsPerSecond: must be set, above 0 (the fleet's mints per second)", e.getMessage());
    } finally {
      vertx.close();
    }
  }
}
