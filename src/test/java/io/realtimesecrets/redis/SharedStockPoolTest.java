package io.realtimesecrets.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pools of separate Vert.x instances (as separate replicas would be) sharing one Redis stock through
 * {@link SecretPoolOptions#setSharedStock}: each secret goes to exactly one caller of the fleet, a replica
 * takes what another minted, and the fleet holds one floor of stock, not one per replica.
 */
class SharedStockPoolTest {

  static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuv";
  static final ClientSecretRequest REQUEST = ClientSecretRequest.fromJson("{\"expires_after\":{\"anchor\":"
      + "\"created_at\",\"seconds\":600},\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}");

  static LocalRedis redis;
  Vertx upstream;
  MockUpstream mock;
  final List<Vertx> replicas = new ArrayList<>();
  final List<SecretPool<ClientSecret>> pools = new ArrayList<>();
  final List<RedisSecretStock> stocks = new ArrayList<>();
  final List<RealtimeSecretsClient> clients = new ArrayList<>();
  String stockKey;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = LocalRedis.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = Vertx.vertx();
    mock = MockUpstream.create(upstream, new MockUpstreamOptions().setApiKey(KEY));
    await(mock.start());
    stockKey = "test-" + UUID.randomUUID();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (SecretPool<ClientSecret> p : pools) {
      await(p.close());
    }
    for (RedisSecretStock s : stocks) {
      await(s.close());
    }
    for (RealtimeSecretsClient c : clients) {
      await(c.close());
    }
    for (Vertx v : replicas) {
      await(v.close());
    }
    await(mock.close());
    await(upstream.close());
  }

  /** A replica: its own Vert.x, client, connection to the shared stock and pool. */
  private SecretPool<ClientSecret> replica(int minIdle) {
    Vertx vertx = Vertx.vertx();
    replicas.add(vertx);
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx,
        new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY));
    clients.add(client);
    String redisUrl = redis.url();
    byte[] aesKey = RedisSecretStockTest.AES_KEY;
    // snippet:redis-shared-stock
    RedisSecretStock stock = RedisSecretStock.create(vertx, new RedisSecretStockOptions()
        .setConnectionString(redisUrl)        // the fleet's Redis
        .setKey(stockKey)                     // one stock per request template
        .setEncryptionKey(aesKey));           // the same on every replica; or env REALTIME_SECRETS_STOCK_KEY
    SecretPoolOptions options = new SecretPoolOptions().setMinIdle(minIdle).setSharedStock(stock);
    // end:redis-shared-stock
    stocks.add(stock);
    SecretPool<ClientSecret> pool = SecretPool.create(vertx, client, REQUEST, options);
    pools.add(pool);
    return pool;
  }

  @Test
  void twoReplicasSharingOneStockNeverHandOutTheSameSecret() throws Exception {
    SecretPool<ClientSecret> a = replica(4);
    await(a.start());
    awaitFleetStock(4);
    SecretPool<ClientSecret> b = replica(4);
    await(b.start());
    // b minted nothing (it joined a stocked fleet): its first secret is one a minted
    String first = await(b.take()).value();
    assertEquals(1, stocks.get(1).hits(), "replica b took from the shared stock");

    List<Future<ClientSecret>> taken = new ArrayList<>();
    for (int round = 0; round < 40; round++) {
      // both replicas at once, so that both ask Redis for the same first secret
      taken.add(a.take());
      taken.add(b.take());
    }
    Set<String> values = new HashSet<>(Set.of(first));
    for (Future<ClientSecret> f : taken) {
      values.add(await(f).value());
    }
    assertEquals(81, values.size(), "81 takes, 81 different secrets");
    assertTrue(stocks.get(0).hits() + stocks.get(1).hits() >= 4, "the stock a warmed was taken");
  }

  /** Waits until the shared stock holds {@code n} secrets (a pool is warm once minted; its puts follow). */
  private void awaitFleetStock(int n) throws Exception {
    RedisSecretStock view = stocks.get(0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (await(view.size(Duration.ZERO)) < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(n, await(view.size(Duration.ZERO)));
  }

  @Test
  void theFleetHoldsOneFloorOfStockNotOnePerReplica() throws Exception {
    int minIdle = 6;
    SecretPool<ClientSecret> a = replica(minIdle);
    await(a.start());
    awaitFleetStock(minIdle);

    // two more replicas join a stocked fleet: warm at once, without minting
    SecretPool<ClientSecret> b = replica(minIdle);
    SecretPool<ClientSecret> c = replica(minIdle);
    await(b.start());
    await(c.start());
    long minted = mock.stats().mintedTotal();
    assertTrue(minted <= minIdle + 2, "the fleet minted " + minted + " for a floor of " + minIdle
        + " (one per replica would be " + 3 * minIdle + ")");
    assertTrue(b.isReady() && c.isReady());

    // each replica takes twice: served from the fleet's stock, which its takers refill
    Set<String> values = new HashSet<>();
    for (SecretPool<ClientSecret> p : List.of(a, b, c)) {
      values.add(await(p.take()).value());
      values.add(await(p.take()).value());
    }
    assertEquals(6, values.size());
    assertTrue(stocks.get(1).hits() >= 2 && stocks.get(2).hits() >= 2, "b and c took from the fleet's stock");
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
