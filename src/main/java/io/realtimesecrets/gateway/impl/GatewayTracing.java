package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.client.impl.ClientTracing;
import io.realtimesecrets.model.EphemeralSecret;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;

/**
 * Tracing of {@code /token} calls through the OpenTelemetry API, when it is on the class path; otherwise
 * {@link #NONE}, and no OpenTelemetry class is ever loaded.
 *
 * <p>Each call is a span (kind SERVER) that continues the caller's W3C {@code traceparent}, with the profile,
 * the outcome, whether the pool had stock, the wait and the status. A per-user mint runs with the call's span
 * current, so its span (see {@link ClientTracing}) is a child and its upstream request carries the trace; a
 * pooled secret was minted ahead of time in a trace of its own, and the call's span links to that mint's span.
 *
 * <p>When a span is already current as the call starts (the application's, or its framework's HTTP
 * instrumentation: Vert.x's OpenTelemetry tracing, Quarkus's), the call's span is that span's child, of kind
 * INTERNAL, and the {@code traceparent} header is not read a second time.
 */
public abstract class GatewayTracing {

  /** No tracing. */
  public static final GatewayTracing NONE = new GatewayTracing() {
  };

  private static final boolean OTEL_PRESENT = ClientTracing.present("io.opentelemetry.api.GlobalOpenTelemetry");

  /**
   * The tracing in force: OpenTelemetry's global instance when its API is on the class path, else {@link #NONE}.
   *
   * @return the tracing
   */
  public static GatewayTracing get() {
    return OTEL_PRESENT ? OtelGatewayTracing.INSTANCE : NONE;
  }

  /**
   * The tracing of a gateway: through the application's OpenTelemetry when it gave one, else {@link #get()}.
   *
   * @param openTelemetry an {@code io.opentelemetry.api.OpenTelemetry} (checked by
   *     {@link ClientTracing#requireOpenTelemetry}), or {@code null}
   * @return the tracing
   */
  public static GatewayTracing of(Object openTelemetry) {
    return openTelemetry == null ? get() : OtelGatewayTracing.forApplication(openTelemetry);
  }

  /**
   * Starts the span of one call.
   *
   * @param request the call
   * @param profile the profile's name ({@code unknown} when not configured)
   * @return the call's trace
   */
  public RequestTrace begin(HttpServerRequest request, String profile) {
    return RequestTrace.NONE;
  }

  /** One call's span. */
  public abstract static class RequestTrace {

    /** Records nothing. */
    public static final RequestTrace NONE = new RequestTrace() {
    };

    /**
     * The trace id, for the access log.
     *
     * @return 32 hex digits, or {@code null} without tracing
     */
    public String traceId() {
      return null;
    }

    /**
     * The span id, for the access log.
     *
     * @return 16 hex digits, or {@code null} without tracing
     */
    public String spanId() {
      return null;
    }

    /**
     * Runs something with this call's span current (a per-user mint, so that it becomes a child).
     *
     * @param work the work
     * @param <T> its result
     * @return its result
     */
    public <T> T withSpanCurrent(Supplier<T> work) {
      return work.get();
    }

    /**
     * The source has answered.
     *
     * @param perUser whether the secret was minted for this call
     * @param fromStock whether it was there at once (a pool hit)
     * @param waitNanos how long the call waited for it
     * @param secret the secret, or {@code null} when the source failed
     */
    public void taken(boolean perUser, boolean fromStock, long waitNanos, EphemeralSecret secret) {
    }

    /**
     * The call has ended.
     *
     * @param status the HTTP status (499 when the caller went away)
     */
    public void end(int status) {
    }
  }
}
