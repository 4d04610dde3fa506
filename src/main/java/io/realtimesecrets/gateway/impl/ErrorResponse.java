package io.realtimesecrets.gateway.impl;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * The gateway's one error shape: {@code {"error": {"type": ..., "message": ...}}} with a matching status.
 * Messages are fixed texts chosen by the gateway; they never echo request headers, bodies or secrets.
 */
public final class ErrorResponse {

  /** 401: missing or wrong gateway credentials, or no caller identity for a per-user profile. */
  public static final String UNAUTHORIZED = "unauthorized";
  /** 401: a JWT access token was presented and not accepted (expired, wrong audience, bad signature...). */
  public static final String INVALID_TOKEN = "invalid_token";
  /** 403: a CORS preflight from an origin that is not allowed. */
  public static final String FORBIDDEN = "forbidden";
  /** 404: unknown profile or path. */
  public static final String NOT_FOUND = "not_found";
  /** 405: a method other than GET, POST (and OPTIONS for CORS). */
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  /** 400: a request that cannot be parsed (e.g. a malformed escape in the path). */
  public static final String INVALID_REQUEST = "invalid_request";
  /** 421: a {@code Host} this gateway does not serve (DNS rebinding protection). */
  public static final String MISDIRECTED_REQUEST = "misdirected_request";
  /** 431 (or 414): request headers (or request line) over the standalone server's limits. */
  public static final String REQUEST_TOO_LARGE = "request_too_large";
  /** 413: request body over the cap. */
  public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
  /** 429: over the per-client rate limit. */
  public static final String RATE_LIMITED = "rate_limited";
  /** 502: the upstream refused to mint and retrying will not help (e.g. bad API key, no quota). */
  public static final String UPSTREAM_ERROR = "upstream_error";
  /** 503: no secret in time, or the gateway is shutting down. */
  public static final String UNAVAILABLE = "unavailable";
  /** 500: a bug. */
  public static final String INTERNAL_ERROR = "internal_error";

  private ErrorResponse() {
  }

  /**
   * The error body.
   *
   * @param type one of the constants of this class
   * @param message a human-readable message
   * @return the JSON
   */
  public static JsonObject body(String type, String message) {
    return new JsonObject().put("error", new JsonObject().put("type", type).put("message", message));
  }

  /**
   * Ends the response with an error, unless it has already ended.
   *
   * @param ctx the routing context
   * @param status the HTTP status
   * @param type the error type
   * @param message the message
   */
  public static void send(RoutingContext ctx, int status, String type, String message) {
    send(ctx, status, type, message, null);
  }

  /**
   * Ends the response with an error and a {@code Retry-After} header, unless it has already ended.
   *
   * @param ctx the routing context
   * @param status the HTTP status
   * @param type the error type
   * @param message the message
   * @param retryAfter the delay to advertise (rounded up to whole seconds, at least 1), or {@code null}
   */
  public static void send(RoutingContext ctx, int status, String type, String message, Duration retryAfter) {
    send(ctx.response(), status, type, message, retryAfter);
  }

  /**
   * Ends a response with an error and an optional {@code Retry-After} header, unless it has already ended
   * (for code outside a router, such as the server's invalid-request handler).
   *
   * @param response the response
   * @param status the HTTP status
   * @param type the error type
   * @param message the message
   * @param retryAfter the delay to advertise, or {@code null}
   * @return completes when the response is written
   */
  public static io.vertx.core.Future<Void> send(HttpServerResponse response, int status, String type, String message,
      Duration retryAfter) {
    if (response.ended() || response.closed()) {
      return io.vertx.core.Future.succeededFuture();
    }
    response.setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store");
    if (retryAfter != null) {
      response.putHeader("retry-after", Long.toString(retryAfterSeconds(retryAfter)));
    }
    return response.end(body(type, message).encode());
  }

  /**
   * Rounds a delay up to the whole seconds {@code Retry-After} carries.
   *
   * @param delay the delay
   * @return seconds, at least 1
   */
  public static long retryAfterSeconds(Duration delay) {
    long millis = Math.max(0, delay.toMillis());
    return Math.max(1, (millis + 999) / 1000);
  }
}
