package io.realtimesecrets.client;

/**
 * The exchange with the upstream failed without a usable HTTP answer: the connection failed or was reset,
 * TLS was refused, or the response could not be used (malformed JSON, wrong content type, too large).
 */
public class UpstreamException extends RealtimeSecretsException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The TCP connection could not be made or was closed or reset before the answer was complete. */
    CONNECTION(true),
    /** TLS handshake failed, typically an untrusted certificate. Not retried: it will not fix itself. */
    TLS(false),
    /** No complete answer within the timeout. */
    TIMEOUT(true),
    /**
     * A 2xx answer that cannot be used: not the expected JSON (malformed, cut off, wrong content type), or
     * a secret whose {@code expires_at} is already past or absurd (before 1970, or later than the longest
     * life a secret can have). The upstream minted a secret for it, so the client does not send the request
     * again within the call (that would mint a second one); {@link #isRetryable()} is true because a later
     * call may well succeed.
     */
    INVALID_RESPONSE(true),
    /**
     * The answer exceeded {@link RealtimeSecretsClientOptions#getMaxResponseBytes()}; only that exchange is
     * abandoned. Retried within the call only when the status was not 2xx (a 2xx means a secret was
     * minted); {@link #isRetryable()} is true because a later call may well succeed.
     */
    RESPONSE_TOO_LARGE(true);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }
  }

  private final Kind kind;

  /**
   * Creates the exception.
   *
   * @param kind what went wrong
   * @param message the message, free of secrets
   * @param cause the cause, may be {@code null}
   * @param attempts attempts made
   */
  public UpstreamException(Kind kind, String message, Throwable cause, int attempts) {
    super(message + attemptsSuffix(attempts), cause, attempts);
    this.kind = kind;
  }

  /** @return what went wrong */
  public Kind kind() {
    return kind;
  }

  /**
   * The message without the attempts suffix.
   *
   * @return the base message
   */
  protected String baseMessage() {
    String m = getMessage();
    int i = m.lastIndexOf(" (after ");
    return i >= 0 ? m.substring(0, i) : m;
  }

  @Override
  public boolean isRetryable() {
    return kind.retryable;
  }

  @Override
  public UpstreamException withAttempts(int attempts) {
    return new UpstreamException(kind, baseMessage(), getCause(), attempts);
  }
}
