package io.realtimesecrets.gateway.impl;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>} matching the configured token.
 *
 * <p>Both sides are hashed with SHA-256 and compared with {@link MessageDigest#isEqual}, so the comparison
 * takes the same time whatever the presented value, its length included. Failures answer 401 with
 * {@code WWW-Authenticate: Bearer} and never echo what was presented.
 */
public final class BearerAuthHandler implements Handler<RoutingContext> {

  private final byte[] expectedDigest;

  /**
   * Creates the handler.
   *
   * @param token the expected token, not blank
   */
  public BearerAuthHandler(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("authToken: must not be blank");
    }
    this.expectedDigest = sha256(token);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (matches(ctx.request().getHeader("Authorization"))) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("www-authenticate", "Bearer realm=\"realtime-secrets\"");
    ErrorResponse.send(ctx, 401, ErrorResponse.UNAUTHORIZED,
        "a valid 'Authorization: Bearer <token>' header is required");
  }

  /**
   * Whether an {@code Authorization} header value carries the expected bearer token.
   *
   * @param header the header value, may be {@code null}
   * @return true when it matches
   */
  public boolean matches(String header) {
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(expectedDigest, sha256(header.substring(7).trim()));
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
