package io.realtimesecrets.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A fleet whose Redis is behind Redis Sentinel: the gateway's {@code redisOptions} pass through to the Vert.x
 * Redis client, which asks the Sentinel for the master and spends the budget (and keeps the stock) there.
 * A real {@code redis-server} and a real {@code redis-server --sentinel}, on free loopback ports.
 */
class SentinelFleetTest {

  static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuv";
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void aGatewayReachesItsFleetRedisThroughSentinel() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (LocalRedis master = LocalRedis.start(); LocalRedis sentinel = LocalRedis.startSentinel(master, "fleet")) {
      MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
      await(mock.start());
      RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx,
          new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY));
      // as serve reads it from its config file: redisUrl names the Sentinel, redisOptions say what it is
      GatewayOptions options = new GatewayOptions(new JsonObject()
          .put("profiles", new JsonObject().put("default", new JsonObject()
              .put("pool", new JsonObject().put("minIdle", 2))))
          .put("redisUrl", sentinel.url())
          .put("mintRateLimit", 50)
          .put("sharedStock", true)
          .put("redisOptions", new JsonObject().put("type", "SENTINEL").put("masterName", "fleet")
              .put("role", "MASTER")))
          .setSharedStockKey(java.util.Base64.getEncoder().encodeToString(new byte[32])).setAccessLog(false);
      TokenGateway gateway = TokenGateway.create(vertx, client, options);
      int port = await(vertx.createHttpServer().requestHandler(gateway.router()).listen(0, "127.0.0.1"))
          .actualPort();
      String base = "http://127.0.0.1:" + port;
      await(gateway.start());
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/token"))
            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
      }
      String ready = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health/ready"))
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(ready.contains("\"mintBudget\":\"shared\"") && ready.contains("\"sharedStock\":\"shared\""),
          ready);
      // the budget's state and the stock live on the master the Sentinel named, not on the Sentinel
      assertEquals(":1", master.command("EXISTS {realtime-secrets:mint-budget}:tat"));
      assertTrue(master.command("KEYS realtime-secrets:stock*").length() > 0);
      await(gateway.close());
      await(client.close());
      await(mock.close());
    } finally {
      await(vertx.close());
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
