package io.realtimesecrets.client;

/**
 * The upstream did not answer in time: the per-attempt timeout or the overall call deadline passed.
 */
public final class UpstreamTimeoutException extends UpstreamException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the message, free of secrets
   * @param cause the cause, may be {@code null}
   * @param attempts attempts made
   */
  public UpstreamTimeoutException(String message, Throwable cause, int attempts) {
    super(Kind.TIMEOUT, message, cause, attempts);
  }

  @Override
  public UpstreamTimeoutException withAttempts(int attempts) {
    return new UpstreamTimeoutException(baseMessage(), getCause(), attempts);
  }
}
