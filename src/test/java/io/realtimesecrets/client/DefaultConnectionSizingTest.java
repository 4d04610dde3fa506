package io.realtimesecrets.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.mock.impl.BundledCertificates;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.model.SecretRequests;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the default options do with many calls in flight: 256 mints held open by the upstream all reach it
 * at once (none waits for a connection), over TLS on a few multiplexed HTTP/2 connections, over cleartext on
 * one HTTP/1.1 connection each, and so on a TLS upstream whose ALPN picks HTTP/1.1.
 *
 * <p>After one ordinary call (which tells the client what ALPN picked), the mock holds every request (a
 * {@code stall} fault), so the counts are read while all calls are in flight; nothing depends on timing.
 */
@ExtendWith(VertxExtension.class)
class DefaultConnectionSizingTest {

  static final String KEY = "sk-conn-0123456789abcdefghijklmnop";
  static final int IN_FLIGHT = 256;

  static ClientSecretRequest minimal() {
    return (ClientSecretRequest) SecretRequests.minimal(Endpoint.CLIENT_SECRETS);
  }

  /** Starts IN_FLIGHT stalled mints, waits until the mock holds them all, checks, then releases them. */
  private static void holdCallsInFlight(Vertx vertx, VertxTestContext ctx, MockUpstream mock,
      RealtimeSecretsClientOptions options, Runnable whileAllAreHeld) {
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options.setBaseUrl(mock.baseUrl())
        .setApiKey(KEY).setMaxRetries(0).setAttemptTimeout(Duration.ofMinutes(2)).setCallTimeout(Duration.ofMinutes(2)));
    // one call first, as in any running application: over TLS it tells the client what ALPN picked
    client.createClientSecret(minimal()).onComplete(ctx.succeeding(first -> {
      mock.resetStats();
      holdCallsInFlight(vertx, ctx, mock, client, whileAllAreHeld);
    }));
  }

  private static void holdCallsInFlight(Vertx vertx, VertxTestContext ctx, MockUpstream mock,
      RealtimeSecretsClient client, Runnable whileAllAreHeld) {
    Promise<Void> release = Promise.promise();
    CallOptions stalled = CallOptions.builder().header(MockUpstream.FAULT_HEADER, "stall").cancelWhen(release.future())
        .build();
    for (int i = 0; i < IN_FLIGHT; i++) {
      client.mint(minimal(), stalled);
    }
    // a generous safety net only: on the old defaults (64 HTTP/1.1 connections) this never reaches 256
    vertx.setPeriodic(20, id -> {
      if (mock.stats().faults(Fault.Kind.STALL) < IN_FLIGHT) {
        return;
      }
      vertx.cancelTimer(id);
      ctx.verify(whileAllAreHeld::run);
      release.complete();
      mock.close().onComplete(ctx.succeedingThenComplete());
    });
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void overTlsTheDefaultsCarry256CallsInFlightOnAFewHttp2Connections(Vertx vertx, VertxTestContext ctx) {
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setSsl(true));
    mock.start().onComplete(ctx.succeeding(m -> holdCallsInFlight(vertx, ctx, mock,
        new RealtimeSecretsClientOptions().setTrustOptions(mock.trustOptions()), () -> {
          assertEquals(IN_FLIGHT, mock.stats().faults(Fault.Kind.STALL), "every call reached the upstream at once");
          // HTTP/1.1 cannot carry two requests at once on one connection: fewer connections than calls is h2
          int open = mock.openConnections();
          assertTrue(open >= 1 && open <= RealtimeSecretsClientOptions.DEFAULT_HTTP2_MAX_CONNECTIONS,
              "256 calls multiplexed on " + open + " connection(s)");
        })));
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void overCleartextTheDefaultsCarry256CallsInFlightOnHttp11WithoutQueueing(Vertx vertx, VertxTestContext ctx) {
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions());
    mock.start().onComplete(ctx.succeeding(m -> holdCallsInFlight(vertx, ctx, mock,
        new RealtimeSecretsClientOptions(), () -> {
          assertEquals(IN_FLIGHT, mock.stats().faults(Fault.Kind.STALL), "every call reached the upstream at once");
          assertEquals(IN_FLIGHT, mock.openConnections(), "one HTTP/1.1 connection per call in flight");
        })));
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void aTlsUpstreamWithoutHttp2GetsOneHttp11ConnectionPerCallInFlight(Vertx vertx, VertxTestContext ctx) {
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setSsl(true).setHttp2(false));
    mock.start().onComplete(ctx.succeeding(m -> holdCallsInFlight(vertx, ctx, mock,
        new RealtimeSecretsClientOptions().setTrustOptions(mock.trustOptions()), () -> {
          assertEquals(IN_FLIGHT, mock.stats().faults(Fault.Kind.STALL), "every call reached the upstream at once");
          // ALPN picked HTTP/1.1: one connection per call, plus (idle) the one whose handshake told the client
          int open = mock.openConnections();
          assertTrue(open == IN_FLIGHT || open == IN_FLIGHT + 1, open + " connections");
        })));
  }

  @Test
  void aTlsUpstreamThatPicksHttp11IsServedWithTheDefaults(Vertx vertx, VertxTestContext ctx) {
    List<HttpVersion> versions = new CopyOnWriteArrayList<>();
    String body = "{\"value\":\"ek_68af0123456789abcdef0123456789ab\",\"expires_at\":"
        + (Instant.now().getEpochSecond() + 600) + ",\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}";
    vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true)
            .setAlpnVersions(List.of(HttpVersion.HTTP_1_1)).setKeyCertOptions(BundledCertificates.keyCert()))
        .requestHandler(req -> {
          versions.add(req.version());
          req.response().putHeader("content-type", "application/json").end(body);
        })
        .listen(0, "127.0.0.1")
        .onComplete(ctx.succeeding(server -> {
          RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, new RealtimeSecretsClientOptions()
              .setBaseUrl("https://127.0.0.1:" + server.actualPort() + "/v1").setApiKey(KEY)
              .setTrustOptions(BundledCertificates.trust()));
          client.createClientSecret(minimal()).onComplete(ctx.succeeding(secret -> ctx.verify(() -> {
            assertEquals(List.of(HttpVersion.HTTP_1_1), versions);
            ctx.completeNow();
          })));
        }));
  }
}
