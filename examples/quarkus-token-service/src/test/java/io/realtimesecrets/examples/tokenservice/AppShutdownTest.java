package io.realtimesecrets.examples.tokenservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolException;
import io.vertx.core.Future;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsRuntime;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the extension does when the app stops, run on an app of its own because it destroys beans. */
@QuarkusTest
@TestProfile(AppShutdownTest.OwnApp.class)
class AppShutdownTest {

  /** A separate app instance: the beans destroyed here must not be the other tests' beans. */
  public static class OwnApp implements QuarkusTestProfile {
  }

  @Inject
  SecretPool<ClientSecret> pool;

  @Inject
  RealtimeSecretsClient client;

  @Test
  void stoppingTheExtensionClosesThePoolAndTheClient() throws Exception {
    SecretPool<ClientSecret> poolInstance = ClientProxy.unwrap(pool);
    RealtimeSecretsClient clientInstance = ClientProxy.unwrap(client);

    // what Quarkus does at shutdown: destroy the extension's bean that owns client and pools
    Arc.container().getActiveContext(Singleton.class)
        .destroy(Arc.container().instance(RealtimeSecretsRuntime.class).getBean());

    Throwable takeFailure = failureOf(poolInstance.take());
    assertInstanceOf(SecretPoolException.class, takeFailure);
    assertEquals(SecretPoolException.Reason.CLOSED, ((SecretPoolException) takeFailure).reason());
    assertInstanceOf(IllegalStateException.class,
        failureOf(clientInstance.createClientSecret(ClientSecretRequest.minimal())), "the client is closed");
  }

  private static Throwable failureOf(Future<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    return e.getCause();
  }
}
