package io.realtimesecrets.client.impl;

import io.realtimesecrets.model.EphemeralSecret;
import java.util.function.BiConsumer;

/**
 * Tracing of mints through the OpenTelemetry API, when it is on the class path; otherwise {@link #NONE}, and no
 * OpenTelemetry class is ever loaded.
 *
 * <p>A mint is one span (kind CLIENT) whose parent is the caller's current OpenTelemetry context: the span of
 * a {@code /token} call for a per-user mint, none for a pool's refill (a trace of its own). Each HTTP attempt
 * carries the span's W3C {@code traceparent} and adds an event with its status and {@code x-request-id}; each
 * retry adds an event with its backoff. Neither the API key nor a secret is ever an attribute.
 */
public abstract class ClientTracing {

  /** No tracing: every method does nothing. */
  public static final ClientTracing NONE = new ClientTracing() {
  };

  private static final boolean OTEL_PRESENT = present("io.opentelemetry.api.GlobalOpenTelemetry");

  /**
   * The tracing in force: OpenTelemetry's global instance when its API is on the class path, else {@link #NONE}.
   *
   * @return the tracing
   */
  public static ClientTracing get() {
    return OTEL_PRESENT ? OtelClientTracing.INSTANCE : NONE;
  }

  /**
   * The tracing of a client: through the application's OpenTelemetry when it gave one, else {@link #get()}.
   *
   * @param openTelemetry an {@code io.opentelemetry.api.OpenTelemetry} (checked by
   *     {@link #requireOpenTelemetry}), or {@code null}
   * @return the tracing
   */
  public static ClientTracing of(Object openTelemetry) {
    return openTelemetry == null ? get() : OtelClientTracing.forApplication(openTelemetry);
  }

  /**
   * Checks an option that holds the application's OpenTelemetry, without loading any OpenTelemetry class when
   * the API is absent.
   *
   * @param option the option's name, for the message
   * @param openTelemetry the value, or {@code null}
   * @return the value
   * @throws IllegalArgumentException when it is not an {@code io.opentelemetry.api.OpenTelemetry}
   */
  public static Object requireOpenTelemetry(String option, Object openTelemetry) {
    if (openTelemetry != null && !(OTEL_PRESENT && OtelClientTracing.isOpenTelemetry(openTelemetry))) {
      throw new IllegalArgumentException(option + ": must be an io.opentelemetry.api.OpenTelemetry, not "
          + openTelemetry.getClass().getName());
    }
    return openTelemetry;
  }

  /**
   * Whether a class is on the class path (the check that keeps an optional dependency unloaded).
   *
   * @param name the class name
   * @return true when it loads
   */
  public static boolean present(String name) {
    try {
      Class.forName(name, false, ClientTracing.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Starts the span of one mint, a child of the caller's current context.
   *
   * @param method the HTTP method
   * @param path the endpoint's path
   * @param host the upstream host
   * @return the mint's trace
   */
  public MintTrace startMint(String method, String path, String host) {
    return MintTrace.NONE;
  }

  /**
   * The span context that minted a secret, as an OpenTelemetry {@code SpanContext}, for a link from the span
   * that hands it out; {@code null} when unknown.
   *
   * @param secret the secret
   * @return the span context, or {@code null}
   */
  public Object mintSpanOf(EphemeralSecret secret) {
    return null;
  }

  /** One mint's span. Called on the mint's context only. */
  public abstract static class MintTrace {

    /** Records nothing. */
    public static final MintTrace NONE = new MintTrace() {
    };

    /**
     * Adds the trace context headers ({@code traceparent}) of this span to an attempt's request.
     *
     * @param header receives name and value
     */
    public void inject(BiConsumer<String, String> header) {
    }

    /**
     * An attempt was answered.
     *
     * @param attempt 1 for the first
     * @param status the HTTP status
     * @param requestId the upstream's {@code x-request-id}, or {@code null}
     */
    public void answered(int attempt, int status, String requestId) {
    }

    /**
     * An attempt failed without an answer (connection, timeout, bad body).
     *
     * @param attempt 1 for the first
     * @param kind what failed, in words without secrets (an exception's class name)
     */
    public void failed(int attempt, String kind) {
    }

    /**
     * A retry is scheduled.
     *
     * @param attempt the attempt that failed
     * @param backoffMillis the wait before the next one
     */
    public void retrying(int attempt, long backoffMillis) {
    }

    /**
     * The mint succeeded.
     *
     * @param secret the minted secret (never recorded; remembered for {@link ClientTracing#mintSpanOf})
     * @param attempts attempts made
     */
    public void succeeded(EphemeralSecret secret, int attempts) {
    }

    /**
     * The mint failed for good.
     *
     * @param status the last HTTP status, or 0 when there was no answer
     * @param kind the failure's type, without its message
     */
    public void failedForGood(int status, String kind) {
    }
  }
}
