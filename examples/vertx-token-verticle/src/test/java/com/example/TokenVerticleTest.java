package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The verticle as shipped (config.json), pointed at the library's embedded mock instead of OpenAI. */
@ExtendWith(VertxExtension.class)
class TokenVerticleTest {

  private static final String API_KEY = "sk-test-token-verticle";
  /** config.json's pool.minRemainingLife: every secret handed out has at least this much life left. */
  private static final long FLOOR_SECONDS = 30;

  @Test
  void servesEachCallerItsOwnFreshSecretAndUndeploysCleanly(Vertx vertx, VertxTestContext ctx) throws IOException {
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(API_KEY));
    WebClient web = WebClient.create(vertx);
    int port = freeLoopbackPort();
    JsonObject config = shippedConfig(port).put("apiKey", API_KEY);

    mock.start()
        .compose(m -> {
          config.getJsonObject("client").put("baseUrl", m.baseUrl());
          return vertx.deployVerticle(new TokenVerticle(), new DeploymentOptions().setConfig(config));
        })
        .compose(deploymentId -> takeToken(web, port)
            .compose(first -> takeToken(web, port).map(second -> {
              assertNotEquals(first, second, "each caller gets its own secret");
              for (String value : new String[] {first, second}) {
                assertTrue(mock.wasMinted(value), "the secret is one the upstream minted");
              }
              return deploymentId;
            })))
        // stop() closes the pool, then the client; a failure there would fail the undeploy.
        .compose(deploymentId -> vertx.undeploy(deploymentId))
        .eventually(() -> mock.close())
        .onComplete(ctx.succeeding(v -> ctx.completeNow()));
  }

  @Test
  void refusesToStartWithoutAnApiKey(Vertx vertx, VertxTestContext ctx) throws IOException {
    assumeTrue(System.getenv("OPENAI_API_KEY") == null, "OPENAI_API_KEY is set in this environment");
    int port = freeLoopbackPort();
    vertx.deployVerticle(new TokenVerticle(),
            new DeploymentOptions().setConfig(shippedConfig(port)))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals("set OPENAI_API_KEY", err.getMessage());
          ctx.completeNow();
        })));
  }

  /** GET /token; checks what every caller relies on and returns the {@code ek_} value. */
  private static Future<String> takeToken(WebClient web, int port) {
    return web.get(port, "127.0.0.1", "/token").send().map(resp -> {
      assertEquals(200, resp.statusCode(), () -> "status (body: " + resp.bodyAsString() + ")");
      assertEquals("no-store", resp.getHeader("Cache-Control"), "a secret must not be cached");
      JsonObject body = resp.bodyAsJsonObject();
      String value = body.getString("value");
      assertNotNull(value, "value");
      assertTrue(value.startsWith("ek_"), "an ek_ value");
      long expiresAt = body.getLong("expires_at");
      assertTrue(expiresAt >= Instant.now().getEpochSecond() + FLOOR_SECONDS, "at least the configured floor of life left");
      return value;
    });
  }

  /** config.json from this project, on another port; the upstream is still OpenAI's until a test replaces it. */
  private static JsonObject shippedConfig(int port) throws IOException {
    return new JsonObject(Files.readString(Path.of("config.json"))).put("port", port);
  }

  /** The verticle has no port-0 reporting, so pick a free loopback port and hand it over. */
  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
