package io.realtimesecrets.client;

import java.time.Duration;

/**
 * The upstream answered with a non-2xx status. Carries the status, the API's
 * {@code error.type/code/param/message} and the {@code x-request-id} header to quote to OpenAI support.
 */
public final class ApiException extends RealtimeSecretsException {

  private static final long serialVersionUID = 1L;

  /**
   * The longest delay {@link #retryAfter()} ever reports: 10 minutes. A longer {@code Retry-After} (or one
   * so large it would overflow arithmetic, such as {@code 10000000000}) is reported as this value, so callers
   * can add, compare and convert it to nanoseconds without overflow; an upstream that wants a longer pause
   * says so again on the next attempt.
   */
  public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

  private final int status;
  private final String errorType;
  private final String code;
  private final String param;
  private final String apiMessage;
  private final String requestId;
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param status HTTP status
   * @param errorType {@code error.type}, may be {@code null}
   * @param code {@code error.code}, may be {@code null}
   * @param param {@code error.param}, may be {@code null}
   * @param apiMessage {@code error.message} (already redacted), may be {@code null}
   * @param requestId {@code x-request-id}, may be {@code null}
   * @param retryAfter the delay the upstream asked for ({@code retry-after-ms} or {@code Retry-After}), may
   *     be {@code null}
   * @param attempts attempts made
   */
  public ApiException(int status, String errorType, String code, String param, String apiMessage,
      String requestId, Duration retryAfter, int attempts) {
    super(format(status, errorType, code, param, apiMessage, requestId, attempts), null, attempts);
    this.status = status;
    this.errorType = errorType;
    this.code = code;
    this.param = param;
    this.apiMessage = apiMessage;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  private static String format(int status, String type, String code, String param, String message,
      String requestId, int attempts) {
    StringBuilder sb = new StringBuilder("HTTP ").append(status);
    if (type != null) {
      sb.append(' ').append(type);
    }
    if (code != null) {
      sb.append(" (code ").append(code).append(')');
    }
    if (param != null) {
      sb.append(" param ").append(param);
    }
    if (message != null) {
      sb.append(": ").append(message);
    }
    if (requestId != null) {
      sb.append(" [request id ").append(requestId).append(']');
    }
    return sb.append(attemptsSuffix(attempts)).toString();
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }

  /** @return {@code error.type}, or {@code null} */
  public String errorType() {
    return errorType;
  }

  /** @return {@code error.code}, or {@code null} */
  public String code() {
    return code;
  }

  /** @return {@code error.param}, or {@code null} */
  public String param() {
    return param;
  }

  /** @return {@code error.message}, or {@code null} */
  public String apiMessage() {
    return apiMessage;
  }

  /** @return the {@code x-request-id} header, or {@code null} */
  public String requestId() {
    return requestId;
  }

  /** @return the delay the upstream asked for before retrying, or {@code null} */
  public Duration retryAfter() {
    return retryAfter;
  }

  /**
   * Whether this is a 429 that no waiting cures: the account has no quota left.
   *
   * @return true for {@code insufficient_quota}
   */
  public boolean isInsufficientQuota() {
    return "insufficient_quota".equals(code) || "insufficient_quota".equals(errorType);
  }

  /**
   * Whether the key was refused (401 or 403).
   *
   * @return true for authentication or permission failures
   */
  public boolean isAuthFailure() {
    return status == 401 || status == 403;
  }

  @Override
  public boolean isRetryable() {
    if (status == 429) {
      return !isInsufficientQuota();
    }
    return status == 408 || status == 409 || status >= 500;
  }

  @Override
  public ApiException withAttempts(int attempts) {
    return new ApiException(status, errorType, code, param, apiMessage, requestId, retryAfter, attempts);
  }
}
