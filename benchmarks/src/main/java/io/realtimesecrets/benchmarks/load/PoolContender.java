package io.realtimesecrets.benchmarks.load;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code pool}: {@link SecretPool#take()} from a pool warmed to {@code stock} secrets before the run, refilling
 * in the background as it is drained (the steady state of a pool sized for its demand).
 */
final class PoolContender implements Contender {

  private final String baseUrl;
  private final int maxConnections;
  private final int stock;
  private Vertx vertx;
  private RealtimeSecretsClient client;
  private SecretPool<ClientSecret> pool;
  private long warmMillis;

  PoolContender(String baseUrl, int maxConnections, int stock) {
    this.baseUrl = baseUrl;
    this.maxConnections = maxConnections;
    this.stock = stock;
  }

  static SecretPoolOptions poolOptions(int stock, int maxInFlight) {
    return new SecretPoolOptions()
        .setMinIdle(stock)
        .setMaxIdle(stock)
        .setMaxInFlight(maxInFlight)
        .setInitialInFlight(Math.min(SecretPoolOptions.DEFAULT_INITIAL_IN_FLIGHT, maxInFlight))
        .setPrewarmConcurrency(maxInFlight)
        // a large stock takes longer than the default 10 s to warm on 2 shared cores
        .setAcquireTimeout(java.time.Duration.ofSeconds(120));
  }

  @Override
  public String name() {
    return "pool";
  }

  @Override
  public void open() throws Exception {
    vertx = Vertx.vertx();
    client = RealtimeSecretsClient.create(vertx, DirectContender.clientOptions(baseUrl, maxConnections));
    pool = SecretPool.create(vertx, client, Workload.request(), poolOptions(stock, maxConnections));
    long t0 = System.nanoTime();
    Workload.await(pool.start(), 300);
    warmMillis = (System.nanoTime() - t0) / 1_000_000;
  }

  @Override
  public void start(Consumer<Throwable> done) {
    pool.take().onComplete(ar -> {
      if (ar.failed()) {
        done.accept(ar.cause());
      } else if (ar.result().secretValue() == null || ar.result().secretValue().isEmpty()) {
        done.accept(new IllegalStateException("no secret value"));
      } else {
        done.accept(null);
      }
    });
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("stock", stock);
    d.put("maxConnections", maxConnections);
    d.put("warmUpMillis", warmMillis);
    d.put("stats", String.valueOf(pool.stats()));
    return d;
  }

  @Override
  public void close() throws Exception {
    Workload.await(pool.close(), 30);
    Workload.await(client.close(), 30);
    Workload.await(vertx.close(), 30);
  }
}
