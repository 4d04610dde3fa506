package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.gateway.impl.TokenGatewayImpl;
import io.vertx.core.MultiMap;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingPolicy;
import java.util.function.BiConsumer;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An application that has its own OpenTelemetry (not the global one) gets the spans of {@code /token} calls and
 * of mints there, through {@link GatewayOptions#setOpenTelemetry} and
 * {@link RealtimeSecretsClientOptions#setOpenTelemetry}; a span the application (or its framework's
 * instrumentation, such as Vert.x's or Quarkus's OpenTelemetry tracing) made current is the parent of the call's
 * span; the text access line carries the call's trace and span ids. A global SDK with its own exporter is
 * installed meanwhile, to show that nothing goes there.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApplicationOpenTelemetryTest {

  private static final String KEY = "sk-proj-APPOTEL0123456789abcdefghijklmnopqrs";
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("gateway.outcome");

  private final InMemorySpanExporter appSpans = InMemorySpanExporter.create();
  private final InMemorySpanExporter globalSpans = InMemorySpanExporter.create();
  private OpenTelemetrySdk app;
  private OpenTelemetrySdk global;
  private Vertx vertx;
  private MockUpstream mock;
  private WebClient web;

  @BeforeEach
  void start() throws Exception {
    app = sdk(appSpans);
    global = sdk(globalSpans);
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(global);
    vertx = Vertx.vertx();
    mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
    await(mock.start());
    web = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    await(mock.close());
    await(vertx.close());
    GlobalOpenTelemetry.resetForTest();
    app.close();
    global.close();
  }

  private static OpenTelemetrySdk sdk(InMemorySpanExporter exporter) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  private RealtimeSecretsClientOptions clientOptions() {
    return new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY);
  }

  private GatewayOptions pooled() {
    return new GatewayOptions().setClientOptions(clientOptions())
        .addProfile(GatewayProfile.builder("default").pool(new SecretPoolOptions().setMinIdle(1).setMaxIdle(1)).build());
  }

  @Test
  void aGatewayWithItsOwnClientRecordsCallsAndPoolMintsThroughTheApplicationsOpenTelemetry() throws Exception {
    OpenTelemetrySdk openTelemetry = app;
    // snippet:gateway-opentelemetry
    GatewayOptions options = new GatewayOptions()
        .setClientOptions(new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY))
        .addProfile(GatewayProfile.builder("default").pool(new SecretPoolOptions().setMinIdle(1).setMaxIdle(1)).build())
        .setOpenTelemetry(openTelemetry);           // the app's SDK, not GlobalOpenTelemetry; its client's too
    TokenGateway gateway = TokenGateway.create(vertx, options);
    // end:gateway-opentelemetry
    try {
      int port = listen(gateway.router());
      await(gateway.start());
      HttpResponse<Buffer> r = await(web.get(port, "127.0.0.1", "/token").putHeader("traceparent", TRACEPARENT).send());
      assertEquals(200, r.statusCode());
      SpanData call = span(appSpans, s -> s.getKind() == SpanKind.SERVER);
      assertEquals(TRACE_ID, call.getTraceId(), "the caller's trace goes on");
      assertEquals("hit", call.getAttributes().get(OUTCOME));
      assertEquals(1, call.getLinks().size(), "linked to the pool's mint: " + call);
      String minter = call.getLinks().get(0).getSpanContext().getSpanId();
      span(appSpans, s -> s.getKind() == SpanKind.CLIENT && s.getSpanId().equals(minter));
      assertEquals(List.of(), globalSpans.getFinishedSpanItems(), "nothing goes to the global OpenTelemetry");
    } finally {
      await(gateway.close());
    }
  }

  @Test
  void aClientRecordsItsMintsThroughTheApplicationsOpenTelemetry() throws Exception {
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, clientOptions().setOpenTelemetry(app));
    try {
      await(client.createClientSecret(ClientSecretRequest.minimal()));
      SpanData mint = span(appSpans, s -> s.getKind() == SpanKind.CLIENT);
      assertEquals("POST /realtime/client_secrets", mint.getName());
      assertEquals(List.of(), globalSpans.getFinishedSpanItems(), "nothing goes to the global OpenTelemetry");
    } finally {
      await(client.close());
    }
  }

  @Test
  void aSpanTheApplicationMadeCurrentIsTheParentOfTheCallsSpan() throws Exception {
    TokenGateway gateway = TokenGateway.create(vertx, pooled().setOpenTelemetry(app));
    List<String> appSpanIds = new CopyOnWriteArrayList<>();
    // what a framework's HTTP instrumentation does: its server span is current while the route's handlers run
    Router root = Router.router(vertx);
    root.route().handler(ctx -> {
      Span appSpan = app.getTracer("app").spanBuilder("GET").setSpanKind(SpanKind.SERVER).startSpan();
      appSpanIds.add(appSpan.getSpanContext().getSpanId());
      try (Scope ignored = appSpan.makeCurrent()) {
        ctx.next();
      } finally {
        appSpan.end();
      }
    });
    root.route("/*").subRouter(gateway.router());
    try {
      int port = listen(root);
      await(gateway.start());
      // the framework has already continued the caller's trace in its own span: the header is not read again
      HttpResponse<Buffer> r = await(web.get(port, "127.0.0.1", "/token").putHeader("traceparent", TRACEPARENT).send());
      assertEquals(200, r.statusCode());
      SpanData call = span(appSpans, s -> "GET /token".equals(s.getName()));
      assertEquals(appSpanIds.get(0), call.getParentSpanId(), "a child of the span that was current");
      assertEquals(SpanKind.INTERNAL, call.getKind(), "the framework's span is the request's server span");
      assertTrue(!TRACE_ID.equals(call.getTraceId()), "the framework's trace, not a second reading of the header");
      // the take emptied the stock of one: its refill is a pooled mint, a trace of its own all the same
      span(appSpans, s -> s.getKind() == SpanKind.CLIENT && !s.getSpanId().equals(
          call.getLinks().get(0).getSpanContext().getSpanId()));
      for (SpanData mint : appSpans.getFinishedSpanItems()) {
        if (mint.getKind() == SpanKind.CLIENT) {
          assertTrue(!mint.getParentSpanContext().isValid(), "a pooled mint has no parent: " + mint);
        }
      }
    } finally {
      await(gateway.close());
    }
  }

  @Test
  void theTextAccessLineCarriesTheCallsTraceAndSpanIds() throws Exception {
    TokenGateway gateway = TokenGateway.create(vertx, pooled().setOpenTelemetry(app));
    List<String> lines = new CopyOnWriteArrayList<>();
    Logger jul = Logger.getLogger(TokenGatewayImpl.ACCESS_LOGGER);
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        lines.add(record.getMessage());
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    jul.addHandler(capture);
    try {
      int port = listen(gateway.router());
      await(gateway.start());
      assertEquals(200, await(web.get(port, "127.0.0.1", "/token").putHeader("traceparent", TRACEPARENT).send())
          .statusCode());
      SpanData call = span(appSpans, s -> s.getKind() == SpanKind.SERVER);
      // the line is written in the same end handler that ended the span, just after it
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (lines.isEmpty() && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertEquals(1, lines.size(), "one access line: " + lines);
      assertTrue(lines.get(0).matches("profile=default status=200 latencyMs=\\d+ traceId=" + TRACE_ID + " spanId="
          + call.getSpanId()), lines.get(0));
    } finally {
      jul.removeHandler(capture);
      await(gateway.close());
    }
  }

  @Test
  void withVertxTracingConfiguredTheUpstreamRequestCarriesOnlyTheMintSpansTraceparent() throws Exception {
    // what vertx-opentelemetry does for every HTTP client request it may trace: add its own traceparent
    List<String> tracedByVertx = new CopyOnWriteArrayList<>();
    VertxTracer<Object, Object> vertxTracing = new VertxTracer<>() {
      @Override
      public <R> Object sendRequest(io.vertx.core.Context context, io.vertx.core.spi.tracing.SpanKind kind,
          TracingPolicy policy, R request, String operation, BiConsumer<String, String> headers,
          TagExtractor<R> tagExtractor) {
        if (policy != TracingPolicy.IGNORE) {
          tracedByVertx.add(operation);
          headers.accept("traceparent", "00-11111111111111111111111111111111-2222222222222222-01");
        }
        return null;
      }
    };
    Vertx traced = Vertx.builder().withTracer(options -> vertxTracing).build();
    HeaderRecordingForwarder forwarder = await(HeaderRecordingForwarder.start(vertx, mock));
    List<MultiMap> upstreamHeaders = forwarder.headers;
    String base = forwarder.baseUrl();
    RealtimeSecretsClient client = RealtimeSecretsClient.create(traced,
        new RealtimeSecretsClientOptions().setBaseUrl(base).setApiKey(KEY).setOpenTelemetry(app));
    try {
      await(client.createClientSecret(ClientSecretRequest.minimal()));
      SpanData mint = span(appSpans, s -> s.getKind() == SpanKind.CLIENT);
      assertEquals(1, upstreamHeaders.size());
      List<String> traceparents = upstreamHeaders.get(0).getAll("traceparent");
      assertEquals(1, traceparents.size(), "one traceparent: " + traceparents);
      assertTrue(traceparents.get(0).startsWith("00-" + mint.getTraceId() + "-" + mint.getSpanId() + "-"),
          "the mint span is the upstream call's client span: " + traceparents);
      assertEquals(List.of(), tracedByVertx, "no second client span from Vert.x's tracing");
    } finally {
      await(client.close());
      await(traced.close());
    }
  }

  @Test
  void anOptionThatIsNotAnOpenTelemetryIsRefusedWhenSet() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GatewayOptions().setOpenTelemetry("not an OpenTelemetry"));
    assertTrue(e.getMessage().startsWith("openTelemetry: must be an io.opentelemetry.api.OpenTelemetry"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new RealtimeSecretsClientOptions().setOpenTelemetry(new Object()));
  }

  private int listen(Router router) throws Exception {
    return await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
  }

  /** The span, once it has ended (a call's span ends in its end handler, after the answer was sent). */
  private static SpanData span(InMemorySpanExporter exporter, Predicate<SpanData> which) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < until) {
      for (SpanData s : exporter.getFinishedSpanItems()) {
        if (which.test(s)) {
          return s;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no such span in " + exporter.getFinishedSpanItems());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
