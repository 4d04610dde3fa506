package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spans an operator sees for {@code /token} calls, through the OpenTelemetry SDK's in-memory exporter: a
 * server span that continues the caller's {@code traceparent}; a pooled secret's mint in a trace of its own,
 * linked from the call that got it; a per-user mint as the call's child, with its retry as events and its
 * upstream request carrying the trace; an upstream failure marked as an error. The upstream is the mock,
 * behind a recording forwarder on 127.0.0.1 that keeps each request's {@code traceparent}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenGatewayTracingTest {

  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private static final String KEY = "sk-proj-TRACING0123456789abcdefghijklmnopqrs";
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01";
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("gateway.outcome");
  private static final AttributeKey<Boolean> POOL_HIT = AttributeKey.booleanKey("gateway.pool.hit");
  private static final AttributeKey<Long> WAIT_MS = AttributeKey.longKey("gateway.wait_ms");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> PROFILE = AttributeKey.stringKey("gateway.profile");

  private Vertx vertx;
  private MockUpstream mock;
  private List<MultiMap> upstreamHeaders;
  private RealtimeSecretsClient client;
  private TokenGateway gateway;
  private WebClient web;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY).setLatency(Duration.ofMillis(50)));
    await(mock.start());
    HeaderRecordingForwarder forwarder = await(HeaderRecordingForwarder.start(vertx, mock));
    upstreamHeaders = forwarder.headers;
    String base = forwarder.baseUrl();
    client = RealtimeSecretsClient.create(vertx, new RealtimeSecretsClientOptions().setBaseUrl(base)
        .setApiKey(KEY).setInitialRetryDelay(Duration.ofMillis(10)));
    GatewayOptions options = new GatewayOptions().setIdentityHeader("X-User")
        .addProfile(GatewayProfile.builder("default").pool(new SecretPoolOptions().setMinIdle(1).setMaxIdle(1)).build())
        .addProfile(GatewayProfile.builder("user").perUser(true).build());
    gateway = TokenGateway.create(vertx, client, options);
    port = await(vertx.createHttpServer().requestHandler(gateway.router()).listen(0, "127.0.0.1")).actualPort();
    await(gateway.start());
    web = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    await(gateway.close());
    await(client.close());
    await(mock.close());
    await(vertx.close());
  }

  @Test
  void aPoolHitContinuesTheCallersTraceAndLinksToTheMintsOwnTrace() throws Exception {
    HttpResponse<Buffer> r = await(web.get(port, "127.0.0.1", "/token").putHeader("traceparent", TRACEPARENT).send());
    assertEquals(200, r.statusCode());
    SpanData call = serverSpan(s -> true);
    assertEquals(TRACE_ID, call.getTraceId(), "the caller's trace goes on");
    assertEquals(PARENT_SPAN_ID, call.getParentSpanId());
    assertEquals("hit", call.getAttributes().get(OUTCOME));
    assertEquals(Boolean.TRUE, call.getAttributes().get(POOL_HIT));
    assertEquals("default", call.getAttributes().get(PROFILE));
    assertEquals(200L, call.getAttributes().get(STATUS));
    SpanData mint = linkedMint(call);
    assertNotEquals(TRACE_ID, mint.getTraceId(), "a pooled mint is its own trace");
    assertFalse(mint.getParentSpanContext().isValid(), "a pooled mint has no parent");
  }

  @Test
  void aMissWaitsForAMintAndLinksToIt() throws Exception {
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) { // one secret in stock: the others wait for mints
      calls.add(web.get(port, "127.0.0.1", "/token").putHeader("traceparent", TRACEPARENT).send());
    }
    for (Future<HttpResponse<Buffer>> call : calls) {
      assertEquals(200, await(call).statusCode());
    }
    SpanData waited = serverSpan(s -> "waited".equals(s.getAttributes().get(OUTCOME)));
    assertEquals(Boolean.FALSE, waited.getAttributes().get(POOL_HIT));
    assertTrue(waited.getAttributes().get(WAIT_MS) != null, "the wait is recorded");
    assertNotEquals(TRACE_ID, linkedMint(waited).getTraceId());
  }

  @Test
  void aPerUserMintIsTheCallsChildRetriesAsEventsAndCarriesTheTraceUpstream() throws Exception {
    mock.faults().next(1, Fault.status(503));
    upstreamHeaders.clear();
    HttpResponse<Buffer> r = await(web.get(port, "127.0.0.1", "/token/user").putHeader("traceparent", TRACEPARENT)
        .putHeader("X-User", "alice").send());
    assertEquals(200, r.statusCode(), r.bodyAsString());
    SpanData call = serverSpan(s -> "user".equals(s.getAttributes().get(PROFILE)));
    assertEquals("minted", call.getAttributes().get(OUTCOME));
    SpanData mint = clientSpan(s -> s.getParentSpanId().equals(call.getSpanId()));
    assertEquals(TRACE_ID, mint.getTraceId(), "the mint is part of the caller's trace");
    List<EventData> events = mint.getEvents();
    assertEquals(List.of("attempt", "retry", "attempt"), events.stream().map(EventData::getName).toList());
    assertEquals(503L, events.get(0).getAttributes().get(STATUS));
    assertTrue(events.get(1).getAttributes().get(AttributeKey.longKey("mint.backoff_ms")) != null);
    assertEquals(200L, events.get(2).getAttributes().get(STATUS));
    assertEquals(2, upstreamHeaders.size());
    for (MultiMap h : upstreamHeaders) {
      assertEquals("00-" + TRACE_ID + "-" + mint.getSpanId() + "-01", h.get("traceparent"),
          "the upstream request carries the mint span's context");
    }
    for (SpanData s : OTEL.getSpans()) {
      assertFalse(s.toString().contains(KEY), "no key in a span");
      for (String secret : mock.mintedSecrets()) {
        assertFalse(s.toString().contains(secret), "no secret in a span");
      }
    }
  }

  @Test
  void anUpstreamFailureMarksTheMintAndTheCallAsErrors() throws Exception {
    mock.faults().always(Fault.insufficientQuota());
    HttpResponse<Buffer> r = await(web.get(port, "127.0.0.1", "/token/user").putHeader("traceparent", TRACEPARENT)
        .putHeader("X-User", "alice").send());
    assertEquals(502, r.statusCode());
    SpanData call = serverSpan(s -> "user".equals(s.getAttributes().get(PROFILE)));
    assertEquals("failed", call.getAttributes().get(OUTCOME));
    assertEquals(502L, call.getAttributes().get(STATUS));
    assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
    SpanData mint = clientSpan(s -> s.getParentSpanId().equals(call.getSpanId()));
    assertEquals(StatusCode.ERROR, mint.getStatus().getStatusCode());
    assertEquals(429L, mint.getAttributes().get(STATUS));
  }

  private SpanData linkedMint(SpanData call) {
    List<LinkData> links = call.getLinks();
    assertEquals(1, links.size(), "linked to the span that minted the secret: " + call);
    String minter = links.get(0).getSpanContext().getSpanId();
    return clientSpan(s -> s.getSpanId().equals(minter));
  }

  private SpanData serverSpan(Predicate<SpanData> which) {
    return span(SpanKind.SERVER, which);
  }

  private SpanData clientSpan(Predicate<SpanData> which) {
    return span(SpanKind.CLIENT, which);
  }

  /** The span, once it has ended (a call's span ends in its end handler, after the answer was sent). */
  private static SpanData span(SpanKind kind, Predicate<SpanData> which) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < until) {
      for (SpanData s : OTEL.getSpans()) {
        if (s.getKind() == kind && which.test(s)) {
          return s;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no such " + kind + " span in " + OTEL.getSpans());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
