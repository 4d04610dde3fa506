package io.realtimesecrets.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.gateway.GatewayConfigException;
import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.TokenGateway;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway with {@code sharedStock}: readiness and metrics show the shared stock; with Redis killed mid-run
 * every caller is still served (own stock and minting), {@code /health/ready} says "fallback" while staying
 * UP, and the gateway returns to the shared stock by itself once Redis is back. Nothing it logs meanwhile
 * holds an {@code ek_} value or the encryption key.
 */
class SharedStockGatewayTest {

  static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuv";
  static final String STOCK_KEY = Base64.getEncoder().encodeToString(RedisSecretStockTest.AES_KEY);
  static final HttpClient HTTP = HttpClient.newHttpClient();

  final Queue<String> logged = new ConcurrentLinkedQueue<>();
  final List<Logger> loggers = List.of(Logger.getLogger("io.realtimesecrets"), Logger.getLogger("io.vertx"));
  final Handler capture = new Handler() {
    final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord r) {
      logged.add(formatter.format(r));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeEach
  void captureLogs() {
    capture.setLevel(Level.ALL);
    loggers.forEach(l -> l.addHandler(capture));
  }

  @AfterEach
  void stopCapture() {
    loggers.forEach(l -> l.removeHandler(capture));
  }

  static GatewayOptions options(String redisUrl) {
    return new GatewayOptions(new JsonObject().put("profiles", new JsonObject()
        .put("default", new JsonObject().put("pool", new JsonObject().put("minIdle", 2)))))
        .setRedisUrl(redisUrl).setMintRateLimit(50).setSharedStock(true).setSharedStockKey(STOCK_KEY)
        .setAccessLog(false);
  }

  @Test
  void redisKilledMidRunCallersAreStillServedReadinessDegradesThenRecovers() throws Exception {
    Vertx vertx = Vertx.vertx();
    Set<String> served = new HashSet<>();
    try (LocalRedis own = LocalRedis.start()) {
      MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
      await(mock.start());
      RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx,
          new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY));
      TokenGateway gateway = TokenGateway.create(vertx, client, options(own.url()));
      int port = await(vertx.createHttpServer().requestHandler(gateway.router()).listen(0, "127.0.0.1")).actualPort();
      String base = "http://127.0.0.1:" + port;
      await(gateway.start());
      assertTrue(get(base + "/health/ready").contains("\"sharedStock\":\"shared\""), get(base + "/health/ready"));
      for (int i = 0; i < 4; i++) {
        served.add(token(base));
      }
      String metrics = get(base + "/metrics");
      assertTrue(metrics.contains("realtime_secrets_shared_stock_fallback{profile=\"default\"} 0.0"), metrics);
      assertTrue(metrics.contains("realtime_secrets_shared_stock_takes_total{profile=\"default\",result=\"hit\"}"));
      assertTrue(metrics.contains("realtime_secrets_redis_round_trip_seconds_count{part=\"stock\",profile=\"default\"}"));
      assertTrue(metrics.contains("realtime_secrets_redis_round_trip_seconds_sum{part=\"budget\",profile=\"all\"}"));
      assertTrue(metrics.contains("realtime_secrets_redis_fallback_seconds_total{part=\"stock\",profile=\"default\"}"));
      assertTrue(metrics.contains("realtime_secrets_mint_budget_waits_total"));
      assertTrue(metrics.contains("realtime_secrets_mint_budget_pauses_total"));
      String hits = "realtime_secrets_shared_stock_takes_total{profile=\"default\",result=\"hit\"} ";
      assertTrue(metrics.lines().anyMatch(l -> l.startsWith(hits) && Double.parseDouble(l.substring(hits.length())) > 0),
          "the warm shared stock served hits: " + metrics);

      own.kill();
      // each /token is served (own stock, or a mint) while the pool finds Redis gone
      assertTrue(servesUntilReady(base, "\"sharedStock\":\"fallback\"", served), get(base + "/health/ready"));
      assertTrue(get(base + "/health/ready").contains("\"status\":\"UP\""), "degraded, still serving");
      assertTrue(get(base + "/metrics").contains("realtime_secrets_shared_stock_fallback{profile=\"default\"} 1.0"));

      own.restart();
      assertTrue(servesUntilReady(base, "\"sharedStock\":\"shared\"", served), get(base + "/health/ready"));
      assertTrue(get(base + "/metrics").contains("realtime_secrets_shared_stock_fallback{profile=\"default\"} 0.0"));
      await(gateway.close());
      await(client.close());
      await(mock.close());
    } finally {
      await(vertx.close());
    }
    assertTrue(logged.stream().anyMatch(l -> l.contains("shared stock unreachable")), "the outage was logged");
    for (String line : logged) {
      assertFalse(line.contains("ek_"), "an ek_ value in the logs: " + line);
      assertFalse(line.contains(STOCK_KEY), "the encryption key in the logs: " + line);
    }
    for (String value : served) {
      assertTrue(value.startsWith("ek_"), "served secrets are ek_ values");
    }
  }

  @Test
  void aGatewayWithTheSharedStockAndNoKeyIsAConfigErrorNamingTheVariable() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("REALTIME_SECRETS_STOCK_KEY") == null);
    Vertx vertx = Vertx.vertx();
    try {
      GatewayConfigException e = org.junit.jupiter.api.Assertions.assertThrows(GatewayConfigException.class,
          () -> TokenGateway.create(vertx, null, options("redis://127.0.0.1:1").setSharedStockKey(null)));
      assertTrue(e.getMessage().contains("REALTIME_SECRETS_STOCK_KEY"), e.getMessage());
    } finally {
      vertx.close();
    }
  }

  /** Takes tokens (each must be served) until /health/ready contains {@code expected}, for at most 30 s. */
  private static boolean servesUntilReady(String base, String expected, Set<String> served) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      served.add(token(base));
      if (get(base + "/health/ready").contains(expected)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static String token(String base) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/token"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("value");
  }

  private static String get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
