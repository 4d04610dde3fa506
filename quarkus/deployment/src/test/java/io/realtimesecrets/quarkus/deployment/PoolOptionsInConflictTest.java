package io.realtimesecrets.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pool options that contradict each other stop the start, naming the pool and the properties in kebab case. */
class PoolOptionsInConflictTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .withEmptyApplication()
      .overrideConfigKey("quarkus.realtime-secrets.pools.voice.min-idle", "5")
      .overrideConfigKey("quarkus.realtime-secrets.pools.voice.max-idle", "2")
      .assertException(e -> {
        String m = ConfigErrors.messages(e);
        assertTrue(m.contains("quarkus.realtime-secrets.pools.voice: min-idle (5) must not exceed max-idle (2)"), m);
      });

  @Test
  void refusesToStart() {
    fail("the app must not start");
  }
}
