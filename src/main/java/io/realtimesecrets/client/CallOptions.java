package io.realtimesecrets.client;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings for one call that override the client's options: extra headers (for example
 * {@code OpenAI-Safety-Identifier} for a per-user mint), the overall deadline and the retry budget.
 * Immutable; build with {@link #builder()}.
 */
public final class CallOptions {

  /** No per-call settings: the client's options apply. */
  public static final CallOptions DEFAULTS = builder().build();

  private final Map<String, String> headers;
  private final Duration timeout;
  private final Integer maxRetries;
  private final Future<?> cancellation;

  private CallOptions(Builder b) {
    this.headers = Map.copyOf(b.headers);
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.cancellation = b.cancellation;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Headers added to this call, after the client's own (a header here replaces one of the same name).
   *
   * @return an unmodifiable map
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * The overall deadline of this call, retries included, or {@code null} for the client's
   * {@link RealtimeSecretsClientOptions#getCallTimeout()}.
   *
   * @return the deadline or {@code null}
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The retry budget of this call, or {@code null} for the client's
   * {@link RealtimeSecretsClientOptions#getMaxRetries()}.
   *
   * @return the number of retries after the first attempt, or {@code null}
   */
  public Integer maxRetries() {
    return maxRetries;
  }

  /**
   * The signal that cancels this call, or {@code null}; see {@link Builder#cancelWhen(Future)}.
   *
   * @return the signal or {@code null}
   */
  public Future<?> cancellation() {
    return cancellation;
  }

  @Override
  public String toString() {
    // header values may identify users (safety identifiers): show names only
    return "CallOptions{headers=" + headers.keySet() + ", timeout=" + timeout + ", maxRetries=" + maxRetries + '}';
  }

  /** Builds {@link CallOptions}. */
  public static final class Builder {
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration timeout;
    private Integer maxRetries;
    private Future<?> cancellation;

    private Builder() {
    }

    /**
     * Adds a header to the call.
     *
     * @param name header name
     * @param value header value
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      headers.put(name, value);
      return this;
    }

    /**
     * Sets {@code OpenAI-Safety-Identifier}, the stable, privacy-preserving id of the end user a secret is
     * minted for (a hash, never an e-mail address).
     *
     * @param identifier the identifier
     * @return this builder
     */
    public Builder safetyIdentifier(String identifier) {
      return header("OpenAI-Safety-Identifier", identifier);
    }

    /**
     * Sets the overall deadline of the call, retries included.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout: must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the retry budget of the call.
     *
     * @param maxRetries retries after the first attempt, 0 or more
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries: must be 0 or more");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Cancels the call when {@code signal} completes, successfully or not: no further attempt is made, an
     * attempt in flight is abandoned (its HTTP/2 stream reset, its HTTP/1.1 connection closed, so it holds
     * no connection), and the call fails with {@link java.util.concurrent.CancellationException} unless it
     * had already completed. Use it when whoever waits for the secret is gone, for example the HTTP request
     * it was minted for ended. An attempt already sent may still mint a secret upstream, which then goes
     * unused.
     *
     * @param signal completes when the call is no longer wanted
     * @return this builder
     */
    public Builder cancelWhen(Future<?> signal) {
      this.cancellation = Objects.requireNonNull(signal, "signal");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return immutable options
     */
    public CallOptions build() {
      return new CallOptions(this);
    }
  }
}
