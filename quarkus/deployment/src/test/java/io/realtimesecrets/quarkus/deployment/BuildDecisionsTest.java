package io.realtimesecrets.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the build decides from the config, without building an app: Dev Services and the pool names. */
class BuildDecisionsTest {

  static SmallRyeConfig config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
  }

  @Test
  void devServicesStartTheMockInDevAndTestModeWhenTheAppHasNoUpstream() {
    SmallRyeConfig none = config(Map.of());

    assertTrue(DevServicesDecision.startMock(LaunchMode.DEVELOPMENT, true, none));
    assertTrue(DevServicesDecision.startMock(LaunchMode.TEST, true, none));
  }

  @Test
  void devServicesNeverRunInProdModeNorWhenDisabledNorWithAKeyOrUrl() {
    SmallRyeConfig none = config(Map.of());

    assertFalse(DevServicesDecision.startMock(LaunchMode.NORMAL, true, none), "never in prod mode");
    assertFalse(DevServicesDecision.startMock(LaunchMode.TEST, false, none), "devservices.enabled=false");
    assertFalse(DevServicesDecision.startMock(LaunchMode.TEST, true,
        config(Map.of("quarkus.realtime-secrets.api-key", "sk-x"))), "the app has a key");
    assertFalse(DevServicesDecision.startMock(LaunchMode.DEVELOPMENT, true,
        config(Map.of("quarkus.realtime-secrets.base-url", "http://127.0.0.1:9/v1"))), "the app has an upstream");
  }

  @Test
  void poolNamesComeFromAnyPropertyOfThePoolWithDefaultFirstAndDefaultAloneWhenNoneIsConfigured() {
    SmallRyeConfig some = config(Map.of(
        "quarkus.realtime-secrets.pools.voice.min-idle", "2",
        "quarkus.realtime-secrets.pools.\"eu.voice\".request", "{}",
        "quarkus.realtime-secrets.pools.default.max-idle", "9",
        "quarkus.realtime-secrets.api-key", "sk-x"));

    assertEquals(List.of("default", "eu.voice", "translate", "voice"), PoolNames.configured(some, Set.of("translate")));
    assertEquals(List.of("default"), PoolNames.configured(config(Map.of()), Set.of()));
    assertNull(PoolNames.nameIn("quarkus.realtime-secrets.pools"));
  }
}
