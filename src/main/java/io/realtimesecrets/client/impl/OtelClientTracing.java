package io.realtimesecrets.client.impl;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.realtimesecrets.model.EphemeralSecret;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * {@link ClientTracing} through the OpenTelemetry API: the application's instance when it gave one, else the
 * global one (looked up at each mint, so that an SDK installed after the client was built is used). Loaded only
 * when the API is present.
 */
final class OtelClientTracing extends ClientTracing {

  /** Instrumentation scope name of the spans. */
  static final String SCOPE = "io.realtimesecrets";

  static final OtelClientTracing INSTANCE = new OtelClientTracing(() -> GlobalOpenTelemetry.getTracer(SCOPE),
      W3CTraceContextPropagator.getInstance());
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("mint.attempt");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("mint.attempts");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("openai.request_id");
  static final AttributeKey<Long> BACKOFF_MS = AttributeKey.longKey("mint.backoff_ms");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  // which span minted a secret, for the link from the /token span that hands it out; weak: a secret that is
  // served or dropped takes its entry with it. Shared by every instance: the gateway that hands a secret out
  // need not trace through the same OpenTelemetry as the client that minted it.
  private static final Map<EphemeralSecret, SpanContext> MINTERS = Collections.synchronizedMap(new WeakHashMap<>());

  private final Supplier<Tracer> tracer;
  private final TextMapPropagator propagator;

  private OtelClientTracing(Supplier<Tracer> tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  static boolean isOpenTelemetry(Object o) {
    return o instanceof OpenTelemetry;
  }

  static ClientTracing forApplication(Object openTelemetry) {
    OpenTelemetry otel = (OpenTelemetry) openTelemetry;
    Tracer tracer = otel.getTracer(SCOPE);
    // the application's propagators (W3C trace context unless it chose others) carry the trace upstream
    return new OtelClientTracing(() -> tracer, otel.getPropagators().getTextMapPropagator());
  }

  @Override
  public MintTrace startMint(String method, String path, String host) {
    Span span = tracer.get().spanBuilder(method + " " + path)
        .setSpanKind(SpanKind.CLIENT)
        .setParent(Context.current())
        .setAttribute("http.request.method", method)
        .setAttribute("server.address", host)
        .setAttribute("url.path", path)
        .startSpan();
    return span.getSpanContext().isValid() ? new OtelMintTrace(span) : MintTrace.NONE;
  }

  @Override
  public Object mintSpanOf(EphemeralSecret secret) {
    return secret == null ? null : MINTERS.get(secret);
  }

  private final class OtelMintTrace extends MintTrace {
    private final Span span;
    private long lastStatus;

    OtelMintTrace(Span span) {
      this.span = span;
    }

    @Override
    public void inject(BiConsumer<String, String> header) {
      propagator.inject(Context.root().with(span), header,
          (carrier, name, value) -> carrier.accept(name, value));
    }

    @Override
    public void answered(int attempt, int status, String requestId) {
      lastStatus = status;
      AttributesBuilder a = Attributes.builder().put(ATTEMPT, attempt).put(STATUS, status);
      if (requestId != null) {
        a.put(REQUEST_ID, requestId);
      }
      span.addEvent("attempt", a.build());
    }

    @Override
    public void failed(int attempt, String kind) {
      span.addEvent("attempt", Attributes.of(ATTEMPT, (long) attempt, ERROR_TYPE, kind));
    }

    @Override
    public void retrying(int attempt, long backoffMillis) {
      span.addEvent("retry", Attributes.of(ATTEMPT, (long) attempt, BACKOFF_MS, backoffMillis));
    }

    @Override
    public void succeeded(EphemeralSecret secret, int attempts) {
      if (secret != null) {
        MINTERS.put(secret, span.getSpanContext());
      }
      span.setAttribute(ATTEMPTS, attempts);
      if (lastStatus > 0) {
        span.setAttribute(STATUS, lastStatus);
      }
      span.end();
    }

    @Override
    public void failedForGood(int status, String kind) {
      if (status > 0) {
        span.setAttribute(STATUS, status);
      }
      span.setAttribute(ERROR_TYPE, kind);
      span.setStatus(StatusCode.ERROR);
      span.end();
    }
  }
}
