package io.realtimesecrets.gateway;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.gateway.impl.TokenGatewayImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The token gateway: a Vert.x Web {@link Router} that hands each browser one fresh ephemeral secret, from a
 * pre-warmed pool per profile, so that the OpenAI API key never leaves the server.
 *
 * <h2>Routes</h2>
 * <ul>
 *   <li>{@code GET|POST /token} and {@code /token/{profile}}: 200 with the upstream's JSON unchanged and
 *       {@code Cache-Control: no-store}; 401 without valid gateway auth (or without a caller identity on a
 *       per-user profile), 404 for an unknown profile, 429 over the per-client rate limit and 503 when no
 *       secret comes in time (both with {@code Retry-After}), 413 for a body over
 *       {@link GatewayOptions#getMaxBodyBytes()} (a body under it is read and ignored, whatever its type).</li>
 *   <li>{@code GET|HEAD /health/live}, {@code GET|HEAD /health/ready} (200 once every pool has warmed, else
 *       503) and {@code GET|HEAD /metrics} (Prometheus text; present when
 *       {@code micrometer-registry-prometheus} is on the class path).</li>
 *   <li>Every error, the router's own included (unknown path 404, other method 405, unparsable path 400,
 *       unknown {@code Host} 421), is {@code {"error": {"type", "message"}}} with
 *       {@code Cache-Control: no-store}.</li>
 * </ul>
 *
 * <h2>What protects a mounted router</h2>
 * Only what the options configure explicitly. The standalone server's defaults follow the address it binds
 * ({@link GatewayOptions#getHost()}): refusing to start anonymously off loopback, a rate limit off loopback,
 * a {@code Host} check, connection limits and timeouts. A router the application mounts binds nothing, so
 * none of those apply: it has an auth token only if {@link GatewayOptions#setAuthToken(String)} was set, a
 * rate limit only if {@link GatewayOptions#setRateLimit(int)} is positive, a {@code Host} check only if
 * {@link GatewayOptions#addAllowedHost(String)} named hosts, and the connection limits of the application's
 * own {@code HttpServer}. {@link #router()} logs one warning when the gateway has neither an auth token nor
 * a rate limit, unless {@link GatewayOptions#setAppHandlesAuthAndRateLimit(boolean)} says the application
 * authenticates and rate-limits in front of it.
 *
 * <h2>Embed it</h2>
 * <pre>{@code
 * TokenGateway gateway = TokenGateway.create(vertx, client, new GatewayOptions().readConfigFile(Path.of("gateway.json")));
 * gateway.start();                                      // warms the pools
 * app.route("/api/realtime/*").handler(myAuthHandler);  // the app's own auth, in front
 * app.route("/api/realtime/*").subRouter(gateway.router());
 * }</pre>
 * For a per-user profile the app's handler names the caller with
 * {@code ctx.put(TokenGateway.USER_ID_KEY, userId)}; otherwise the gateway uses the {@code sub} (or
 * {@code username}) of {@code ctx.user().principal()}, then {@link GatewayOptions#getIdentityHeader()}.
 *
 * <h2>Share it, close it</h2>
 * One gateway per process: it is thread safe, and every router it returns (one per event loop if you like)
 * shares its pools. {@link #close()} refuses new calls with 503, waits for those in flight, then closes the
 * pools (and the client, when the gateway created it). The {@link Vertx} instance is never closed.
 */
public interface TokenGateway {

  /**
   * The routing-context key under which an application's handler puts the caller identity (a
   * {@code String}) for per-user profiles = {@value}.
   */
  String USER_ID_KEY = "realtime-secrets.user-id";

  /**
   * Creates a gateway with its own client, built from {@link GatewayOptions#getClientOptions()} and closed
   * with the gateway.
   *
   * @param vertx the Vert.x instance (not closed by the gateway)
   * @param options the options (copied)
   * @return the gateway, not started
   * @throws GatewayConfigException when the options are unusable (see {@link GatewayOptions#validate()})
   */
  static TokenGateway create(Vertx vertx, GatewayOptions options) {
    return TokenGatewayImpl.create(vertx, null, options);
  }

  /**
   * Creates a gateway that mints through the given client (not closed by the gateway).
   *
   * @param vertx the Vert.x instance (not closed by the gateway)
   * @param client the client
   * @param options the options (copied; their client options are ignored)
   * @return the gateway, not started
   * @throws GatewayConfigException when the options are unusable (see {@link GatewayOptions#validate()})
   */
  static TokenGateway create(Vertx vertx, RealtimeSecretsClient client, GatewayOptions options) {
    return TokenGatewayImpl.create(vertx, client, options);
  }

  /**
   * Starts every profile's pool. Routes answer before it completes ({@code /health/ready} says when all have
   * warmed; {@code /token} waits up to the token timeout).
   *
   * @return completes when every pool has warmed, or fails with the first pool's failure
   */
  Future<Void> start();

  /**
   * A new router over this gateway's pools, with the routes listed above, relative to wherever it is
   * mounted (use {@code route("/prefix/*").subRouter(router)}). See "What protects a mounted router" above:
   * logs one warning per gateway when it has neither auth nor a rate limit and the application has not said
   * it handles both.
   *
   * @return a new router
   */
  Router router();

  /**
   * Whether every profile can serve (pools warmed).
   *
   * @return true when ready
   */
  boolean isReady();

  /**
   * How many {@code /token} calls are being answered now.
   *
   * @return the count
   */
  int inFlight();

  /**
   * Drains and closes: new {@code /token} calls get 503, calls in flight are given up to
   * {@link GatewayOptions#getShutdownGrace()} to finish, then pools (and an owned client) close.
   * Idempotent.
   *
   * @return completes when closed
   */
  Future<Void> close();
}
