package io.realtimesecrets.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A mint request that is not JSON stops the start, naming the property. */
class RequestNotJsonTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .withEmptyApplication()
      .overrideConfigKey("quarkus.realtime-secrets.pools.default.request", "{\"session\":")
      .assertException(e -> {
        String m = ConfigErrors.messages(e);
        assertTrue(m.contains("quarkus.realtime-secrets.pools.default.request: "), m);
      });

  @Test
  void refusesToStart() {
    fail("the app must not start");
  }
}
