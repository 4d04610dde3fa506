package io.realtimesecrets.gateway.impl;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.realtimesecrets.client.impl.ClientTracing;
import io.realtimesecrets.model.EphemeralSecret;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link GatewayTracing} through the OpenTelemetry API: the application's instance when it gave one, else the
 * global one (looked up at each call). Loaded only when the API is present.
 */
final class OtelGatewayTracing extends GatewayTracing {

  static final OtelGatewayTracing INSTANCE = new OtelGatewayTracing(
      () -> GlobalOpenTelemetry.getTracer("io.realtimesecrets"), W3CTraceContextPropagator.getInstance());

  static final AttributeKey<String> PROFILE = AttributeKey.stringKey("gateway.profile");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("gateway.outcome");
  static final AttributeKey<Boolean> POOL_HIT = AttributeKey.booleanKey("gateway.pool.hit");
  static final AttributeKey<Long> WAIT_MS = AttributeKey.longKey("gateway.wait_ms");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

  private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(HttpServerRequest carrier) {
      return carrier.headers().names();
    }

    @Override
    public String get(HttpServerRequest carrier, String key) {
      return carrier == null ? null : carrier.getHeader(key);
    }
  };

  private final Supplier<Tracer> tracer;
  private final TextMapPropagator propagator;

  private OtelGatewayTracing(Supplier<Tracer> tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  static GatewayTracing forApplication(Object openTelemetry) {
    OpenTelemetry otel = (OpenTelemetry) openTelemetry;
    Tracer tracer = otel.getTracer("io.realtimesecrets");
    return new OtelGatewayTracing(() -> tracer, otel.getPropagators().getTextMapPropagator());
  }

  @Override
  public RequestTrace begin(HttpServerRequest request, String profile) {
    // A span current here is the framework's request span (vertx-opentelemetry and Quarkus keep the current
    // context on the request's Vert.x context); it has continued the caller's trace already. Otherwise the
    // caller's traceparent only: the gateway is where a browser's trace enters the service.
    Context current = Context.current();
    boolean nested = Span.fromContext(current).getSpanContext().isValid();
    Context parent = nested ? current : propagator.extract(Context.root(), request, HEADERS);
    Span span = tracer.get()
        .spanBuilder(request.method().name() + " /token")
        .setSpanKind(nested ? SpanKind.INTERNAL : SpanKind.SERVER)
        .setParent(parent)
        .setAttribute("http.request.method", request.method().name())
        .setAttribute("http.route", "/token")
        .setAttribute(PROFILE, profile)
        .startSpan();
    return span.getSpanContext().isValid() ? new OtelRequestTrace(span) : RequestTrace.NONE;
  }

  private static final class OtelRequestTrace extends RequestTrace {
    private final Span span;
    private volatile String outcome;

    OtelRequestTrace(Span span) {
      this.span = span;
    }

    @Override
    public String traceId() {
      return span.getSpanContext().getTraceId();
    }

    @Override
    public String spanId() {
      return span.getSpanContext().getSpanId();
    }

    @Override
    public <T> T withSpanCurrent(Supplier<T> work) {
      try (Scope ignored = span.makeCurrent()) {
        return work.get();
      }
    }

    @Override
    public void taken(boolean perUser, boolean fromStock, long waitNanos, EphemeralSecret secret) {
      span.setAttribute(WAIT_MS, TimeUnit.NANOSECONDS.toMillis(waitNanos));
      if (!perUser) {
        span.setAttribute(POOL_HIT, fromStock && secret != null);
      }
      if (secret == null) {
        outcome = "failed";
        return;
      }
      outcome = perUser ? "minted" : fromStock ? "hit" : "waited";
      Object minter = ClientTracing.get().mintSpanOf(secret);
      if (!perUser && minter instanceof SpanContext) {
        span.addLink((SpanContext) minter);
      }
    }

    @Override
    public void end(int status) {
      span.setAttribute(STATUS, status);
      span.setAttribute(OUTCOME, outcome != null ? outcome : status < 400 ? "ok" : "refused");
      if (status >= 500) {
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    }
  }
}
