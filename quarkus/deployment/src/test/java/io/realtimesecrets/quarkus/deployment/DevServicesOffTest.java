package io.realtimesecrets.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolException;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a base URL of its own the app gets no Dev Services, even in test mode: the pool mints from that URL (here a
 * closed loopback port, so it cannot mint) and no mock bean exists.
 */
class DevServicesOffTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .withEmptyApplication()
      .overrideConfigKey("quarkus.realtime-secrets.base-url", "http://127.0.0.1:1/v1")
      .overrideConfigKey("quarkus.realtime-secrets.api-key", "sk-test-not-a-real-key")
      .overrideConfigKey("quarkus.realtime-secrets.pools.default.acquire-timeout", "1s");

  @Inject
  SecretPool<ClientSecret> pool;

  @Test
  void noMockRunsAndThePoolMintsFromTheConfiguredUrl() {
    assertFalse(Arc.container().select(MockUpstream.class).isResolvable(), "no Dev Services mock");

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> pool.take().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));

    SecretPoolException failure = (SecretPoolException) e.getCause();
    // which of the two depends on how many mints failed by then: both say the upstream gave nothing
    assertTrue(failure.reason() == SecretPoolException.Reason.ACQUIRE_TIMEOUT
        || failure.reason() == SecretPoolException.Reason.CIRCUIT_OPEN, failure.getMessage());
    assertFalse(pool.stats().upstreamErrors().values().stream().allMatch(n -> n == 0),
        "the pool tried the configured URL: " + pool.stats().upstreamErrors());
  }
}
