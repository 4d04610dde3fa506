package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.gateway.TokenGateway;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Lets a {@code /token} call through only with {@code Authorization: Bearer <jwt>} that the
 * {@link JwtVerifier} accepts (or, when the gateway also has a shared auth token, that token), and puts the
 * caller it names under {@link TokenGateway#USER_ID_KEY}.
 *
 * <p>Refusals follow RFC 6750: 401 with {@code WWW-Authenticate: Bearer realm="realtime-secrets"}, plus
 * {@code error="invalid_token"} and a fixed {@code error_description} when a token was presented, and the
 * gateway's JSON error body with the same reason. A reason names the failed rule ("token expired", "wrong
 * audience"), never a key, a claim value or the token. When no keys could be loaded at all the answer is
 * 503 with {@code Retry-After} (until the next fetch): the token may be fine, so the front-end should retry
 * rather than log in.
 */
public final class JwtAuthHandler implements Handler<RoutingContext> {

  static final String REALM = "realtime-secrets";

  private final Vertx vertx;
  private final JwtVerifier verifier;
  private final BearerAuthHandler sharedToken;
  private final Duration retryAfter;

  /**
   * Creates the handler.
   *
   * @param vertx the Vert.x instance
   * @param verifier the verifier
   * @param sharedToken the gateway's shared auth token check, also accepted, or {@code null}
   * @param retryAfter the {@code Retry-After} of a 503 when no keys are available
   */
  public JwtAuthHandler(Vertx vertx, JwtVerifier verifier, BearerAuthHandler sharedToken, Duration retryAfter) {
    this.vertx = vertx;
    this.verifier = verifier;
    this.sharedToken = sharedToken;
    this.retryAfter = retryAfter;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String header = req.getHeader("Authorization");
    if (sharedToken != null && sharedToken.matches(header)) {
      ctx.next();
      return;
    }
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)
        || header.substring(7).isBlank()) {
      ctx.response().putHeader("www-authenticate", "Bearer realm=\"" + REALM + "\"");
      ErrorResponse.send(ctx, 401, ErrorResponse.UNAUTHORIZED,
          "an 'Authorization: Bearer <access token>' header is required");
      return;
    }
    Future<String> verified = verifier.verify(header.substring(7).trim());
    if (verified.isComplete()) {
      finish(ctx, verified);
      return;
    }
    // the body handler comes after this one: hold the body until it is installed
    req.pause();
    Context context = vertx.getOrCreateContext();
    verified.onComplete(ar -> context.runOnContext(v -> {
      finish(ctx, verified);
      req.resume();
    }));
  }

  private void finish(RoutingContext ctx, Future<String> verified) {
    if (verified.succeeded()) {
      ctx.put(TokenGateway.USER_ID_KEY, verified.result());
      ctx.next();
      return;
    }
    Throwable cause = verified.cause();
    if (cause instanceof JwtRejection && ((JwtRejection) cause).isKeysUnavailable()) {
      Duration untilFetch = ((JwtRejection) cause).retryAfter();
      ErrorResponse.send(ctx, 503, ErrorResponse.UNAVAILABLE, cause.getMessage(),
          untilFetch != null && !untilFetch.isZero() ? untilFetch : retryAfter);
      return;
    }
    String reason = cause instanceof JwtRejection ? cause.getMessage() : "token not accepted";
    ctx.response().putHeader("www-authenticate",
        "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + reason + "\"");
    ErrorResponse.send(ctx, 401, ErrorResponse.INVALID_TOKEN, reason);
  }
}
