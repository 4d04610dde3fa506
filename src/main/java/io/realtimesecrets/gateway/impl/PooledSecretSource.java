package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.gateway.GatewayProfile;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.pool.MintBudget;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.realtimesecrets.pool.SharedSecretStock;
import io.realtimesecrets.pool.impl.PendingTake;
import io.realtimesecrets.pool.impl.SecretPoolImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The source of a pooled profile: one {@link SecretPool} per profile per process, shared by every event
 * loop (the pool is thread safe and runs on its own context).
 */
public final class PooledSecretSource implements SecretSource {

  private final SecretPool<? extends EphemeralSecret> pool;
  private volatile AutoCloseable metrics;

  /**
   * Wraps a pool.
   *
   * @param pool the pool (closed with this source)
   */
  public PooledSecretSource(SecretPool<? extends EphemeralSecret> pool) {
    this.pool = pool;
  }

  /**
   * Creates the pool of a profile.
   *
   * @param vertx the Vert.x instance
   * @param client the client the pool mints with
   * @param profile the profile
   * @return the source, not started
   */
  public static PooledSecretSource create(Vertx vertx, RealtimeSecretsClient client, GatewayProfile profile) {
    return create(vertx, client, profile, null);
  }

  /**
   * Creates the pool of a profile, spending a budget of mints shared with the gateway's other pools.
   *
   * @param vertx the Vert.x instance
   * @param client the client the pool mints with
   * @param profile the profile
   * @param budget the shared budget, or {@code null} for the profile's own pool options
   * @return the source, not started
   */
  public static PooledSecretSource create(Vertx vertx, RealtimeSecretsClient client, GatewayProfile profile,
      MintBudget budget) {
    return create(vertx, client, profile, budget, null);
  }

  /**
   * Creates the pool of a profile, spending a shared budget of mints and sharing its stock with the fleet.
   *
   * @param vertx the Vert.x instance
   * @param client the client the pool mints with
   * @param profile the profile
   * @param budget the shared budget, or {@code null} for the profile's own pool options
   * @param sharedStock the fleet's stock of this profile, or {@code null} for none
   * @return the source, not started
   */
  public static PooledSecretSource create(Vertx vertx, RealtimeSecretsClient client, GatewayProfile profile,
      MintBudget budget, SharedSecretStock sharedStock) {
    SecretPoolOptions options = new SecretPoolOptions(profile.poolOptions());
    if (budget != null) {
      options.setMintBudget(budget);
    }
    if (sharedStock != null) {
      options.setSharedStock(sharedStock);
    }
    return new PooledSecretSource(pool(vertx, client, profile.request(), options));
  }

  private static <R extends EphemeralSecret> SecretPool<R> pool(Vertx vertx, RealtimeSecretsClient client,
      SecretRequest<R> request, SecretPoolOptions options) {
    return SecretPool.create(vertx, client, request, options);
  }

  /**
   * The pool behind this source.
   *
   * @return the pool
   */
  public SecretPool<? extends EphemeralSecret> pool() {
    return pool;
  }

  @Override
  public Future<Void> start() {
    return pool.start();
  }

  @Override
  public boolean isReady() {
    return pool.isReady();
  }

  @Override
  public boolean perUser() {
    return false;
  }

  @Override
  public Future<? extends EphemeralSecret> take(String safetyIdentifier) {
    return pool.take();
  }

  @Override
  public Future<? extends EphemeralSecret> take(String safetyIdentifier, Future<?> callerGone) {
    if (pool instanceof SecretPoolImpl) {
      return cancellable((SecretPoolImpl<? extends EphemeralSecret>) pool, callerGone);
    }
    return pool.take();
  }

  private static <R extends EphemeralSecret> Future<R> cancellable(SecretPoolImpl<R> pool, Future<?> callerGone) {
    PendingTake<R> pending = pool.takeCancellable();
    callerGone.onComplete(v -> pending.cancel());
    return pending.future();
  }

  @Override
  public void bindMetrics(Object meterRegistry, String profile) {
    metrics = PoolMetricsBinding.bind(pool, meterRegistry, profile);
  }

  @Override
  public Future<Void> close() {
    return pool.close().andThen(ar -> {
      AutoCloseable m = metrics;
      if (m != null) {
        try {
          m.close();
        } catch (Exception e) {
          // unregistering meters cannot fail in a way worth failing the close for
        }
      }
    });
  }
}
