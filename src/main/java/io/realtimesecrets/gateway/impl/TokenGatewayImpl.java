package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.client.UpstreamException;
import io.realtimesecrets.gateway.GatewayConfigException;
import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.GatewayProfile;
import io.realtimesecrets.gateway.TokenGateway;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.pool.MintBudget;
import io.realtimesecrets.pool.SharedSecretStock;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The gateway: shared state (sources, rate limiter, metrics, in-flight count) and the routers over it.
 * Thread safe; routers may run on any number of event loops at once.
 */
public final class TokenGatewayImpl implements TokenGateway {

  /** {@code System.Logger} name of the access log. */
  public static final String ACCESS_LOGGER = "io.realtimesecrets.gateway.access";

  private static final Logger LOG = System.getLogger(TokenGatewayImpl.class.getName());
  private static final String PROFILE_KEY = "realtime-secrets.profile";
  private static final String COUNTED_KEY = "realtime-secrets.in-flight";
  private static final String TRACE_KEY = "realtime-secrets.trace";
  private static final String UNKNOWN_PROFILE = "unknown";
  private static final long DRAIN_POLL_MS = 20;

  private final Vertx vertx;
  private final GatewayOptions options;
  private final Map<String, SecretSource> sources;
  private final Supplier<Future<Void>> afterClose;
  private final LongSupplier nanoClock;
  private final RateLimiter rateLimiter;
  private final BearerAuthHandler auth;
  private final JwtVerifier jwtVerifier;
  private final JwtAuthHandler jwtAuth;
  private final RateLimiter userRateLimiter;
  private final CorsPolicyHandler cors;
  private final GatewayMetrics metrics;
  private final GatewayTracing tracing;
  private final ClientAddress clientAddress;
  private final WarningLimiter warnings;
  private final AtomicBoolean warnedUnprotected = new AtomicBoolean();
  /** With a Redis fleet budget: whether it is on its fallback; else {@code null}. Set once, before routing. */
  private volatile BooleanSupplier fleetFallback;
  /** With the shared stock: whether any profile's stock is on its fallback; else {@code null}. Set once. */
  private volatile BooleanSupplier stockFallback;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Promise<Void> closed = Promise.promise();
  private volatile boolean draining;

  /**
   * Creates a gateway over given sources (tests use fakes; {@link #create} builds the real ones).
   *
   * @param vertx the Vert.x instance
   * @param options the options (copied and validated)
   * @param sources a source per profile name, each to be closed with the gateway
   * @param afterClose run once the sources are closed (closes an owned client), or {@code null}
   * @param nanoClock monotonic clock (rate limiter, latency)
   */
  public TokenGatewayImpl(Vertx vertx, GatewayOptions options, Map<String, SecretSource> sources,
      Supplier<Future<Void>> afterClose, LongSupplier nanoClock) {
    this(vertx, options, sources, afterClose, nanoClock, null);
  }

  /**
   * As {@link #TokenGatewayImpl(Vertx, GatewayOptions, Map, Supplier, LongSupplier)}, with a JWT verifier
   * (tests give one with their own clock and JWKS source).
   *
   * @param vertx the Vert.x instance
   * @param options the options (copied and validated)
   * @param sources a source per profile name, each to be closed with the gateway
   * @param afterClose run once the sources are closed, or {@code null}
   * @param nanoClock monotonic clock (rate limiters, latency)
   * @param jwtVerifier the verifier, or {@code null} to build one from {@link GatewayOptions#getJwt()} (if set)
   */
  public TokenGatewayImpl(Vertx vertx, GatewayOptions options, Map<String, SecretSource> sources,
      Supplier<Future<Void>> afterClose, LongSupplier nanoClock, JwtVerifier jwtVerifier) {
    this.vertx = vertx;
    this.options = new GatewayOptions(options);
    this.options.validate();
    this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    if (!this.sources.containsKey(this.options.getDefaultProfile())) {
      throw new IllegalArgumentException("defaultProfile: no source for '" + this.options.getDefaultProfile() + "'");
    }
    this.afterClose = afterClose == null ? Future::succeededFuture : afterClose;
    this.tracing = GatewayTracing.of(this.options.getOpenTelemetry());
    this.nanoClock = nanoClock;
    int rate = this.options.effectiveRateLimit();
    this.rateLimiter = rate > 0 ? new RateLimiter(rate, rate, this.options.getRateLimitMaxClients(), nanoClock) : null;
    this.auth = this.options.getAuthToken() == null ? null : new BearerAuthHandler(this.options.getAuthToken());
    this.jwtVerifier = jwtVerifier != null ? jwtVerifier
        : this.options.getJwt() == null ? null : JwtVerifier.create(vertx, this.options.getJwt());
    this.jwtAuth = this.jwtVerifier == null ? null
        : new JwtAuthHandler(vertx, this.jwtVerifier, auth, this.options.getRetryAfter());
    int perMinute = this.options.getUserRateLimit();
    this.userRateLimiter = perMinute > 0
        ? new RateLimiter(perMinute / 60d, perMinute, this.options.getRateLimitMaxClients(), nanoClock) : null;
    this.cors = new CorsPolicyHandler(this.options.getCorsOrigins());
    this.metrics = GatewayMetrics.create();
    this.clientAddress = new ClientAddress(this.options.getTrustedProxies());
    this.warnings = new WarningLimiter(LOG, WarningLimiter.DEFAULT_INTERVAL_NANOS, nanoClock);
    Object registry = metrics.registry();
    this.sources.forEach((name, source) -> {
      metrics.registerReadiness(name, source::isReady);
      if (registry != null) {
        source.bindMetrics(registry, name);
      }
    });
  }

  /**
   * Builds a gateway with real sources: a pool per pooled profile, on-demand minting per per-user profile.
   *
   * @param vertx the Vert.x instance
   * @param client the client, or {@code null} to create one from the options (closed with the gateway)
   * @param options the options
   * @return the gateway
   */
  public static TokenGateway create(Vertx vertx, RealtimeSecretsClient client, GatewayOptions options) {
    return create(vertx, client, options, profile -> null);
  }

  /**
   * As {@link #create(Vertx, RealtimeSecretsClient, GatewayOptions)}, with a hook that may supply the source
   * of a profile (returning {@code null} for the default one).
   *
   * @param vertx the Vert.x instance
   * @param client the client, or {@code null} to create one from the options
   * @param options the options
   * @param sourceOverride returns a source for a profile, or {@code null} for the real one
   * @return the gateway
   */
  public static TokenGateway create(Vertx vertx, RealtimeSecretsClient client, GatewayOptions options,
      Function<GatewayProfile, SecretSource> sourceOverride) {
    options.validate();
    RealtimeSecretsClient mintClient = client != null ? client
        : RealtimeSecretsClient.create(vertx, ownClientOptions(options));
    Map<String, SecretSource> sources = new LinkedHashMap<>();
    // one budget for all per-user profiles, so together they leave the pools part of the connections
    OnDemandBudget onDemandBudget = OnDemandBudget.sharing(options.getClientOptions());
    // one budget for every pool: they spend one organisation's rate limit
    // (for the whole fleet of replicas when they share it through Redis; FleetBudget is the only class that
    // needs the optional Redis client, so it is not touched without a Redis URL)
    boolean fleet = options.getRedisUrl() != null && options.getMintRateLimit() > 0;
    MintBudget sharedBudget = fleet ? FleetBudget.create(vertx, options)
        : options.getMintRateLimit() > 0 ? MintBudget.local(options.getMintRateLimit()) : null;
    // one Redis stock per pooled profile (a taker gets any secret of a stock); FleetStock, like FleetBudget,
    // is only touched with the shared stock on
    Map<String, SharedSecretStock> stocks = new LinkedHashMap<>();
    for (GatewayProfile profile : options.getProfiles().values()) {
      SecretSource source = sourceOverride.apply(profile);
      if (source == null) {
        SharedSecretStock stock = null;
        if (options.isSharedStock() && !profile.perUser()) {
          try {
            stock = FleetStock.create(vertx, options, profile.name());
          } catch (IllegalArgumentException e) {
            // e.g. no REALTIME_SECRETS_STOCK_KEY: the message names the variable, never a value
            throw new GatewayConfigException(options.getConfigFile(), profile.name(), "sharedStock", e.getMessage());
          }
          stocks.put(profile.name(), stock);
        }
        try {
          source = profile.perUser()
              ? onDemand(mintClient, profile, profile.request(), options, onDemandBudget)
              : PooledSecretSource.create(vertx, mintClient, profile, sharedBudget, stock);
        } catch (IllegalArgumentException e) {
          // e.g. a floor (minRemainingLife) that leaves no usable window for the template's TTL
          throw new GatewayConfigException(options.getConfigFile(), profile.name(), "pool", e.getMessage());
        }
      }
      sources.put(profile.name(), source);
    }
    Supplier<Future<Void>> closeClient = client != null ? Future::succeededFuture : mintClient::close;
    Supplier<Future<Void>> closeBudget = !fleet ? closeClient
        : () -> FleetBudget.close(sharedBudget).eventually(closeClient);
    Supplier<Future<Void>> afterClose = stocks.isEmpty() ? closeBudget
        : () -> FleetStock.close(stocks).eventually(closeBudget);
    TokenGatewayImpl gateway = new TokenGatewayImpl(vertx, options, sources, afterClose, System::nanoTime);
    if (fleet) {
      gateway.fleetFallback = FleetBudget.fallbackState(sharedBudget);
      gateway.metrics.registerFleetBudget(gateway.fleetFallback);
      FleetBudget.bindMetrics(gateway.metrics, sharedBudget);
    }
    if (!stocks.isEmpty()) {
      gateway.stockFallback = FleetStock.fallbackState(stocks);
      FleetStock.bindMetrics(gateway.metrics, stocks);
    }
    return gateway;
  }

  private static <R extends EphemeralSecret> SecretSource onDemand(RealtimeSecretsClient client,
      GatewayProfile profile, SecretRequest<R> request, GatewayOptions options, OnDemandBudget budget) {
    return new OnDemandSecretSource<>(client, request, options.getTokenTimeout(),
        Math.min(OnDemandSecretSource.MAX_RETRIES, options.getClientOptions().getMaxRetries()),
        profile.maxConcurrentMints(), budget, options.getRetryAfter(), System::nanoTime);
  }

  @Override
  public Future<Void> start() {
    List<Future<Void>> started = new ArrayList<>();
    sources.values().forEach(s -> started.add(s.start()));
    if (jwtVerifier != null) {
      started.add(jwtVerifier.start());
    }
    return Future.all(started).mapEmpty();
  }

  @Override
  public boolean isReady() {
    if (draining || jwtVerifier != null && !jwtVerifier.isReady()) {
      return false;
    }
    for (SecretSource s : sources.values()) {
      if (!s.isReady()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Logs one warning per gateway when it has neither an auth token nor a rate limit and the options do
   * not say {@link GatewayOptions#setAppHandlesAuthAndRateLimit(boolean) the application handles both}: a
   * mounted router is protected only by what the options configure explicitly, never by the standalone
   * server's defaults that follow {@code host}.
   */
  @Override
  public Router router() {
    if (auth == null && jwtAuth == null && rateLimiter == null && !options.isAppHandlesAuthAndRateLimit()
        && warnedUnprotected.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "the token gateway's router has neither an auth token nor a rate limit: anyone who "
          + "can reach it mints secrets on your API key. Put the application's own authentication and rate "
          + "limiting in front of it and say so with GatewayOptions.setAppHandlesAuthAndRateLimit(true), or set "
          + "an auth token or a rate limit");
    }
    return buildRouter(HostCheck.forMountedRouter(options));
  }

  /**
   * The router of the standalone server ({@code serve}), which binds {@link GatewayOptions#getHost()}
   * itself: the same routes, with the server's {@code Host} check ({@link HostCheck#forServer}) and without
   * the mounted-router warning (the server's own rules on {@code host} apply).
   *
   * @return a new router
   */
  public Router standaloneRouter() {
    return buildRouter(HostCheck.forServer(options));
  }

  private Router buildRouter(HostCheck hostCheck) {
    Router router = Router.router(vertx);
    if (hostCheck != null) {
      router.route().handler(hostCheck);
    }
    router.route("/health/live").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::live);
    router.route("/health/ready").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::ready);
    if (metrics.registry() != null) {
      router.route("/metrics").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::metrics);
    }
    for (String path : List.of("/token", "/token/:profile")) {
      router.route(path)
          .handler(this::begin)
          .handler(cors)
          .handler(this::methodCheck)
          .handler(this::rateLimit)
          .handler(this::authenticate)
          .handler(this::userRateLimit)
          .handler(this::readBody)
          .handler(this::token);
    }
    if (options.isDemo()) {
      DemoPage.mount(router);
    }
    router.route().failureHandler(this::failure);
    // Vert.x Web's own answers (no route, wrong method, unparsable path) are HTML or empty otherwise
    router.errorHandler(400, ctx -> ErrorResponse.send(ctx, 400, ErrorResponse.INVALID_REQUEST,
        "the request cannot be parsed"));
    router.errorHandler(404, ctx -> ErrorResponse.send(ctx, 404, ErrorResponse.NOT_FOUND, "not found"));
    router.errorHandler(405, ctx -> ErrorResponse.send(ctx, 405, ErrorResponse.METHOD_NOT_ALLOWED,
        "method not allowed"));
    return router;
  }

  private void live(RoutingContext ctx) {
    json(ctx, 200, new JsonObject().put("status", "UP"));
  }

  private void ready(RoutingContext ctx) {
    JsonObject profiles = new JsonObject();
    sources.forEach((name, s) -> profiles.put(name, s.isReady()));
    boolean ready = isReady();
    JsonObject body = new JsonObject().put("status", ready ? "UP" : "DOWN").put("profiles", profiles);
    BooleanSupplier fallback = fleetFallback;
    if (fallback != null) {
      // degraded, still serving: the pools mint at mintRateLimit / replicas until Redis answers again
      body.put("mintBudget", fallback.getAsBoolean() ? "fallback" : "shared");
    }
    BooleanSupplier stockDown = stockFallback;
    if (stockDown != null) {
      // degraded, still serving: each replica serves from its own stock and mints until Redis answers again
      body.put("sharedStock", stockDown.getAsBoolean() ? "fallback" : "shared");
    }
    json(ctx, ready ? 200 : 503, body);
  }

  private void metrics(RoutingContext ctx) {
    ctx.response()
        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .end(metrics.scrape());
  }

  /** The options of a client the gateway builds: its mints are traced where its calls are, unless told otherwise. */
  private static RealtimeSecretsClientOptions ownClientOptions(GatewayOptions options) {
    RealtimeSecretsClientOptions c = options.getClientOptions();
    return c.getOpenTelemetry() != null || options.getOpenTelemetry() == null ? c
        : new RealtimeSecretsClientOptions(c).setOpenTelemetry(options.getOpenTelemetry());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(body.encode());
  }

  /** First handler of every /token call: access log, metrics, draining. */
  private void begin(RoutingContext ctx) {
    long start = nanoClock.getAsLong();
    String requested = ctx.pathParam("profile");
    String name = requested == null ? options.getDefaultProfile() : requested;
    // only configured names become log fields and metric tags: callers must not mint new tag values
    String tag = sources.containsKey(name) ? name : UNKNOWN_PROFILE;
    ctx.put(PROFILE_KEY, tag);
    String requestId = AccessLog.requestId(ctx.request().getHeader(AccessLog.REQUEST_ID_HEADER));
    GatewayTracing.RequestTrace trace = tracing.begin(ctx.request(), tag);
    ctx.put(TRACE_KEY, trace);
    ctx.addEndHandler(ar -> {
      // 499 (as nginx): the client went away before an answer was written
      int status = ar.succeeded() ? ctx.response().getStatusCode() : 499;
      long nanos = nanoClock.getAsLong() - start;
      metrics.recordRequest(tag, status, nanos);
      trace.end(status);
      if (options.isAccessLog() && AccessLog.enabled()) {
        AccessLog.write(tag, status, TimeUnit.NANOSECONDS.toMillis(nanos), requestId, trace.traceId(),
            trace.spanId());
      }
      // last: a drain waiting for this call may end the process once the count drops
      if (ctx.get(COUNTED_KEY) != null) {
        inFlight.decrementAndGet();
      }
    });
    if (draining) {
      refuseWhileDraining(ctx);
      return;
    }
    ctx.next();
  }

  /** 503 and the end of the connection, so that keep-alive clients reconnect to another instance. */
  private void refuseWhileDraining(RoutingContext ctx) {
    ctx.response().putHeader("connection", "close");
    ErrorResponse.send(ctx.response(), 503, ErrorResponse.UNAVAILABLE, "the gateway is shutting down",
        options.getRetryAfter()).onComplete(ar -> closeConnection(ctx));
  }

  private static void closeConnection(RoutingContext ctx) {
    // HTTP/2 multiplexes other callers' streams on the connection: only HTTP/1 connections are ended
    if (ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2 && ctx.request().connection() != null) {
      ctx.request().connection().close();
    }
  }

  /**
   * Reads (and ignores) the request body up to the cap, then goes on; over it, 413 and the connection ends.
   * Nothing is parsed, so form and other bodies under the cap are all accepted. A call still reading its
   * body is not "in flight" for a drain: it has taken nothing yet.
   */
  private void readBody(RoutingContext ctx) {
    io.vertx.core.http.HttpServerRequest req = ctx.request();
    long cap = options.getMaxBodyBytes();
    String length = req.getHeader("content-length");
    if (length != null && parsesAbove(length, cap)) {
      bodyTooLarge(ctx);
      return;
    }
    if (req.isEnded()) {
      ctx.next();
      return;
    }
    long[] read = {0};
    req.handler(chunk -> {
      read[0] += chunk.length();
      if (read[0] > cap && !ctx.response().ended()) {
        bodyTooLarge(ctx);
      }
    });
    req.end().onComplete(ar -> {
      if (ar.succeeded() && !ctx.response().ended()) {
        ctx.next();
      }
    });
    req.resume();
  }

  private static boolean parsesAbove(String length, long cap) {
    try {
      return Long.parseLong(length.trim()) > cap;
    } catch (NumberFormatException e) {
      return false; // the HTTP codec refuses a malformed length before a handler sees it
    }
  }

  private void bodyTooLarge(RoutingContext ctx) {
    // the unread rest of the body would be parsed as the next request: end the connection
    ctx.response().putHeader("connection", "close");
    ErrorResponse.send(ctx.response(), 413, ErrorResponse.PAYLOAD_TOO_LARGE,
        "request body over " + options.getMaxBodyBytes() + " bytes", null).onComplete(ar -> closeConnection(ctx));
  }

  private void methodCheck(RoutingContext ctx) {
    HttpMethod m = ctx.request().method();
    if (HttpMethod.GET.equals(m) || HttpMethod.POST.equals(m)) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("allow", "GET, POST");
    ErrorResponse.send(ctx, 405, ErrorResponse.METHOD_NOT_ALLOWED, "use GET or POST");
  }

  private void rateLimit(RoutingContext ctx) {
    if (rateLimiter == null) {
      ctx.next();
      return;
    }
    io.vertx.core.net.SocketAddress remote = ctx.request().remoteAddress();
    String client = clientAddress.key(remote == null ? null : remote.host(),
        ctx.request().headers().getAll("X-Forwarded-For"));
    long waitNanos = rateLimiter.tryAcquire(client);
    if (waitNanos == 0) {
      ctx.next();
      return;
    }
    ErrorResponse.send(ctx, 429, ErrorResponse.RATE_LIMITED, "too many requests from this client",
        Duration.ofNanos(waitNanos));
  }

  private void authenticate(RoutingContext ctx) {
    if (jwtAuth != null) {
      jwtAuth.handle(ctx);
    } else if (auth == null) {
      ctx.next();
    } else {
      auth.handle(ctx);
    }
  }

  private void userRateLimit(RoutingContext ctx) {
    String identity = userRateLimiter == null ? null : callerIdentity(ctx);
    if (identity == null) {
      ctx.next();
      return;
    }
    // keyed by the hash: a fixed 64 characters per tracked caller, whatever the identity's length
    long waitNanos = userRateLimiter.tryAcquire(SafetyIdentifier.of(identity));
    if (waitNanos == 0) {
      ctx.next();
      return;
    }
    ErrorResponse.send(ctx, 429, ErrorResponse.RATE_LIMITED, "too many requests for this user",
        Duration.ofNanos(waitNanos));
  }

  private void token(RoutingContext ctx) {
    if (draining) {
      refuseWhileDraining(ctx);
      return;
    }
    inFlight.incrementAndGet();
    ctx.put(COUNTED_KEY, Boolean.TRUE);
    String requested = ctx.pathParam("profile");
    String name = requested == null ? options.getDefaultProfile() : requested;
    SecretSource source = sources.get(name);
    if (source == null) {
      ErrorResponse.send(ctx, 404, ErrorResponse.NOT_FOUND, "no such profile");
      return;
    }
    String safetyIdentifier = null;
    if (source.perUser()) {
      String identity = callerIdentity(ctx);
      if (identity == null) {
        ErrorResponse.send(ctx, 401, ErrorResponse.UNAUTHORIZED,
            "this profile mints per user and the request carries no caller identity");
        return;
      }
      safetyIdentifier = SafetyIdentifier.of(identity);
    }
    Context context = vertx.getOrCreateContext();
    // completes when the request ends: answered, timed out, or the caller hung up (Vert.x Web runs end
    // handlers on a closed connection too; a response closeHandler here would replace the one it relies on).
    // A pooled take is then given up, freeing its place in the queue (a secret minted for it goes to the next
    // caller), and a per-user mint stops.
    Promise<Void> callerGone = Promise.promise();
    ctx.addEndHandler(ar -> callerGone.tryComplete());
    Future<? extends EphemeralSecret> secret;
    GatewayTracing.RequestTrace trace = ctx.get(TRACE_KEY) instanceof GatewayTracing.RequestTrace
        ? ctx.get(TRACE_KEY) : GatewayTracing.RequestTrace.NONE;
    long takenAt = nanoClock.getAsLong();
    String id = safetyIdentifier;
    try {
      // a per-user mint is part of this call's trace; a pool's refills are not
      secret = source.perUser() ? trace.withSpanCurrent(() -> source.take(id, callerGone.future()))
          : source.take(safetyIdentifier, callerGone.future());
    } catch (RuntimeException e) {
      secret = Future.failedFuture(e);
    }
    if (trace != GatewayTracing.RequestTrace.NONE) { // untraced calls skip the listener and the second clock read
      boolean fromStock = secret.isComplete();
      secret.onComplete(ar -> trace.taken(source.perUser(), fromStock, nanoClock.getAsLong() - takenAt,
          ar.succeeded() ? ar.result() : null));
    }
    // a secret that arrives after the timeout is dropped, never served late: it went to nobody
    secret.timeout(options.getTokenTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .onComplete(ar -> {
          if (ar.failed()) {
            callerGone.tryComplete();
          }
          // the response is written on the request's context: hop there only from another one (a pool on
          // another event loop, the timeout's timer, a worker of the same context); a secret delivered on
          // its event loop is answered in the same turn
          if (Vertx.currentContext() == context && Context.isOnEventLoopThread()) {
            answer(ctx, ar);
          } else {
            context.runOnContext(v -> answer(ctx, ar));
          }
        });
  }

  private String callerIdentity(RoutingContext ctx) {
    Object fromApp = ctx.get(USER_ID_KEY);
    if (fromApp instanceof String && !((String) fromApp).isBlank()) {
      return (String) fromApp;
    }
    User user = ctx.user();
    if (user != null && user.principal() != null) {
      JsonObject p = user.principal();
      for (String key : List.of("sub", "username")) {
        Object v = p.getValue(key);
        if (v instanceof String && !((String) v).isBlank()) {
          return (String) v;
        }
      }
    }
    if (options.getIdentityHeader() != null) {
      String v = ctx.request().getHeader(options.getIdentityHeader());
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  private void answer(RoutingContext ctx, AsyncResult<? extends EphemeralSecret> ar) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (ar.succeeded()) {
      ctx.response().setStatusCode(200)
          .putHeader("content-type", "application/json")
          .putHeader("cache-control", "no-store")
          .putHeader("pragma", "no-cache")
          .end(ar.result().toJson());
      return;
    }
    Throwable cause = ar.cause();
    if (PoolFailure.isRejected(cause) || cause instanceof ApiException && !((ApiException) cause).isRetryable()) {
      Throwable upstream = cause instanceof ApiException ? cause : cause.getCause();
      if (upstream instanceof ApiException) {
        ApiException api = (ApiException) upstream;
        warnings.warn("profile=" + ctx.get(PROFILE_KEY) + ": upstream refused to mint: status="
            + api.status() + " type=" + api.errorType() + " code=" + api.code());
      }
      ErrorResponse.send(ctx, 502, ErrorResponse.UPSTREAM_ERROR, "the upstream refused to mint a secret");
      return;
    }
    Duration retryAfter = PoolFailure.retryAfter(cause);
    if (retryAfter == null && cause instanceof ApiException) {
      retryAfter = ((ApiException) cause).retryAfter();
    }
    if (!(cause instanceof TimeoutException || cause instanceof UpstreamException
        || PoolFailure.isPoolFailure(cause) || cause instanceof ApiException)) {
      warnings.warn("profile=" + ctx.get(PROFILE_KEY) + ": cannot serve a secret: "
          + cause.getClass().getName());
    }
    ErrorResponse.send(ctx, 503, ErrorResponse.UNAVAILABLE, "no secret could be served in time",
        retryAfter != null ? retryAfter : options.getRetryAfter());
  }

  private void failure(RoutingContext ctx) {
    int status = ctx.statusCode();
    if (status == 413) {
      ErrorResponse.send(ctx, 413, ErrorResponse.PAYLOAD_TOO_LARGE,
          "request body over " + options.getMaxBodyBytes() + " bytes");
    } else if (status == 404) {
      ErrorResponse.send(ctx, 404, ErrorResponse.NOT_FOUND, "not found");
    } else if (status == 405) {
      ErrorResponse.send(ctx, 405, ErrorResponse.METHOD_NOT_ALLOWED, "method not allowed");
    } else if (status >= 400 && status < 500) {
      ErrorResponse.send(ctx, status, "invalid_request", "the request cannot be served");
    } else {
      Throwable t = ctx.failure();
      LOG.log(Level.ERROR, "gateway failure: " + (t == null ? "status " + status : t.getClass().getName()));
      ErrorResponse.send(ctx, 500, ErrorResponse.INTERNAL_ERROR, "internal error");
    }
  }

  @Override
  public Future<Void> close() {
    if (!closing.compareAndSet(false, true)) {
      return closed.future();
    }
    draining = true;
    long deadline = nanoClock.getAsLong() + options.getShutdownGrace().toNanos();
    Promise<Void> drained = Promise.promise();
    awaitDrained(deadline, drained);
    drained.future()
        .compose(v -> {
          List<Future<Void>> closing = new ArrayList<>();
          sources.values().forEach(s -> closing.add(s.close()));
          return Future.join(closing).mapEmpty();
        })
        .eventually(() -> {
          if (jwtVerifier != null) {
            jwtVerifier.close();
          }
          return afterClose.get();
        })
        .onComplete(ar -> closed.tryComplete());
    return closed.future();
  }

  private void awaitDrained(long deadline, Promise<Void> drained) {
    if (inFlight.get() == 0 || nanoClock.getAsLong() - deadline >= 0) {
      drained.tryComplete();
      return;
    }
    vertx.setTimer(DRAIN_POLL_MS, id -> awaitDrained(deadline, drained));
  }
}
