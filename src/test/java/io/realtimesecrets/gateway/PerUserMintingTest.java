package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RateLimitInfo;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.client.impl.ClientTimer;
import io.realtimesecrets.client.impl.RealtimeSecretsClientImpl;
import io.realtimesecrets.client.impl.VertxCompat;
import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.SecretRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-user profiles mint on demand, one call per caller, so their cost must be bounded the way the caller
 * is: the gateway's deadline and at most one retry per mint, a bound per profile and a share of the
 * client's connections for all of them (the rest of a flood is answered 503 with Retry-After at once), and
 * no mint goes on once the caller's request has ended.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PerUserMintingTest {

  private static final String HOST = "127.0.0.1";

  private TokenGateway gateway;

  @AfterEach
  void closeGateway(VertxTestContext ctx) {
    (gateway == null ? Future.<Void>succeededFuture() : gateway.close()).onComplete(ar -> ctx.completeNow());
  }

  /** A client whose mints hang until the test says otherwise; records each call's options. */
  static final class HeldClient implements RealtimeSecretsClient {
    final List<CallOptions> calls = new CopyOnWriteArrayList<>();
    final List<Promise<?>> held = new CopyOnWriteArrayList<>();

    @Override
    public <R extends EphemeralSecret> Future<MintResult<R>> mint(SecretRequest<R> request, CallOptions callOptions) {
      calls.add(callOptions);
      Promise<MintResult<R>> p = Promise.promise();
      held.add(p);
      return p.future();
    }

    @Override
    public RateLimitInfo lastRateLimit() {
      return RateLimitInfo.UNKNOWN;
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }

    void failAll() {
      held.forEach(p -> p.tryFail("test over"));
    }
  }

  static GatewayOptions perUser(String... profiles) {
    GatewayOptions options = new GatewayOptions().setIdentityHeader("X-User").setTokenTimeout(Duration.ofSeconds(5));
    for (String name : profiles) {
      options.addProfile(GatewayProfile.builder(name).perUser(true).build());
    }
    return options.setDefaultProfile(profiles[0]);
  }

  static Future<Integer> listen(Vertx vertx, TokenGateway gateway) {
    return vertx.createHttpServer().requestHandler(gateway.router()).listen(0, HOST).map(HttpServer::actualPort);
  }

  /** Sends {@code n} calls at once and completes with the first {@code answers} responses. */
  static Future<List<HttpResponse<Buffer>>> flood(Vertx vertx, int port, String path, int n, int answers) {
    // through VertxCompat: a pool size is set alike on 4.5 and 5.x only through the builder
    WebClient web = WebClient.wrap(VertxCompat.httpClient(vertx, new HttpClientOptions(),
        new PoolOptions().setHttp1MaxSize(n + 5)));
    List<HttpResponse<Buffer>> got = new CopyOnWriteArrayList<>();
    Promise<List<HttpResponse<Buffer>>> enough = Promise.promise();
    for (int i = 0; i < n; i++) {
      web.get(port, HOST, path).putHeader("X-User", "user-" + i).send().onSuccess(r -> {
        got.add(r);
        if (got.size() == answers) {
          enough.tryComplete(new ArrayList<>(got));
        }
      }).onFailure(enough::tryFail);
    }
    return enough.future();
  }

  @Test
  void anOnDemandMintGetsTheGatewaysDeadlineAndAtMostOneRetry(Vertx vertx, VertxTestContext ctx) {
    HeldClient client = new HeldClient();
    gateway = TokenGateway.create(vertx, client, perUser("voice").setTokenTimeout(Duration.ofMillis(1500)));
    gateway.start().compose(v -> listen(vertx, gateway))
        .compose(port -> WebClient.create(vertx).get(port, HOST, "/token").putHeader("X-User", "ann").send())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(503, r.statusCode(), "the held mint never answers: the gateway's timeout does");
          assertEquals(1, client.calls.size());
          CallOptions call = client.calls.get(0);
          assertEquals(Duration.ofMillis(1500), call.timeout(), "the gateway's deadline, not the client's 60 s");
          assertEquals(1, call.maxRetries(), "at most one retry, not the client's two");
          client.failAll();
          ctx.completeNow();
        })));
  }

  @Test
  void aPerUserFloodBeyondTheProfilesBoundIsAnswered503WithRetryAfterAtOnce(Vertx vertx, VertxTestContext ctx) {
    HeldClient client = new HeldClient();
    int bound = GatewayProfile.DEFAULT_MAX_CONCURRENT_MINTS;
    int flood = bound + 24;
    gateway = TokenGateway.create(vertx, client, perUser("voice"));
    gateway.start().compose(v -> listen(vertx, gateway))
        // the 24 over the bound are answered while the first 16 still wait for their (held) mints
        .compose(port -> flood(vertx, port, "/token", flood, flood - bound))
        .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
          assertEquals(bound, client.calls.size(), "only the bound reaches the client");
          for (HttpResponse<Buffer> r : refused) {
            assertEquals(503, r.statusCode());
            assertEquals("unavailable", r.bodyAsJsonObject().getJsonObject("error").getString("type"));
            assertEquals("1", r.getHeader("Retry-After"));
          }
          client.failAll();
          ctx.completeNow();
        })));
  }

  @Test
  void perUserProfilesTogetherHoldAtMostHalfTheClientsConnections(Vertx vertx, VertxTestContext ctx) {
    HeldClient client = new HeldClient();
    GatewayOptions options = perUser("a", "b").setClientOptions(new RealtimeSecretsClientOptions().setMaxConnections(8));
    gateway = TokenGateway.create(vertx, client, options);
    gateway.start().compose(v -> listen(vertx, gateway))
        .compose(port -> Future.all(flood(vertx, port, "/token/a", 10, 8), flood(vertx, port, "/token/b", 10, 8)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertEquals(4, client.calls.size(), "8 connections: 4 for per-user mints, 4 left to the pools");
          client.failAll();
          ctx.completeNow();
        })));
  }

  @Test
  void aCallerWhoHangsUpCancelsItsMint(Vertx vertx, VertxTestContext ctx) {
    HeldClient client = new HeldClient();
    gateway = TokenGateway.create(vertx, client, perUser("voice"));
    HttpClient raw = VertxCompat.httpClient(vertx, new HttpClientOptions(), new PoolOptions());
    gateway.start().compose(v -> listen(vertx, gateway))
        .compose(port -> raw.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(HOST).setPort(port)
            .setURI("/token").putHeader("X-User", "ann")))
        .onComplete(ctx.succeeding(req -> {
          req.send();
          // once the mint has begun, hang up
          vertx.setPeriodic(10, id -> {
            if (!client.calls.isEmpty()) {
              vertx.cancelTimer(id);
              Future<?> cancellation = client.calls.get(0).cancellation();
              ctx.verify(() -> assertNotNull(cancellation, "the mint can be cancelled"));
              cancellation.onComplete(gone -> ctx.verify(() -> {
                client.failAll();
                ctx.completeNow();
              }));
              req.connection().close();
            }
          });
        }));
  }

  @Test
  void noMintIsSentAfterTheGatewayAnswered(Vertx vertx, VertxTestContext ctx) {
    // retries wait on this timer, which only records them: the test runs them after the gateway answered
    List<Runnable> retries = new CopyOnWriteArrayList<>();
    ClientTimer heldRetries = new ClientTimer() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void schedule(Context context, long delayMillis, Runnable task) {
        retries.add(() -> context.runOnContext(v -> task.run()));
      }
    };
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions());
    mock.start().compose(m -> {
      mock.faults().next(10, Fault.status(503));
      RealtimeSecretsClient client = new RealtimeSecretsClientImpl(vertx,
          new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey("sk-test"), heldRetries, () -> 0.5);
      gateway = TokenGateway.create(vertx, client, perUser("voice").setTokenTimeout(Duration.ofMillis(500)));
      return gateway.start().compose(v -> listen(vertx, gateway));
    })
        .compose(port -> WebClient.create(vertx).get(port, HOST, "/token").putHeader("X-User", "ann").send())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(503, r.statusCode());
          assertEquals(1, mock.stats().requests(), "the first attempt was sent and answered 503");
          assertEquals(1, retries.size(), "a retry was due when the gateway answered");
          // the caller has its answer; the due retry now runs, and must not mint for nobody
          retries.forEach(Runnable::run);
          vertx.setTimer(300, id -> ctx.verify(() -> {
            assertEquals(1, mock.stats().requests(), "no mint after the gateway answered");
            mock.close().onComplete(ctx.succeedingThenComplete());
          }));
        })));
  }

  @Test
  void theBoundIsReadFromAProfilesJsonAndWrittenBack() {
    GatewayProfile p = GatewayProfile.fromJson("voice",
        new io.vertx.core.json.JsonObject("{\"perUser\":true,\"maxConcurrentMints\":4}"));
    assertEquals(4, p.maxConcurrentMints());
    assertEquals(4, GatewayProfile.fromJson("voice", p.toJson()).maxConcurrentMints());
    assertEquals(GatewayProfile.DEFAULT_MAX_CONCURRENT_MINTS, GatewayProfile.builder("x").perUser(true).build()
        .maxConcurrentMints());
    org.junit.jupiter.api.Assertions.assertThrows(GatewayConfigException.class, () -> GatewayProfile.fromJson("voice",
        new io.vertx.core.json.JsonObject("{\"perUser\":true,\"maxConcurrentMints\":0}")));
  }
}
