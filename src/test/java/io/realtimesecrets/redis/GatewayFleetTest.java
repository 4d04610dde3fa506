package io.realtimesecrets.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.TokenGateway;
import io.realtimesecrets.mock.MockStats;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway replicas (two Vert.x instances, each with its own client and pools) against one mock upstream
 * that enforces an organisation limit of 15 mints a minute, each wanting 12 secrets in stock (24 in all).
 * Each pool also paces itself by the mock's {@code x-ratelimit-*} headers, but it sees only its own answers.
 * With one fleet budget of 0.2 mints/s (12 a minute) in Redis the pair stays under the limit and draws no
 * 429; without it (the baseline, the same pair with nothing shared) the pair overshoots the limit.
 */
class GatewayFleetTest {

  static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuv";
  static final long WINDOW_MILLIS = 5_000;
  static final long BASELINE_MAX_MILLIS = 30_000;

  static LocalRedis redis;

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

  @Test
  void aPairOfGatewaysSharingTheFleetBudgetStaysUnderTheOrganisationLimit() throws Exception {
    Outcome o = runPair(true);
    System.out.println("pair with the fleet budget: " + o);
    assertEquals(0, o.stats.errors(429), "no 429 with the fleet budget: " + o);
    // 0.2/s for the whole fleet, the first mint at once (+1: a replica whose first ask timed out on a loaded
    // machine paces itself at 0.1/s meanwhile): never the 24 both pools want
    assertTrue(o.stats.mintedTotal() <= Math.floor(o.seconds * 0.2) + 2, o.toString());
    assertTrue(o.stats.mintedTotal() >= 1, "the fleet still mints: " + o);
  }

  @Test
  void withoutTheFleetBudgetTheSamePairOvershootsTheLimit() throws Exception {
    Outcome o = runPair(false);
    System.out.println("pair without it (baseline): " + o);
    assertTrue(o.stats.errors(429) > 0, "the baseline this budget exists for: " + o);
  }

  @Test
  void readinessAndMetricsReportTheFallbackWhileTheGatewayKeepsServing() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (LocalRedis own = LocalRedis.start()) {
      MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
      await(mock.start());
      RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx,
          new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY));
      GatewayOptions options = new GatewayOptions(new JsonObject().put("profiles", new JsonObject()
          .put("default", new JsonObject().put("pool", new JsonObject().put("minIdle", 2)))))
          .setRedisUrl(own.url()).setMintRateLimit(50).setReplicas(2).setAccessLog(false);
      TokenGateway gateway = TokenGateway.create(vertx, client, options);
      int port = await(vertx.createHttpServer().requestHandler(gateway.router()).listen(0, "127.0.0.1")).actualPort();
      String base = "http://127.0.0.1:" + port;
      await(gateway.start());
      assertTrue(get(base + "/health/ready").contains("\"mintBudget\":\"shared\""), get(base + "/health/ready"));
      assertTrue(get(base + "/metrics").contains("realtime_secrets_mint_budget_fallback 0.0"));

      own.kill();
      // each /token take makes the pool refill, which asks the budget: Redis refuses, the fallback answers
      assertTrue(servesUntilReady(base, "\"mintBudget\":\"fallback\""), get(base + "/health/ready"));
      assertTrue(get(base + "/health/ready").contains("\"status\":\"UP\""), "degraded, still serving");
      assertTrue(get(base + "/metrics").contains("realtime_secrets_mint_budget_fallback 1.0"));

      own.restart();
      assertTrue(servesUntilReady(base, "\"mintBudget\":\"shared\""), get(base + "/health/ready"));
      await(gateway.close());
      await(client.close());
      await(mock.close());
    } finally {
      await(vertx.close());
    }
  }

  /** Takes tokens (each must be served) until /health/ready contains {@code expected}, for at most 15 s. */
  private static boolean servesUntilReady(String base, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      java.net.http.HttpResponse<String> token = HTTP.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(base + "/token")).timeout(java.time.Duration.ofSeconds(20)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, token.statusCode(), token.body());
      if (get(base + "/health/ready").contains(expected)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static String get(String url) throws Exception {
    return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
        .timeout(java.time.Duration.ofSeconds(20)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

  record Outcome(MockStats stats, double seconds) {
  }

  private static Outcome runPair(boolean shared) throws Exception {
    Vertx upstream = Vertx.vertx();
    List<Vertx> replicas = List.of(Vertx.vertx(), Vertx.vertx());
    List<TokenGateway> gateways = new ArrayList<>();
    List<RealtimeSecretsClient> clients = new ArrayList<>();
    try {
      MockUpstream mock = MockUpstream.create(upstream, new MockUpstreamOptions().setApiKey(KEY)
          .setRateLimitRequestsPerMinute(15).setRateLimitEnforced(true));
      await(mock.start());
      JsonObject config = new JsonObject().put("profiles", new JsonObject()
          .put("default", new JsonObject().put("pool", new JsonObject().put("minIdle", 12))));
      long start = System.nanoTime();
      for (Vertx replica : replicas) {
        RealtimeSecretsClient client = RealtimeSecretsClient.create(replica,
            new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY).setMaxRetries(0));
        clients.add(client);
        GatewayOptions options = new GatewayOptions(config);
        if (shared) {
          options.setRedisUrl(redis.url()).setMintRateLimit(0.2).setReplicas(2);
        }
        TokenGateway gateway = TokenGateway.create(replica, client, options);
        gateways.add(gateway);
        gateway.start(); // warming: not awaited, the window counts what the pair asks meanwhile
      }
      if (shared) {
        Thread.sleep(WINDOW_MILLIS);
      } else {
        // the baseline runs until its first 429 (its pools warm at their own pace), within a bound
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BASELINE_MAX_MILLIS);
        while (mock.stats().errors(429) == 0 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
      }
      MockStats stats = mock.stats();
      double seconds = (System.nanoTime() - start) / 1e9;
      for (TokenGateway g : gateways) {
        await(g.close());
      }
      for (RealtimeSecretsClient c : clients) {
        await(c.close());
      }
      await(mock.close());
      return new Outcome(stats, seconds);
    } finally {
      for (Vertx v : replicas) {
        await(v.close());
      }
      await(upstream.close());
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
