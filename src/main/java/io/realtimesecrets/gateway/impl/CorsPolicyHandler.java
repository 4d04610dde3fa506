package io.realtimesecrets.gateway.impl;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access for exactly the configured origins (exact, case-sensitive match; no wildcard).
 *
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) from an
 *       allowed origin for GET or POST is answered 204 with the allow headers; any other preflight gets 403
 *       and no allow headers, so the browser never sends the real request.</li>
 *   <li>An actual request from an allowed origin gets {@code Access-Control-Allow-Origin}; from another
 *       origin it gets none and goes on: the browser then hides the answer from that page, while same-origin
 *       pages (whose POSTs also carry {@code Origin}) keep working.</li>
 * </ul>
 * Credentials mode is not enabled: the gateway uses a bearer header, not cookies.
 */
public final class CorsPolicyHandler implements Handler<RoutingContext> {

  /** How long browsers may cache a preflight answer = {@value} s. */
  public static final int MAX_AGE_SECONDS = 600;

  private static final Set<String> ALLOWED_METHODS = Set.of("GET", "POST");

  private final Set<String> origins;

  /**
   * Creates the handler.
   *
   * @param origins the allowed origins (may be empty: no cross-origin access at all)
   */
  public CorsPolicyHandler(List<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String origin = req.getHeader("Origin");
    // caches must not serve one origin's answer to another
    ctx.response().putHeader("vary", "Origin");
    if (HttpMethod.OPTIONS.equals(req.method()) && origin != null
        && req.getHeader("Access-Control-Request-Method") != null) {
      String method = req.getHeader("Access-Control-Request-Method").trim().toUpperCase(java.util.Locale.ROOT);
      if (!origins.contains(origin) || !ALLOWED_METHODS.contains(method)) {
        ErrorResponse.send(ctx, 403, ErrorResponse.FORBIDDEN, "CORS preflight refused for this origin or method");
        return;
      }
      ctx.response().setStatusCode(204)
          .putHeader("access-control-allow-origin", origin)
          .putHeader("access-control-allow-methods", "GET, POST")
          .putHeader("access-control-allow-headers", "Authorization, Content-Type")
          .putHeader("access-control-max-age", Integer.toString(MAX_AGE_SECONDS))
          .end();
      return;
    }
    if (origin != null && origins.contains(origin)) {
      // a front-end needs these to react to a refused token (401) or a limit (429, 503)
      ctx.response().putHeader("access-control-allow-origin", origin)
          .putHeader("access-control-expose-headers", "WWW-Authenticate, Retry-After");
    }
    ctx.next();
  }
}
