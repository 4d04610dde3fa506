package io.realtimesecrets.client;

/**
 * Base of every failure the client reports after a request was sent (validation failures, which happen
 * before, are {@link io.realtimesecrets.model.RequestValidationException}).
 *
 * <p>Messages never contain the API key nor a full secret.
 */
public abstract class RealtimeSecretsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int attempts;

  /**
   * Creates the exception.
   *
   * @param message the message, already free of secrets
   * @param cause the cause, may be {@code null}
   * @param attempts how many HTTP attempts were made, at least 1
   */
  protected RealtimeSecretsException(String message, Throwable cause, int attempts) {
    super(message, cause);
    this.attempts = attempts;
  }

  /**
   * How many HTTP attempts the call made before giving up.
   *
   * @return at least 1
   */
  public int attempts() {
    return attempts;
  }

  /**
   * Whether the failure is worth retrying later (transport failures, timeouts, 408, 409, 429 other than
   * {@code insufficient_quota}, 5xx, and 2xx answers that could not be used). The client's own retry loop
   * retries these, except after an answer that began with a 2xx status: the upstream minted a secret then,
   * and sending the request again would orphan it.
   *
   * @return true when transient
   */
  public abstract boolean isRetryable();

  /**
   * A copy of this exception stating the number of attempts of the whole call.
   *
   * @param attempts the number of attempts
   * @return the copy
   */
  public abstract RealtimeSecretsException withAttempts(int attempts);

  /**
   * Formats the standard suffix of messages.
   *
   * @param attempts attempts made
   * @return {@code " (after N attempts)"} for more than one attempt, otherwise empty
   */
  protected static String attemptsSuffix(int attempts) {
    return attempts > 1 ? " (after " + attempts + " attempts)" : "";
  }
}
