package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RateLimitInfo;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.gateway.impl.SafetyIdentifier;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway over the real pool and client, against the embedded mock upstream. */
@ExtendWith(VertxExtension.class)
class TokenGatewayMockTest {

  private static final String HOST = "127.0.0.1";

  private MockUpstream mock;
  private RealtimeSecretsClient client;
  private TokenGateway gateway;

  private Future<Void> upstream(Vertx vertx, MockUpstreamOptions mockOptions) {
    mock = MockUpstream.create(vertx, mockOptions);
    return mock.start().map(m -> {
      client = RealtimeSecretsClient.create(vertx,
          new RealtimeSecretsClientOptions().setBaseUrl(m.baseUrl()).setApiKey("sk-test"));
      return null;
    });
  }

  @AfterEach
  void closeAll(Vertx vertx, VertxTestContext ctx) {
    Future<Void> g = gateway == null ? Future.succeededFuture() : gateway.close();
    g.eventually(() -> client == null ? Future.succeededFuture() : client.close())
        .eventually(() -> mock == null ? Future.succeededFuture() : mock.close())
        .onComplete(ar -> ctx.completeNow());
  }

  private static Future<Integer> listen(Vertx vertx, Router router) {
    return vertx.createHttpServer().requestHandler(router).listen(0, HOST).map(HttpServer::actualPort);
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void hands1000ConcurrentCallersDistinctSecretsWithTheConfiguredRemainingLife(Vertx vertx, VertxTestContext ctx) {
    Duration minRemainingLife = Duration.ofSeconds(60);
    GatewayProfile profile = GatewayProfile.builder("default")
        .request(new JsonObject("{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":120},"
            + "\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}"))
        .pool(new SecretPoolOptions().setMinIdle(50).setMinRemainingLife(minRemainingLife)
            .setAcquireTimeout(Duration.ofSeconds(60)))
        .build();
    GatewayOptions options = new GatewayOptions().addProfile(profile).setTokenTimeout(Duration.ofSeconds(60));
    int calls = 1000;
    upstream(vertx, new MockUpstreamOptions())
        .compose(v -> {
          gateway = TokenGateway.create(vertx, client, options);
          return gateway.start();
        })
        .compose(v -> listen(vertx, gateway.router()))
        .compose(port -> {
          // the default WebClient pool holds 5 connections: 1,000 calls queue on a bounded pool
          WebClient web = WebClient.create(vertx);
          List<Future<JsonObject>> answers = new ArrayList<>();
          for (int i = 0; i < calls; i++) {
            answers.add(web.post(port, HOST, "/token").send().map(r -> {
              if (r.statusCode() != 200) {
                throw new IllegalStateException("status " + r.statusCode() + ": " + r.bodyAsString());
              }
              return r.bodyAsJsonObject().put("receivedAtMillis", System.currentTimeMillis());
            }));
          }
          return Future.all(answers).map(all -> {
            List<JsonObject> bodies = new ArrayList<>();
            answers.forEach(a -> bodies.add(a.result()));
            return bodies;
          });
        })
        .onComplete(ctx.succeeding(bodies -> ctx.verify(() -> {
          Set<String> values = new HashSet<>();
          for (JsonObject body : bodies) {
            values.add(body.getString("value"));
            long remainingMillis = body.getLong("expires_at") * 1000 - body.getLong("receivedAtMillis");
            // expires_at has one-second resolution
            assertTrue(remainingMillis >= minRemainingLife.toMillis() - 1000,
                "remaining life " + remainingMillis + " ms");
            assertTrue(mock.wasMinted(body.getString("value")));
          }
          assertEquals(calls, values.size(), "every caller gets its own secret");
          ctx.completeNow();
        })));
  }

  @Test
  void mountsUnderAnAppPathBehindTheAppsOwnHandlerAndMintsPerUser(Vertx vertx, VertxTestContext ctx) {
    List<String> safetyIdentifiers = new CopyOnWriteArrayList<>();
    GatewayOptions options = new GatewayOptions()
        .addProfile(GatewayProfile.builder("default").pool(new SecretPoolOptions().setMinIdle(2)).build())
        .addProfile(GatewayProfile.builder("support").perUser(true).build());
    upstream(vertx, new MockUpstreamOptions())
        .compose(v -> {
          gateway = TokenGateway.create(vertx, new RecordingClient(client, safetyIdentifiers), options);
          Router app = Router.router(vertx);
          // the app's own auth: a session header stands in for a cookie check
          app.route("/api/realtime/*").handler(rc -> {
            String session = rc.request().getHeader("X-App-Session");
            if (session == null) {
              rc.response().setStatusCode(403).end("app login required");
              return;
            }
            rc.put(TokenGateway.USER_ID_KEY, "user-" + session);
            rc.next();
          });
          app.route("/api/realtime/*").subRouter(gateway.router());
          app.get("/other").handler(rc -> rc.response().end("app route"));
          return gateway.start().compose(s -> listen(vertx, app));
        })
        .compose(port -> {
          WebClient web = WebClient.create(vertx);
          List<Future<HttpResponse<Buffer>>> rs = new ArrayList<>();
          rs.add(web.get(port, HOST, "/api/realtime/token").send());
          rs.add(web.get(port, HOST, "/api/realtime/token").putHeader("X-App-Session", "42").send());
          rs.add(web.post(port, HOST, "/api/realtime/token/support").putHeader("X-App-Session", "42").send());
          rs.add(web.get(port, HOST, "/api/realtime/token/nope").putHeader("X-App-Session", "42").send());
          rs.add(web.get(port, HOST, "/api/realtime/health/ready").putHeader("X-App-Session", "42").send());
          rs.add(web.get(port, HOST, "/other").send());
          return Future.all(rs)
              .compose(all -> web.get(port, HOST, "/api/realtime/metrics").putHeader("X-App-Session", "42").send())
              .map(metrics -> {
                rs.add(Future.succeededFuture(metrics));
                return rs;
              });
        })
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals(403, rs.get(0).result().statusCode(), "the app's handler runs first");
          assertEquals(200, rs.get(1).result().statusCode());
          assertEquals("no-store", rs.get(1).result().getHeader("Cache-Control"));
          assertTrue(mock.wasMinted(rs.get(1).result().bodyAsJsonObject().getString("value")));
          assertEquals(200, rs.get(2).result().statusCode());
          assertTrue(mock.wasMinted(rs.get(2).result().bodyAsJsonObject().getString("value")));
          assertEquals(List.of(SafetyIdentifier.of("user-42")), safetyIdentifiers,
              "only the per-user mint carries the hashed identity");
          assertEquals(404, rs.get(3).result().statusCode());
          assertEquals("not_found", rs.get(3).result().bodyAsJsonObject().getJsonObject("error").getString("type"));
          assertEquals(200, rs.get(4).result().statusCode());
          assertEquals("app route", rs.get(5).result().bodyAsString());
          String metrics = rs.get(6).result().bodyAsString();
          assertTrue(metrics.contains("realtime_pool_stock{pool=\"default\"}"), metrics);
          assertTrue(metrics.contains("realtime_pool_minted_total{pool=\"default\"}"), metrics);
          assertTrue(metrics.contains(
              "realtime_secrets_gateway_upstream_mints_seconds_count{outcome=\"success\",profile=\"support\"} 1"),
              metrics);
          ctx.completeNow();
        })));
  }

  @Test
  void aPerUserProfileTakesTheIdentityFromTheAppsVertxAuthHandler(Vertx vertx, VertxTestContext ctx) {
    List<String> safetyIdentifiers = new CopyOnWriteArrayList<>();
    GatewayOptions options = new GatewayOptions()
        .addProfile(GatewayProfile.builder("default").perUser(true).build());
    upstream(vertx, new MockUpstreamOptions())
        .compose(v -> {
          gateway = TokenGateway.create(vertx, new RecordingClient(client, safetyIdentifiers), options);
          Router app = Router.router(vertx);
          // a Vert.x Web authentication handler, as an app would use one: it sets ctx.user()
          app.route("/api/realtime/*").handler(io.vertx.ext.web.handler.SimpleAuthenticationHandler.create()
              .authenticate(rc -> {
                String who = rc.request().getHeader("X-Test-Login");
                return who == null
                    ? Future.failedFuture("no login")
                    : Future.succeededFuture(io.vertx.ext.auth.User.create(new io.vertx.core.json.JsonObject()
                        .put("sub", who)));
              }));
          app.route("/api/realtime/*").subRouter(gateway.router());
          return gateway.start().compose(s -> listen(vertx, app));
        })
        .compose(port -> {
          WebClient web = WebClient.create(vertx);
          return web.get(port, HOST, "/api/realtime/token").putHeader("X-Test-Login", "alice").send()
              .compose(ok -> web.get(port, HOST, "/api/realtime/token").send().map(anonymous -> List.of(ok, anonymous)));
        })
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals(200, rs.get(0).statusCode());
          assertTrue(mock.wasMinted(rs.get(0).bodyAsJsonObject().getString("value")));
          assertEquals(List.of(SafetyIdentifier.of("alice")), safetyIdentifiers,
              "the principal's sub, hashed, went upstream as OpenAI-Safety-Identifier");
          assertEquals(401, rs.get(1).statusCode(), "the app's auth handler refuses an anonymous caller");
          ctx.completeNow();
        })));
  }

  @Test
  void answers503WithRetryAfterWhenTheUpstreamIsTooSlow(Vertx vertx, VertxTestContext ctx) {
    GatewayOptions options = new GatewayOptions()
        .addProfile(GatewayProfile.builder("default").perUser(true).build())
        .setIdentityHeader("X-User")
        .setTokenTimeout(Duration.ofMillis(300));
    upstream(vertx, new MockUpstreamOptions().setLatency(Duration.ofSeconds(3)))
        .compose(v -> {
          gateway = TokenGateway.create(vertx, client, options);
          return listen(vertx, gateway.router());
        })
        .compose(port -> WebClient.create(vertx).get(port, HOST, "/token").putHeader("X-User", "bob").send())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(503, r.statusCode());
          assertEquals("unavailable", r.bodyAsJsonObject().getJsonObject("error").getString("type"));
          assertEquals("1", r.getHeader("Retry-After"));
          ctx.completeNow();
        })));
  }

  /** Delegates to a real client and records the safety identifier of each mint. */
  private static final class RecordingClient implements RealtimeSecretsClient {
    private final RealtimeSecretsClient delegate;
    private final List<String> identifiers;

    RecordingClient(RealtimeSecretsClient delegate, List<String> identifiers) {
      this.delegate = delegate;
      this.identifiers = identifiers;
    }

    @Override
    public <R extends EphemeralSecret> Future<MintResult<R>> mint(SecretRequest<R> request, CallOptions callOptions) {
      String id = callOptions.headers().get("OpenAI-Safety-Identifier");
      if (id != null) {
        identifiers.add(id);
      }
      return delegate.mint(request, callOptions);
    }

    @Override
    public RateLimitInfo lastRateLimit() {
      return delegate.lastRateLimit();
    }

    @Override
    public Future<Void> close() {
      return delegate.close();
    }
  }
}
