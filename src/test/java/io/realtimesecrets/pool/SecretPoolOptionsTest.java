package io.realtimesecrets.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecretPoolOptionsTest {

  @Test
  void defaultsAreTheDocumentedConstants() {
    SecretPoolOptions o = new SecretPoolOptions();
    assertEquals(1, o.getMinIdle());
    assertEquals(1000, o.getMaxIdle());
    assertNull(o.getMinRemainingLife(), "null: 30 s capped at half the TTL");
    assertEquals(Duration.ofSeconds(30), SecretPoolOptions.DEFAULT_MIN_REMAINING_LIFE);
    assertEquals(4096, o.getMaxWaiters());
    assertEquals(Duration.ofSeconds(10), o.getAcquireTimeout());
    assertEquals(16, o.getInitialInFlight());
    assertEquals(64, o.getMaxInFlight());
    assertEquals(Duration.ofMillis(250), o.getTick());
  }

  @Test
  void jsonRoundTripKeepsEveryOption() {
    SecretPoolOptions o = new SecretPoolOptions().setMinIdle(3).setMaxIdle(50).setMinRemainingLife(Duration.ofSeconds(20))
        .setSecretTtl(Duration.ofSeconds(120)).setAcquireTimeout(Duration.ofMillis(1500)).setTargetSafetyZ(2.5);
    SecretPoolOptions back = new SecretPoolOptions(o.toJson());
    assertEquals(o, back);
    assertEquals(o.toJson(), new SecretPoolOptions(o).toJson(), "copy constructor copies everything");
  }

  @Test
  void jsonAcceptsDurationsWithUnits() {
    SecretPoolOptions o = new SecretPoolOptions(new JsonObject().put("acquireTimeout", "2s")
        .put("tick", "100ms").put("idleSleepAfter", "PT5M").put("mintTimeout", 3000));
    assertEquals(Duration.ofSeconds(2), o.getAcquireTimeout());
    assertEquals(Duration.ofMillis(100), o.getTick());
    assertEquals(Duration.ofMinutes(5), o.getIdleSleepAfter());
    assertEquals(Duration.ofSeconds(3), o.getMintTimeout());
  }

  @Test
  void unknownOrInvalidJsonFieldsAreRejectedNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SecretPoolOptions(new JsonObject().put("minIdel", 3)));
    assertTrue(e.getMessage().contains("'minIdel'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SecretPoolOptions(new JsonObject().put("acquireTimeout", "soon")));
    assertTrue(e.getMessage().contains("acquireTimeout"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SecretPoolOptions(new JsonObject().put("minIdle", -1)));
    assertTrue(e.getMessage().contains("minIdle"), e.getMessage());
  }

  @Test
  void badValuesAreRejectedWithTheRule() {
    assertThrows(IllegalArgumentException.class, () -> new SecretPoolOptions().setMaxInFlight(0));
    assertThrows(IllegalArgumentException.class, () -> new SecretPoolOptions().setTick(Duration.ofMillis(10)));
    assertThrows(IllegalArgumentException.class, () -> new SecretPoolOptions().setWasteCapRatio(0));
    assertThrows(IllegalArgumentException.class, () -> new SecretPoolOptions().setAcquireTimeout(null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SecretPoolOptions().setMinIdle(10).setMaxIdle(5).validate());
    assertTrue(e.getMessage().contains("minIdle") && e.getMessage().contains("maxIdle"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SecretPoolOptions().setInitialInFlight(100).validate());
    assertTrue(e.getMessage().contains("initialInFlight"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SecretPoolOptions()
        .setSecretTtl(Duration.ofSeconds(10)).setMinRemainingLife(Duration.ofSeconds(6)).validate());
    assertTrue(e.getMessage().contains("half"), e.getMessage());
  }

  @Test
  void maxMintRateDefaultsToNoneRoundTripsThroughJsonAndTheBudgetIsCopiedButNotWritten() {
    assertEquals(0, new SecretPoolOptions().getMaxMintRate());
    assertEquals(SecretPoolOptions.DEFAULT_MAX_MINT_RATE, new SecretPoolOptions().getMaxMintRate());
    assertNull(new SecretPoolOptions().getMintBudget());
    SecretPoolOptions o = new SecretPoolOptions().setMaxMintRate(20);
    assertEquals(20, new SecretPoolOptions(o.toJson()).getMaxMintRate());
    assertEquals(15, new SecretPoolOptions(new JsonObject().put("maxMintRate", 15)).getMaxMintRate());
    MintBudget shared = MintBudget.local(5);
    SecretPoolOptions withBudget = new SecretPoolOptions().setMintBudget(shared);
    assertTrue(new SecretPoolOptions(withBudget).getMintBudget() == shared, "copied, the same instance (shared)");
    assertTrue(!withBudget.toJson().containsKey("mintBudget"));
    assertThrows(IllegalArgumentException.class, () -> new SecretPoolOptions().setMaxMintRate(-1));
    assertThrows(IllegalArgumentException.class, () -> MintBudget.local(0));
  }

  @Test
  void aLocalMintBudgetSpreadsMintsOneIntervalApartWithoutBursts() {
    VirtualPoolClock clock = new VirtualPoolClock();
    MintBudget budget = MintBudget.local(20, clock);
    assertEquals(Duration.ZERO, budget.acquire().result());
    Duration wait = budget.acquire().result();
    assertEquals(Duration.ofMillis(50), wait, "the second mint of the same instant waits one interval");
    clock.advance(Duration.ofSeconds(10));
    assertEquals(Duration.ZERO, budget.acquire().result());
    assertTrue(budget.acquire().result().toMillis() > 0, "an idle budget saves up no burst");
  }

  @Test
  void aWaitingCallersMintGoesAheadOfRefillsButTheRateStillHolds() {
    VirtualPoolClock clock = new VirtualPoolClock();
    MintBudget budget = MintBudget.local(20, clock); // one every 50 ms
    assertEquals(Duration.ZERO, budget.acquire().result());
    assertEquals(Duration.ofMillis(50), budget.acquire().result(), "a refill waits its turn");
    assertEquals(Duration.ZERO, budget.acquireForWaitingCaller().result(), "a waiting caller's mint borrows one");
    assertEquals(Duration.ofMillis(100), budget.acquire().result(), "so the refills wait one interval longer");
    assertEquals(Duration.ofMillis(50), budget.acquireForWaitingCaller().result(), "it borrows one, not more");
    // only waiting callers, as fast as they may: the rate plus the one borrowed mint, never more
    int granted = 0;
    for (int ms = 0; ms < 10_000; ms++) {
      if (budget.acquireForWaitingCaller().result().isZero()) {
        granted++;
      }
      clock.advance(Duration.ofMillis(1));
    }
    assertTrue(granted <= 10 * 20 + 1, "granted " + granted);
    assertTrue(granted >= 10 * 20 - 1, "granted " + granted);
  }

  @Test
  void oneBudgetIsSharedByEveryPoolItIsGivenTo() {
    // snippet:pool-shared-budget
    MintBudget budget = MintBudget.local(20);                 // the organisation's limit, in mints per second
    SecretPoolOptions voice = new SecretPoolOptions().setMinIdle(4).setMintBudget(budget);
    SecretPoolOptions support = new SecretPoolOptions().setMinIdle(2).setMintBudget(budget);
    // end:pool-shared-budget
    assertTrue(voice.getMintBudget() == support.getMintBudget());
    assertEquals(Duration.ZERO, budget.acquire().result());
    assertTrue(support.getMintBudget().acquire().result().toMillis() > 0, "the second mint of the instant waits");
  }
}
