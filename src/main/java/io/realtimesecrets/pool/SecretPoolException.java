package io.realtimesecrets.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * Why {@link SecretPool#take()} (or {@link SecretPool#start()}) could not give a secret. One type with a
 * {@link #reason()}, so a gateway maps it to an HTTP answer in one switch: {@link Reason#UPSTREAM_REJECTED}
 * is a configuration problem (500/502), everything else is "try again" (503 with {@code Retry-After} from
 * {@link #retryAfter()}).
 *
 * <p>Messages never contain a secret or the API key. The stack trace is not filled in: these failures are
 * expected under load and their origin is always {@code take()}.
 */
public final class SecretPoolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the pool gave no secret. */
  public enum Reason {
    /**
     * Stock was empty and the caller could not be served in time: {@code maxWaiters} callers were already
     * waiting, or so many were ahead of it that, at the observed mint latency and the mints in flight, none
     * could reach it within {@code acquireTimeout}. Rejected at once, with a {@link #retryAfter()} hint.
     */
    WAITERS_FULL,
    /** Stock was empty and no secret arrived within {@code acquireTimeout} (or the pool did not warm up). */
    ACQUIRE_TIMEOUT,
    /**
     * Stock was empty and the upstream is failing: the circuit is open, or the upstream asked for a pause
     * ({@code Retry-After}) longer than the caller could wait. {@link #retryAfter()} says when the next
     * attempt is due.
     */
    CIRCUIT_OPEN,
    /**
     * The upstream refused in a way retrying cannot cure (401/403, {@code insufficient_quota}, 4xx for a
     * bad template): the cause is the client's exception. The pool probes again every
     * {@code fatalProbeInterval}.
     */
    UPSTREAM_REJECTED,
    /** The pool is closed. */
    CLOSED
  }

  private final Reason reason;
  private final transient Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param reason why
   * @param message a message free of secrets
   * @param retryAfter a hint for a {@code Retry-After} answer, or {@code null}
   * @param cause the upstream failure behind it, or {@code null}
   */
  public SecretPoolException(Reason reason, String message, Duration retryAfter, Throwable cause) {
    super(message, cause, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.retryAfter = retryAfter;
  }

  /**
   * Why the pool gave no secret.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * How long a caller should wait before asking again: whole seconds, at least 1 s, suitable for an HTTP
   * {@code Retry-After} header; {@code null} when there is no sensible hint ({@link Reason#CLOSED}).
   *
   * @return the hint or {@code null}
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
