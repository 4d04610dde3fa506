package io.realtimesecrets.examples.tokenservice;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * Wires the library into Quarkus: one client and one pool, both on the Vert.x instance Quarkus manages
 * (injected as {@code io.vertx.core.Vertx}; the library never creates or closes one).
 */
@ApplicationScoped
public class RealtimeSecretsBeans {

  private static final Logger LOG = Logger.getLogger(RealtimeSecretsBeans.class);

  // @Startup: application-scoped beans are otherwise created on first use, which here would be the pool's
  // first mint on an event loop; config errors should fail the boot, not a request.
  @Produces
  @ApplicationScoped
  @Startup
  RealtimeSecretsClient client(Vertx vertx, RealtimeSecretsConfig config, Instance<MockUpstream> mock) {
    String baseUrl = config.mock().enabled() ? mock.get().baseUrl() : config.baseUrl();
    return RealtimeSecretsClient.create(vertx, new RealtimeSecretsClientOptions()
        .setApiKey(config.apiKey())
        .setBaseUrl(baseUrl));
  }

  @Produces
  @ApplicationScoped
  @Startup
  SecretPool<ClientSecret> pool(Vertx vertx, RealtimeSecretsClient client, RealtimeSecretsConfig config) {
    return SecretPool.create(vertx, client, ClientSecretRequest.fromJson(config.request()),
        new SecretPoolOptions()
            .setMinIdle(config.pool().minIdle())
            .setMaxIdle(config.pool().maxIdle())
            .setMinRemainingLife(config.pool().minRemainingLife())
            .setAcquireTimeout(config.pool().acquireTimeout()));
  }

  /** Pre-warms the pool at boot; the app starts serving without waiting for it. */
  void warm(@Observes StartupEvent event, SecretPool<ClientSecret> pool) {
    pool.start().onFailure(e -> LOG.warnf("secret pool not warm yet, it keeps minting in the background: %s",
        e.getMessage()));
  }

  /** Stops minting and fails waiters at once; in-flight mints settle in the background. Non-blocking. */
  void close(@Disposes SecretPool<ClientSecret> pool) {
    pool.close();
  }

  /**
   * Releases the connections, after the pool has stopped minting: ArC disposes beans in no fixed order, so the
   * pool is closed here too (close() is idempotent). Non-blocking; Quarkus's Vert.x is never closed here.
   */
  void close(@Disposes RealtimeSecretsClient client, SecretPool<ClientSecret> pool) {
    pool.close();
    client.close();
  }
}
