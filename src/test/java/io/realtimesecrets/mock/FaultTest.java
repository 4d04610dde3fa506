package io.realtimesecrets.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultTest {

  @Test
  void everyTextFormParsesToTheFaultItNames() {
    assertEquals(Fault.rateLimited(Duration.ZERO), Fault.parse("429"));
    assertEquals(Fault.rateLimited(Duration.ofSeconds(2)), Fault.parse("429:2"));
    assertEquals(Fault.rateLimited(Duration.ofMillis(1500)), Fault.parse("429:1500ms"));
    assertEquals(Fault.status(503, Duration.ofSeconds(5)), Fault.parse("503:5s"));
    assertEquals(Fault.insufficientQuota(), Fault.parse("quota"));
    assertEquals(Fault.reset(), Fault.parse(" RESET "));
    assertEquals(Fault.stall(), Fault.parse("stall"));
    assertEquals(Fault.stall(Duration.ofMillis(2000)), Fault.parse("stall:2000"));
    assertEquals(Fault.malformedJson(), Fault.parse("malformed"));
    assertEquals(Fault.truncatedJson(), Fault.parse("truncated"));
    assertEquals(Fault.wrongContentType(), Fault.parse("html"));
    assertEquals(Fault.expired(), Fault.parse("expired"));
    assertEquals(Fault.hugeBody(), Fault.parse("huge"));
    assertEquals(Fault.hugeBody(4096), Fault.parse("huge:4096"));
  }

  @Test
  void theTextFormRoundTrips() {
    for (Fault f : List.of(Fault.rateLimited(Duration.ofMillis(1500)), Fault.status(502), Fault.reset(),
        Fault.stall(), Fault.stall(Duration.ofMillis(30)), Fault.insufficientQuota(), Fault.hugeBody(2048),
        Fault.expired(), Fault.truncatedJson(), Fault.malformedJson(), Fault.wrongContentType())) {
      assertEquals(f, Fault.parse(f.spec()), f.spec());
    }
  }

  @Test
  void badTextIsRefusedNamingTheAcceptedForms() {
    for (String bad : new String[] {"", "teapot", "200", "600", "reset:3", "429:soon", "stall:-5", "huge:10"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fault.parse(bad), bad);
      assertFalse(e.getMessage().isEmpty());
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("teapot")).getMessage()
        .contains("expected a status 400..599"));
  }

  @Test
  void factoriesRefuseValuesOutsideTheirRange() {
    assertThrows(IllegalArgumentException.class, () -> Fault.status(302));
    assertThrows(IllegalArgumentException.class, () -> Fault.rateLimited(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> Fault.stall(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> FaultRule.next(0, Fault.reset()));
    assertThrows(IllegalArgumentException.class, () -> FaultRule.withProbability(1.5, Fault.reset()));
    assertThrows(IllegalArgumentException.class, () -> FaultRule.withProbability(0, Fault.reset()));
  }

  @Test
  void onlyShapingFaultsStillMint() {
    assertTrue(Fault.expired().mints());
    assertTrue(Fault.hugeBody().mints());
    assertTrue(Fault.stall(Duration.ofMillis(5)).mints());
    assertFalse(Fault.stall().mints());
    assertFalse(Fault.status(500).mints());
    assertFalse(Fault.reset().mints());
  }

  @Test
  void optionsRoundTripThroughJsonAndCopyWithoutLeakingTheKey() {
    MockUpstreamOptions o = new MockUpstreamOptions().setHost("::1").setPort(8089).setApiKey("sk-secret-abcdef-123456")
        .setLatency(Duration.ofMillis(25)).setLatencyJitter(Duration.ofMillis(5)).setClockOffset(Duration.ofSeconds(-30))
        .setSsl(true).setRateLimitRequestsPerMinute(60).setRateLimitEnforced(true).setBetaSecretTtl(Duration.ofSeconds(90))
        .setMaxRecordedSecrets(10).setRandomSeed(7L)
        .addFaultRule(FaultRule.next(3, Fault.status(503))).addFaultRule(FaultRule.withProbability(0.1, Fault.reset()));
    MockUpstreamOptions back = new MockUpstreamOptions(o.toJson());
    assertEquals(o.toJson(), back.toJson());
    assertEquals(o.toJson(), new MockUpstreamOptions(o).toJson());
    assertEquals(List.of(FaultRule.next(3, Fault.status(503)), FaultRule.withProbability(0.1, Fault.reset())),
        back.getFaultRules());
    assertFalse(o.toString().contains("sk-secret-abcdef-123456"));
    MockUpstreamOptions defaults = new MockUpstreamOptions();
    assertEquals(MockUpstreamOptions.DEFAULT_HOST, defaults.getHost());
    assertEquals(MockUpstreamOptions.DEFAULT_PORT, defaults.getPort());
  }

  @Test
  void optionSettersRefuseNonsense() {
    MockUpstreamOptions o = new MockUpstreamOptions();
    assertThrows(IllegalArgumentException.class, () -> o.setPort(70000));
    assertThrows(IllegalArgumentException.class, () -> o.setApiKey(" "));
    assertThrows(IllegalArgumentException.class, () -> o.setLatency(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> o.setRateLimitRequestsPerMinute(0));
    assertThrows(IllegalArgumentException.class, () -> o.setBetaSecretTtl(Duration.ofMillis(10)));
    assertThrows(IllegalArgumentException.class, () -> o.setMaxRecordedSecrets(-1));
  }
}
