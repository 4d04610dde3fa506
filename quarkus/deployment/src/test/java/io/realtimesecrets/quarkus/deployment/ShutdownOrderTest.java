package io.realtimesecrets.quarkus.deployment;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.QuarkusUnitTest;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolException;
import io.realtimesecrets.pool.SecretPoolStats;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsRuntime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What happens when the app stops with mints in flight (the mock answers after 3 s): the pools close first and
 * their in-flight mints still complete (the client and the mock are still open), then the client closes; Quarkus's
 * Vert.x stays open.
 */
class ShutdownOrderTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .withEmptyApplication()
      .overrideConfigKey("quarkus.realtime-secrets.devservices.latency", "3s");

  @Inject
  SecretPool<ClientSecret> pool;

  @Inject
  RealtimeSecretsClient client;

  @Inject
  Vertx vertx;

  @Test
  void poolsCloseBeforeTheClientSoMintsInFlightSettleWithoutErrors() throws Exception {
    // more takes than the stock (min-idle 1) can serve, even if the boot's mint has landed: some wait
    List<Future<ClientSecret>> takes = List.of(pool.take(), pool.take(), pool.take());
    await().atMost(Duration.ofSeconds(2)).until(() -> pool.stats().inFlight() >= 1);

    // the bean's destroyer, as at shutdown (there it runs on the main thread too)
    InjectableBean<RealtimeSecretsRuntime> bean = Arc.container().instance(RealtimeSecretsRuntime.class).getBean();
    Arc.container().getActiveContext(Singleton.class).destroy(bean);

    SecretPoolStats stats = pool.stats();
    assertEquals(0, stats.upstreamErrors().values().stream().mapToLong(Long::longValue).sum(),
        "no mint failed: the client and the mock outlived the pool " + stats.upstreamErrors());
    assertTrue(stats.discarded().get(SecretPoolStats.DiscardReason.CLOSED) >= 1,
        "the secret minted while closing went to nobody: " + stats.discarded());
    Future<ClientSecret> waiter = takes.get(takes.size() - 1);
    assertEquals(SecretPoolException.Reason.CLOSED,
        ((SecretPoolException) failureOf(waiter)).reason(), "a waiter was told the pool closed");
    assertInstanceOf(IllegalStateException.class,
        failureOf(client.createClientSecret(ClientSecretRequest.minimal())), "then the client closed");
    Promise<Void> tick = Promise.promise();
    vertx.setTimer(1, id -> tick.complete());
    tick.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    return e.getCause();
  }
}
