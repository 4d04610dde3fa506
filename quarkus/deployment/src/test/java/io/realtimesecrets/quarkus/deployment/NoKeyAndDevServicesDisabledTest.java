package io.realtimesecrets.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** No key, no base URL and Dev Services off: the start stops, saying which property to set. */
class NoKeyAndDevServicesDisabledTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .withEmptyApplication()
      .overrideConfigKey("quarkus.realtime-secrets.devservices.enabled", "false")
      .assertException(e -> {
        String m = ConfigErrors.messages(e);
        assertTrue(m.contains("quarkus.realtime-secrets.api-key is not set"), m);
      });

  @Test
  void refusesToStart() {
    fail("the app must not start");
  }
}
