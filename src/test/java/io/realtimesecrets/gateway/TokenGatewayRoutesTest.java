package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.LogCapture;
import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.gateway.impl.SafetyIdentifier;
import io.realtimesecrets.gateway.impl.SecretSource;
import io.realtimesecrets.gateway.impl.TokenGatewayImpl;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.pool.SecretPoolException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The /token routes over fake secret sources: every status, auth, CORS, rate limit, per-user identity. The
 * gateway's clock (rate-limit windows, latency) is injected and only moves when a test moves it.
 */
@ExtendWith(VertxExtension.class)
class TokenGatewayRoutesTest {

  private static final String HOST = "127.0.0.1";

  private final java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
  private TokenGateway gateway;
  private int port;
  private WebClient web;

  private Future<Void> start(Vertx vertx, GatewayOptions options, Map<String, SecretSource> sources) {
    gateway = new TokenGatewayImpl(vertx, options, sources, null, clock::get);
    web = WebClient.create(vertx);
    return vertx.createHttpServer().requestHandler(gateway.router()).listen(0, HOST)
        .map(HttpServer::actualPort)
        .map(p -> {
          port = p;
          return null;
        });
  }

  private Future<Void> start(Vertx vertx, GatewayOptions options, SecretSource defaultSource) {
    Map<String, SecretSource> sources = new LinkedHashMap<>();
    sources.put("default", defaultSource);
    return start(vertx, options, sources);
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    return web.request(method, port, HOST, path);
  }

  private Future<HttpResponse<Buffer>> get(String path) {
    return request(HttpMethod.GET, path).send();
  }

  private static JsonObject error(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error");
  }

  @Test
  void servesTheDefaultProfileOnGetAndPostUnchangedWithNoStore(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    start(vertx, new GatewayOptions(), source)
        .compose(v -> get("/token"))
        .compose(first -> request(HttpMethod.POST, "/token").send().map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          for (HttpResponse<Buffer> r : rs) {
            assertEquals(200, r.statusCode());
            assertEquals("no-store", r.getHeader("Cache-Control"));
            assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
            JsonObject body = r.bodyAsJsonObject();
            assertTrue(body.getString("value").startsWith("ek_fake_"));
            assertNotNull(body.getLong("expires_at"));
            assertEquals("gpt-realtime", body.getJsonObject("session").getString("model"));
          }
          assertNotEquals(rs.get(0).bodyAsJsonObject().getString("value"),
              rs.get(1).bodyAsJsonObject().getString("value"));
          assertEquals(2, source.served.get());
          ctx.completeNow();
        })));
  }

  @Test
  void servesANamedProfileFromItsOwnSource(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource def = new FakeSecretSource();
    FakeSecretSource voice = new FakeSecretSource();
    Map<String, SecretSource> sources = new LinkedHashMap<>();
    sources.put("default", def);
    sources.put("voice", voice);
    start(vertx, new GatewayOptions(), sources)
        .compose(v -> get("/token/voice"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode());
          assertEquals(1, voice.served.get());
          assertEquals(0, def.served.get());
          ctx.completeNow();
        })));
  }

  @Test
  void answersAnUnknownProfileWithA404JsonError(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    start(vertx, new GatewayOptions(), source)
        .compose(v -> get("/token/nope"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(404, r.statusCode());
          assertEquals("not_found", error(r).getString("type"));
          assertNotNull(error(r).getString("message"));
          assertEquals(0, source.served.get());
          ctx.completeNow();
        })));
  }

  @Test
  void requiresTheBearerTokenWhenOneIsSet(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    GatewayOptions options = new GatewayOptions().setAuthToken("s3cret-gateway-token");
    start(vertx, options, source)
        .compose(v -> get("/token"))
        .compose(none -> request(HttpMethod.GET, "/token").bearerTokenAuthentication("wrong").send()
            .map(wrong -> List.of(none, wrong)))
        .compose(rs -> request(HttpMethod.GET, "/token").putHeader("Authorization", "bearer s3cret-gateway-token")
            .send().map(ok -> List.of(rs.get(0), rs.get(1), ok)))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          for (HttpResponse<Buffer> denied : rs.subList(0, 2)) {
            assertEquals(401, denied.statusCode());
            assertEquals("unauthorized", error(denied).getString("type"));
            assertTrue(denied.getHeader("WWW-Authenticate").startsWith("Bearer"));
            assertFalse(denied.bodyAsString().contains("wrong"));
          }
          assertEquals(200, rs.get(2).statusCode());
          assertEquals(1, source.served.get());
          ctx.completeNow();
        })));
  }

  @Test
  void servesWithoutCredentialsWhenNoTokenIsSet(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new GatewayOptions(), new FakeSecretSource())
        .compose(v -> request(HttpMethod.GET, "/token").bearerTokenAuthentication("anything").send())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode());
          ctx.completeNow();
        })));
  }

  @Test
  void limitsEachClientToItsRateWithRetryAfter(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    start(vertx, new GatewayOptions().setRateLimit(3), source)
        .compose(v -> sequential(5, "/token"))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals(List.of(200, 200, 200, 429, 429), statuses(rs));
          HttpResponse<Buffer> limited = rs.get(3);
          assertEquals("rate_limited", error(limited).getString("type"));
          long retryAfter = Long.parseLong(limited.getHeader("Retry-After"));
          assertEquals(1, retryAfter, "Retry-After " + retryAfter);
          assertEquals(3, source.served.get());
          ctx.completeNow();
        })));
  }

  @Test
  void refillsAClientsBucketAsItsClockMoves(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new GatewayOptions().setRateLimit(2), new FakeSecretSource())
        .compose(v -> sequential(3, "/token"))
        .compose(first -> {
          clock.addAndGet(500_000_000L); // one token back at 2/s
          return sequential(2, "/token").map(second -> List.of(statuses(first), statuses(second)));
        })
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals(List.of(200, 200, 429), rs.get(0));
          assertEquals(List.of(200, 429), rs.get(1));
          ctx.completeNow();
        })));
  }

  @Test
  void answers503WithRetryAfterWhenNoSecretComesInTime(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    source.next = () -> Promise.<EphemeralSecret>promise().future();
    GatewayOptions options = new GatewayOptions().setTokenTimeout(Duration.ofMillis(200))
        .setRetryAfter(Duration.ofSeconds(2));
    // the source never answers: only the token timeout can produce an answer before the test's own timeout
    start(vertx, options, source)
        .compose(v -> get("/token"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(503, r.statusCode());
          assertEquals("unavailable", error(r).getString("type"));
          assertEquals("2", r.getHeader("Retry-After"));
          ctx.completeNow();
        })));
  }

  @Test
  void passesThePoolsRetryAfterOnWhenThePoolCannotServe(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    source.next = () -> Future.failedFuture(new SecretPoolException(SecretPoolException.Reason.CIRCUIT_OPEN,
        "upstream failing", Duration.ofSeconds(7), null));
    start(vertx, new GatewayOptions(), source)
        .compose(v -> get("/token"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(503, r.statusCode());
          assertEquals("7", r.getHeader("Retry-After"));
          ctx.completeNow();
        })));
  }

  @Test
  void answers502WhenTheUpstreamRejectsTheMintForGood(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    ApiException unauthorized = new ApiException(401, "invalid_request_error", "invalid_api_key", null,
        "Incorrect API key provided", null, null, 1);
    source.next = () -> Future.failedFuture(new SecretPoolException(SecretPoolException.Reason.UPSTREAM_REJECTED,
        "upstream rejected the template", Duration.ofSeconds(60), unauthorized));
    start(vertx, new GatewayOptions(), source)
        .compose(v -> get("/token"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(502, r.statusCode());
          assertEquals("upstream_error", error(r).getString("type"));
          assertFalse(r.bodyAsString().contains("API key"));
          ctx.completeNow();
        })));
  }

  @Test
  void answersAPreflightFromAnAllowedOriginOnly(Vertx vertx, VertxTestContext ctx) {
    GatewayOptions options = new GatewayOptions().addCorsOrigin("https://app.example.com");
    start(vertx, options, new FakeSecretSource())
        .compose(v -> preflight("https://app.example.com"))
        .compose(ok -> preflight("https://evil.example.com").map(refused -> List.of(ok, refused)))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          HttpResponse<Buffer> ok = rs.get(0);
          assertEquals(204, ok.statusCode());
          assertEquals("https://app.example.com", ok.getHeader("Access-Control-Allow-Origin"));
          assertTrue(ok.getHeader("Access-Control-Allow-Headers").contains("Authorization"));
          assertTrue(ok.getHeader("Access-Control-Allow-Methods").contains("POST"));
          HttpResponse<Buffer> refused = rs.get(1);
          assertEquals(403, refused.statusCode());
          assertNull(refused.getHeader("Access-Control-Allow-Origin"));
          assertEquals("forbidden", error(refused).getString("type"));
          ctx.completeNow();
        })));
  }

  @Test
  void refusesAPreflightForAMethodOtherThanGetOrPostEvenFromAnAllowedOrigin(Vertx vertx, VertxTestContext ctx) {
    GatewayOptions options = new GatewayOptions().addCorsOrigin("https://app.example.com");
    start(vertx, options, new FakeSecretSource())
        .compose(v -> request(HttpMethod.OPTIONS, "/token")
            .putHeader("Origin", "https://app.example.com")
            .putHeader("Access-Control-Request-Method", "DELETE")
            .send())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(403, r.statusCode());
          assertNull(r.getHeader("Access-Control-Allow-Origin"));
          assertNull(r.getHeader("Access-Control-Allow-Methods"));
          ctx.completeNow();
        })));
  }

  @Test
  void refusesEveryPreflightWhenNoOriginIsConfigured(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new GatewayOptions(), new FakeSecretSource())
        .compose(v -> preflight("http://localhost:3000"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(403, r.statusCode());
          assertNull(r.getHeader("Access-Control-Allow-Origin"));
          ctx.completeNow();
        })));
  }

  @Test
  void marksActualResponsesForAllowedOriginsOnly(Vertx vertx, VertxTestContext ctx) {
    GatewayOptions options = new GatewayOptions().addCorsOrigin("https://app.example.com");
    start(vertx, options, new FakeSecretSource())
        .compose(v -> request(HttpMethod.POST, "/token").putHeader("Origin", "https://app.example.com").send())
        .compose(ok -> request(HttpMethod.POST, "/token").putHeader("Origin", "https://evil.example.com").send()
            .map(other -> List.of(ok, other)))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals("https://app.example.com", rs.get(0).getHeader("Access-Control-Allow-Origin"));
          assertNull(rs.get(1).getHeader("Access-Control-Allow-Origin"));
          assertTrue(rs.get(1).getHeader("Vary").contains("Origin"));
          ctx.completeNow();
        })));
  }

  private Future<HttpResponse<Buffer>> preflight(String origin) {
    return request(HttpMethod.OPTIONS, "/token")
        .putHeader("Origin", origin)
        .putHeader("Access-Control-Request-Method", "POST")
        .putHeader("Access-Control-Request-Headers", "authorization")
        .send();
  }

  @Test
  void rejectsABodyOverTheCapWith413(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    start(vertx, new GatewayOptions().setMaxBodyBytes(64), source)
        .compose(v -> request(HttpMethod.POST, "/token").sendBuffer(Buffer.buffer(new byte[10_000])))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(413, r.statusCode());
          assertEquals("payload_too_large", error(r).getString("type"));
          assertEquals(0, source.served.get());
          ctx.completeNow();
        })));
  }

  @Test
  void refusesOtherMethodsWith405(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new GatewayOptions(), new FakeSecretSource())
        .compose(v -> request(HttpMethod.DELETE, "/token").send())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(405, r.statusCode());
          assertEquals("method_not_allowed", error(r).getString("type"));
          ctx.completeNow();
        })));
  }

  @Test
  void reportsReadyOnlyOnceEverySourceIsWarm(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    source.ready = false;
    start(vertx, new GatewayOptions(), source)
        .compose(v -> get("/health/live"))
        .compose(live -> get("/health/ready").map(cold -> List.of(live, cold)))
        .compose(rs -> {
          source.ready = true;
          return get("/health/ready").map(warm -> List.of(rs.get(0), rs.get(1), warm));
        })
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals(200, rs.get(0).statusCode());
          assertEquals(503, rs.get(1).statusCode());
          assertEquals(false, rs.get(1).bodyAsJsonObject().getJsonObject("profiles").getBoolean("default"));
          assertEquals(200, rs.get(2).statusCode());
          assertEquals("UP", rs.get(2).bodyAsJsonObject().getString("status"));
          ctx.completeNow();
        })));
  }

  @Test
  void exposesRequestMetricsInPrometheusFormat(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new GatewayOptions(), new FakeSecretSource())
        .compose(v -> get("/token"))
        .compose(v -> get("/token/unheard-of"))
        .compose(v -> get("/metrics"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode());
          assertTrue(r.getHeader("Content-Type").startsWith("text/plain"));
          String text = r.bodyAsString();
          assertTrue(text.contains("realtime_secrets_gateway_requests_seconds_count{profile=\"default\",status=\"200\"} 1"),
              text);
          assertTrue(text.contains("profile=\"unknown\",status=\"404\""), text);
          assertFalse(text.contains("unheard-of"), "caller-chosen names must not become tags");
          assertTrue(text.contains("realtime_secrets_gateway_profile_ready{profile=\"default\"} 1"), text);
          ctx.completeNow();
        })));
  }

  @Test
  void logsProfileStatusAndLatencyButNeverTheSecretNorTheAuthorization(Vertx vertx, VertxTestContext ctx) {
    LogCapture access = LogCapture.of(TokenGatewayImpl.ACCESS_LOGGER).start();
    start(vertx, new GatewayOptions().setAuthToken("gateway-token-xyz"), new FakeSecretSource())
        .compose(v -> request(HttpMethod.GET, "/token").bearerTokenAuthentication("gateway-token-xyz").send())
        .onComplete(ctx.succeeding(r -> whenTrue(vertx, () -> !access.records().isEmpty(), () -> ctx.verify(() -> {
          access.close();
          List<String> lines = access.messages();
          assertEquals(200, r.statusCode());
          String secret = r.bodyAsJsonObject().getString("value");
          assertEquals(1, lines.size(), lines.toString());
          String line = lines.get(0);
          assertTrue(line.matches("profile=default status=200 latencyMs=\\d+"), line);
          assertFalse(line.contains(secret));
          assertFalse(line.contains("gateway-token-xyz"));
          ctx.completeNow();
        }))));
  }

  @Test
  void mintsPerUserWithTheHashedIdentityFromTheConfiguredHeader(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource def = new FakeSecretSource();
    FakeSecretSource support = new FakeSecretSource(true);
    Map<String, SecretSource> sources = new LinkedHashMap<>();
    sources.put("default", def);
    sources.put("support", support);
    start(vertx, new GatewayOptions().setIdentityHeader("X-User-Id"), sources)
        .compose(v -> request(HttpMethod.GET, "/token/support").putHeader("X-User-Id", "alice@example.com").send())
        .compose(ok -> get("/token/support").map(anonymous -> List.of(ok, anonymous)))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals(200, rs.get(0).statusCode());
          assertEquals(List.of(SafetyIdentifier.of("alice@example.com")), support.identifiers);
          assertEquals(64, support.identifiers.get(0).length());
          assertFalse(support.identifiers.get(0).contains("alice"));
          assertEquals(401, rs.get(1).statusCode());
          assertEquals("unauthorized", error(rs.get(1)).getString("type"));
          ctx.completeNow();
        })));
  }

  @Test
  void aSecretCompletingOnTheRequestsOwnContextIsAnsweredInThatTurn(Vertx vertx, VertxTestContext ctx) {
    // as a pool on the caller's event loop delivers: later, on the request's context. The answer is written
    // right there, not one more event-loop turn later (the call ends, so it no longer counts in flight)
    FakeSecretSource source = new FakeSecretSource();
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    source.next = () -> {
      Promise<EphemeralSecret> delivered = Promise.promise();
      io.vertx.core.Context requestContext = vertx.getOrCreateContext();
      requestContext.runOnContext(v -> {
        delivered.complete(new FakeSecretSource.FakeSecret("ek_same_turn_0123456789abcdef",
            java.time.Instant.now().plusSeconds(600)));
        seen.add("in flight after delivery: " + gateway.inFlight());
      });
      return delivered.future();
    };
    start(vertx, new GatewayOptions(), source)
        .compose(v -> get("/token"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode());
          assertEquals("ek_same_turn_0123456789abcdef", r.bodyAsJsonObject().getString("value"));
          assertEquals(List.of("in flight after delivery: 0"), seen);
          ctx.completeNow();
        })));
  }

  @Test
  void drainsOnCloseFinishingCallsInFlightAndRefusingNewOnes(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    Promise<EphemeralSecret> slow = Promise.promise();
    source.next = slow::future;
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    start(vertx, new GatewayOptions(), source).onComplete(ctx.succeeding(v -> {
      Future<HttpResponse<Buffer>> inFlight = get("/token");
      whenTrue(vertx, () -> gateway.inFlight() == 1, () -> {
        Future<Void> closed = gateway.close();
        source.next = null;
        get("/token").onComplete(ctx.succeeding(refused -> {
          answers.add(refused);
          slow.complete(new FakeSecretSource.FakeSecret("ek_slow_0123456789abcdef",
              java.time.Instant.now().plusSeconds(600)));
          inFlight.onComplete(ctx.succeeding(finished -> closed.onComplete(ctx.succeeding(c -> ctx.verify(() -> {
            assertEquals(503, answers.get(0).statusCode());
            assertEquals(200, finished.statusCode());
            assertEquals("ek_slow_0123456789abcdef", finished.bodyAsJsonObject().getString("value"));
            assertTrue(source.closed);
            assertEquals(0, gateway.inFlight());
            ctx.completeNow();
          })))));
        }));
      });
    }));
  }

  /**
   * Runs the action once the condition holds, polled on a Vert.x timer; a condition that never holds is caught
   * by the test's own timeout, so no real-time bound decides the outcome.
   */
  private static void whenTrue(Vertx vertx, java.util.function.BooleanSupplier condition, Runnable action) {
    if (condition.getAsBoolean()) {
      action.run();
    } else {
      vertx.setTimer(10, t -> whenTrue(vertx, condition, action));
    }
  }

  private Future<List<HttpResponse<Buffer>>> sequential(int n, String path) {
    Future<List<HttpResponse<Buffer>>> chain = Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < n; i++) {
      chain = chain.compose(list -> get(path).map(r -> {
        list.add(r);
        return list;
      }));
    }
    return chain;
  }

  private static List<Integer> statuses(List<HttpResponse<Buffer>> rs) {
    List<Integer> s = new ArrayList<>();
    rs.forEach(r -> s.add(r.statusCode()));
    return s;
  }
}
