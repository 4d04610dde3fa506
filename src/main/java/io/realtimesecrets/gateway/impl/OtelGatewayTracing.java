package io.realtimesecrets.gateway.impl;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.realtimesecrets.client.impl.ClientTracing;
import io.realtimesecrets.model.EphemeralSecret;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link GatewayTracing} through the OpenTelemetry API's global instance. Loaded only when the API is present. */
final class OtelGatewayTracing extends GatewayTracing {

  static final OtelGatewayTracing INSTANCE = new OtelGatewayTracing();

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

  @Override
  public RequestTrace begin(HttpServerRequest request, String profile) {
    // the caller's traceparent only: the gateway is where a browser's trace enters the service
    Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
    Span span = GlobalOpenTelemetry.getTracer("io.realtimesecrets")
        .spanBuilder(request.method().name() + " /token")
        .setSpanKind(SpanKind.SERVER)
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
