package io.realtimesecrets.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MutinyRealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.TokenGateway;
import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.model.ExpiresAfter;
import io.realtimesecrets.model.RealtimeSessionConfig;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolException;
import io.realtimesecrets.pool.SecretPoolMetrics;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java shown in README.md and docs/, run against the embedded mock. Each block of the docs is a region
 * between {@code // snippet:NAME} and {@code // end:NAME} here, and {@link DocsTest} fails when the two
 * differ; so change the code here, make it pass, then copy the region into the doc.
 */
@ExtendWith(VertxExtension.class)
class DocsExamplesTest {

  /** Stands in for the reader's logger in the snippets. */
  static final class Log {
    final List<String> warnings = new ArrayList<>();

    void warn(String message) {
      warnings.add(message);
    }
  }

  /** Stands in for the reader's session store in the gateway snippet: the user is the x-session header. */
  static final class Sessions {
    String userOf(RoutingContext rc) {
      return rc.request().getHeader("x-session");
    }
  }

  final Log log = new Log();
  final Promise<String> sentToBrowser = Promise.promise();

  MockUpstream upstream;
  RealtimeSecretsClientOptions options;

  @BeforeEach
  void startMock(Vertx vertx, VertxTestContext ctx) {
    upstream = MockUpstream.create(vertx);
    upstream.start().onComplete(ctx.succeeding(m -> {
      options = RealtimeSecretsClientOptions.fromEnv(Map.of("OPENAI_API_KEY", "sk-docs-0123456789abcdef",
          "OPENAI_BASE_URL", upstream.baseUrl()));
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stopMock(VertxTestContext ctx) {
    upstream.close().onComplete(ctx.succeedingThenComplete());
  }

  final Promise<String> mockBaseUrl = Promise.promise();

  void useBaseUrl(String url) {
    mockBaseUrl.complete(url);
  }

  void sendToBrowser(String json) {
    sentToBrowser.tryComplete(json);
  }

  @Test
  void theMintExampleSendsTheBrowserAFreshSecret(Vertx vertx, VertxTestContext ctx) {
    // snippet:client-mint
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options); // options: RealtimeSecretsClientOptions.fromEnv()

    ClientSecretRequest request = ClientSecretRequest.builder()
        .expiresAfter(ExpiresAfter.ofSeconds(600))
        .session(RealtimeSessionConfig.builder().model("gpt-realtime").instructions("Be brief.").build())
        .build();

    client.createClientSecret(request)
        .onSuccess(secret -> sendToBrowser(secret.toJson()))          // {"value":"ek_...","expires_at":...,"session":{...}}
        .onFailure(err -> log.warn("mint failed: " + err.getMessage())); // never contains the key or a secret
    // end:client-mint

    sentToBrowser.future().onComplete(ctx.succeeding(json -> ctx.verify(() -> {
      JsonObject sent = new JsonObject(json);
      assertTrue(upstream.wasMinted(sent.getString("value")), json);
      assertEquals("Be brief.", sent.getJsonObject("session").getString("instructions"));
      assertEquals(List.of(), log.warnings);
      ctx.completeNow();
    })));
  }

  @Test
  void theMintExampleLogsAFailureWithoutTheKey(Vertx vertx, VertxTestContext ctx) {
    options.setApiKey("sk-wrong-0123456789abcdef").setMaxRetries(0);
    upstream.faults().next(1, Fault.status(401));
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options);
    client.createClientSecret(ClientSecretRequest.minimal())
        .onSuccess(secret -> sendToBrowser(secret.toJson()))
        .onFailure(err -> log.warn("mint failed: " + err.getMessage()))
        .onComplete(ar -> ctx.verify(() -> {
          assertEquals(1, log.warnings.size());
          assertTrue(log.warnings.get(0).startsWith("mint failed: "), log.warnings.get(0));
          assertTrue(!log.warnings.get(0).contains("sk-wrong"), log.warnings.get(0));
          ctx.completeNow();
        }));
  }

  @Test
  void theMutinyExampleIsLazyAndMintsOnSubscription(Vertx vertx, VertxTestContext ctx) {
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options);
    ClientSecretRequest request = ClientSecretRequest.minimal();
    // snippet:client-mutiny
    MutinyRealtimeSecretsClient mutiny = client.mutiny();

    Uni<ClientSecret> secret = mutiny.createClientSecret(request)   // lazy: nothing is sent before subscription
        .onFailure(ApiException.class).invoke(e -> log.warn("HTTP " + ((ApiException) e).status()));
    // end:client-mutiny

    assertEquals(0, upstream.stats().requests());
    secret.subscribe().with(s -> ctx.verify(() -> {
      assertTrue(upstream.wasMinted(s.secretValue()));
      ctx.completeNow();
    }), ctx::failNow);
  }

  @Test
  void thePoolExampleServesDistinctSecretsThenA503OnceClosed(Vertx vertx, VertxTestContext test) {
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options);
    ClientSecretRequest request = ClientSecretRequest.minimal();
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    Router router = Router.router(vertx);
    // snippet:pool-serve
    SecretPool<ClientSecret> pool = SecretPool.create(vertx, client, request, new SecretPoolOptions().setMinIdle(2));
    SecretPoolMetrics.bind(pool, meterRegistry, "voice");    // optional: Micrometer, tag pool=voice
    pool.start();                                            // pre-warms to minIdle; take() waits for stock meanwhile

    router.get("/token").handler(ctx -> pool.take()          // Future<ClientSecret>; takeUni() for Mutiny
        .onSuccess(secret -> ctx.response().putHeader("cache-control", "no-store").end(secret.toJson()))
        .onFailure(err -> {
          SecretPoolException e = (SecretPoolException) err; // reason(): WAITERS_FULL, ACQUIRE_TIMEOUT,
          if (e.retryAfter() != null) {                      // CIRCUIT_OPEN, UPSTREAM_REJECTED, CLOSED
            ctx.response().putHeader("retry-after", Long.toString(e.retryAfter().toSeconds()));
          }
          ctx.response().setStatusCode(503).end();
        }));
    // end:pool-serve

    WebClient web = WebClient.create(vertx);
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(HttpServer::actualPort)
        .compose(port -> web.get(port, "127.0.0.1", "/token").send()
            .compose(first -> web.get(port, "127.0.0.1", "/token").send().map(second -> List.of(first, second)))
            .compose(two -> pool.close().map(v -> two))
            .compose(two -> web.get(port, "127.0.0.1", "/token").send().map(closed -> {
              test.verify(() -> {
                JsonObject a = two.get(0).bodyAsJsonObject();
                JsonObject b = two.get(1).bodyAsJsonObject();
                assertEquals("no-store", two.get(0).getHeader("cache-control"));
                assertTrue(upstream.wasMinted(a.getString("value")) && upstream.wasMinted(b.getString("value")));
                assertNotEquals(a.getString("value"), b.getString("value"));
                assertTrue(a.getLong("expires_at") > Instant.now().getEpochSecond());
                assertEquals(503, closed.statusCode());
                assertEquals(null, closed.getHeader("retry-after"), "a closed pool gives no retry hint");
                assertNotNull(meterRegistry.find("realtime.pool.takes").tag("pool", "voice").meter());
              });
              return null;
            })))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void theEmbeddedGatewayExampleRefusesStrangersAndServesUsers(Vertx vertx, VertxTestContext ctx,
      @TempDir Path dir) throws Exception {
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options);
    Sessions mySessions = new Sessions();
    Path configFile = Files.writeString(dir.resolve("gateway.json"), "{\"profiles\": {"
        + "\"default\": {\"pool\": {\"minIdle\": 1}},"
        + "\"support\": {\"request\": {\"session\": {\"type\": \"realtime\", \"model\": \"gpt-realtime\"}},"
        + " \"perUser\": true}}}");
    // snippet:gateway-embed
    TokenGateway gateway = TokenGateway.create(vertx, client, new GatewayOptions().readConfigFile(configFile));
    gateway.start();                                   // warms the pools; /health/ready says when

    Router app = Router.router(vertx);
    app.route("/api/realtime/*").handler(rc -> {       // your own auth, in front of the gateway
      String userId = mySessions.userOf(rc);           // e.g. from your session cookie
      if (userId == null) {
        rc.response().setStatusCode(401).end();
        return;
      }
      rc.put(TokenGateway.USER_ID_KEY, userId);        // for per-user profiles
      rc.next();
    });
    app.route("/api/realtime/*").subRouter(gateway.router());
    // the browser fetches /api/realtime/token or /api/realtime/token/support
    // end:gateway-embed

    WebClient web = WebClient.create(vertx);
    vertx.createHttpServer().requestHandler(app).listen(0, "127.0.0.1").map(HttpServer::actualPort)
        .compose(port -> Future.all(
                web.get(port, "127.0.0.1", "/api/realtime/token").send(),
                web.get(port, "127.0.0.1", "/api/realtime/token").putHeader("x-session", "ada").send(),
                web.get(port, "127.0.0.1", "/api/realtime/token/support").putHeader("x-session", "ada").send())
            .map(all -> {
              ctx.verify(() -> {
                assertEquals(401, all.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(0).statusCode());
                for (int i = 1; i <= 2; i++) {
                  io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> r = all.resultAt(i);
                  assertEquals(200, r.statusCode(), r.bodyAsString());
                  assertTrue(upstream.wasMinted(r.bodyAsJsonObject().getString("value")));
                }
              });
              return null;
            }))
        .eventually(gateway::close)
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theMockStartExampleListensOnLoopbackAndChecksTheKey(Vertx vertx, VertxTestContext ctx) {
    // snippet:mock-start
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey("sk-test").setLatency(Duration.ofMillis(150)));
    mock.start().onSuccess(m -> useBaseUrl(m.baseUrl()));   // http://127.0.0.1:<port>/v1, an OS-chosen port
    // end:mock-start

    mockBaseUrl.future().compose(url -> {
      ctx.verify(() -> assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/v1"), url));
      RealtimeSecretsClient right = RealtimeSecretsClient.create(vertx,
          new RealtimeSecretsClientOptions().setBaseUrl(url).setApiKey("sk-test"));
      RealtimeSecretsClient wrong = RealtimeSecretsClient.create(vertx,
          new RealtimeSecretsClientOptions().setBaseUrl(url).setApiKey("sk-other").setMaxRetries(0));
      return right.createClientSecret(ClientSecretRequest.minimal())
          .compose(s -> wrong.createClientSecret(ClientSecretRequest.minimal()).map(x -> 0)
              .recover(e -> Future.succeededFuture(((ApiException) e).status())));
    }).onComplete(ctx.succeeding(status -> ctx.verify(() -> {
      assertEquals(401, status);
      mock.close().onComplete(ctx.succeedingThenComplete());
    })));
  }

  @Test
  void theFaultExampleFailsTheNextTwoRequests(Vertx vertx, VertxTestContext ctx) {
    MockUpstream mock = upstream;
    // snippet:mock-faults
    mock.faults().next(2, Fault.status(503));                       // the next two requests
    mock.faults().withProbability(0.1, Fault.rateLimited(Duration.ofSeconds(2)));
    // end:mock-faults
    mock.faults().clear().next(2, Fault.status(503));               // the random rule is not under test
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options);
    CallOptions once = CallOptions.builder().maxRetries(0).build();
    Future<Integer> first = client.mint(ClientSecretRequest.minimal(), once).map(r -> 200)
        .recover(e -> Future.succeededFuture(((ApiException) e).status()));
    first.compose(a -> client.mint(ClientSecretRequest.minimal(), once).map(r -> 200)
            .recover(e -> Future.succeededFuture(((ApiException) e).status()))
            .compose(b -> client.mint(ClientSecretRequest.minimal(), once).map(c -> List.of(a, b, 200))))
        .onComplete(ctx.succeeding(statuses -> ctx.verify(() -> {
          assertEquals(List.of(503, 503, 200), statuses);
          ctx.completeNow();
        })));
  }

  @Test
  void theProfilesFileOfTheGatewayDocServesEachProfile(Vertx vertx, VertxTestContext ctx) {
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options);
    GatewayOptions gatewayOptions = new GatewayOptions()
        .readConfigFile(Path.of("src/test/resources/docs/gateway.json")) // shown in docs/gateway.md
        .setIdentityHeader("x-user");
    assertEquals("voice", gatewayOptions.getDefaultProfile());
    TokenGateway gateway = TokenGateway.create(vertx, client, gatewayOptions);
    WebClient web = WebClient.create(vertx);
    gateway.start()
        .compose(v -> vertx.createHttpServer().requestHandler(gateway.router()).listen(0, "127.0.0.1"))
        .map(HttpServer::actualPort)
        .compose(port -> Future.all(
                web.get(port, "127.0.0.1", "/token").send(),
                web.get(port, "127.0.0.1", "/token/transcribe").send(),
                web.get(port, "127.0.0.1", "/token/support").putHeader("x-user", "ada").send(),
                web.get(port, "127.0.0.1", "/token/support").send())
            .map(all -> {
              ctx.verify(() -> {
                io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> voice = all.resultAt(0);
                io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> transcribe = all.resultAt(1);
                io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> support = all.resultAt(2);
                io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> anonymous = all.resultAt(3);
                assertEquals(200, voice.statusCode(), voice.bodyAsString());
                assertEquals("You are a concise assistant.",
                    voice.bodyAsJsonObject().getJsonObject("session").getString("instructions"));
                assertEquals(200, transcribe.statusCode(), transcribe.bodyAsString());
                assertTrue(upstream.wasMinted(
                    transcribe.bodyAsJsonObject().getJsonObject("client_secret").getString("value")));
                assertEquals(200, support.statusCode(), support.bodyAsString());
                assertEquals(401, anonymous.statusCode(), "a per-user profile needs a caller");
              });
              return null;
            }))
        .eventually(gateway::close)
        .onComplete(ctx.succeedingThenComplete());
  }
}
