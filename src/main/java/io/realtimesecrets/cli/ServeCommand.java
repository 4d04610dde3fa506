package io.realtimesecrets.cli;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.gateway.GatewayConfigException;
import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.JwtOptions;
import io.realtimesecrets.gateway.TokenGateway;
import io.realtimesecrets.gateway.impl.ConnectionGuard;
import io.realtimesecrets.gateway.impl.TokenGatewayImpl;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code serve}: the standalone token gateway. One {@link TokenGateway} (one pool per profile) shared by one
 * HTTP server verticle per event loop; without an API key or base URL it serves from the embedded mock.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
    header = "Serve ephemeral secrets to front-ends over HTTP (GET /token).",
    description = {
        "Routes: GET or POST /token and /token/{profile}; GET /health/live, /health/ready and /metrics.",
        "Without an API key or base URL it serves from the embedded mock upstream, and says so."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:stopped by SIGTERM or Ctrl-C after draining",
        "1:could not start (port in use, host not local, upstream unreachable...)",
        "2:bad usage: unknown flag, invalid value, invalid --config file"})
final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = System.getLogger("io.realtimesecrets.cli.serve");
  /** How often a port chosen for {@code --port 0} is tried again if another process took it first. */
  private static final int RANDOM_PORT_ATTEMPTS = 3;
  /** Whether {@link OtlpExport} was started (it is not loaded otherwise). */
  private static volatile boolean exporting;
  private static boolean noExportSet;

  // Each flag declares its value label and, for numbers, its range (a Flags converter): see Flags.

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--host", paramLabel = "HOST",
      description = "Address to bind (default: ${DEFAULT-VALUE}). Anything but loopback needs --auth-token, "
          + "--jwt-jwks or --allow-anonymous.")
  String host = GatewayOptions.DEFAULT_HOST;

  @Option(names = "--port", paramLabel = "PORT", converter = Flags.Port.class,
      description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port = GatewayOptions.DEFAULT_PORT;

  @Option(names = "--config", paramLabel = "FILE",
      description = "JSON file of profiles (endpoint, request body, pool options, perUser). Default: one "
          + "'default' profile, a GA client secret for gpt-realtime.")
  Path config;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "Upstream API base URL (default: env OPENAI_BASE_URL, else the OpenAI API).")
  String baseUrl;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "OpenAI API key (default: env OPENAI_API_KEY). Prefer the environment: arguments are "
          + "visible to other local users.")
  String apiKey;

  @Option(names = "--auth-token", paramLabel = "TOKEN",
      description = "Require 'Authorization: Bearer TOKEN' on /token (default: env GATEWAY_AUTH_TOKEN).")
  String authToken;

  @Option(names = "--allow-anonymous", description = "Serve without --auth-token on a non-loopback address.")
  boolean allowAnonymous;

  @Option(names = "--rate-limit", paramLabel = "N", converter = Flags.ZeroOrMore.class,
      description = "Requests per second per remote address; 0 = off (default: off on loopback, "
          + GatewayOptions.DEFAULT_NON_LOOPBACK_RATE_LIMIT + " elsewhere).")
  Integer rateLimit;

  @Option(names = "--mint-rate-limit", paramLabel = "N", converter = Flags.PositiveNumber.class,
      description = "At most N upstream mints per second, shared by all pools, spread evenly (default: none; "
          + "the pools still pace themselves by the upstream's rate-limit headers and 429 answers). "
          + "Config key: mintRateLimit.")
  Double mintRateLimit;

  @Option(names = "--redis-url", paramLabel = "URL",
      description = "Share the mint budget with every gateway replica using this Redis "
          + "(redis://[:PASSWORD@]HOST:PORT, rediss:// for TLS; default: env REDIS_URL, else none): "
          + "--mint-rate-limit is then the whole fleet's ceiling. Config key: redisUrl.")
  String redisUrl;

  @Option(names = "--replicas", paramLabel = "N", converter = Flags.AtLeastOne.class,
      description = "Gateway replicas sharing --redis-url; while Redis is down each mints at most "
          + "--mint-rate-limit / N per second on its own (default: 1). Config key: replicas.")
  Integer replicas;

  @Option(names = "--shared-stock",
      description = "Share the pools' stock with every replica using --redis-url: each secret goes to exactly "
          + "one caller fleet-wide and the fleet holds one stock sized to its demand. Secrets are stored "
          + "encrypted with the AES key in env " + SHARED_STOCK_KEY_VARIABLE + " (base64 of 32 random bytes, the "
          + "same on every replica; required). Config key: sharedStock.")
  boolean sharedStock;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN",
      description = "Browser origin allowed cross-origin, exact match (repeatable; default: none).")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--identity-header", paramLabel = "HEADER",
      description = "Request header naming the caller of per-user profiles (set it only behind a proxy that "
          + "sets this header itself).")
  String identityHeader;

  @Option(names = "--jwt-jwks", paramLabel = "SOURCE",
      description = "Verify users' JWT access tokens on /token against this JWKS: a file (reloaded when it "
          + "changes) or an https URL (cached per Cache-Control). Allows a non-loopback --host without --auth-token.")
  String jwtJwks;

  @Option(names = "--jwt-issuer", paramLabel = "ISS", description = "Required 'iss' of the JWTs.")
  String jwtIssuer;

  @Option(names = "--jwt-audience", paramLabel = "AUD",
      description = "Accepted 'aud' of the JWTs (repeatable: any one of them).")
  List<String> jwtAudiences = new ArrayList<>();

  @Option(names = "--jwt-leeway", paramLabel = "SECONDS", converter = Flags.Seconds.class,
      description = "Clock skew tolerated on exp, nbf and iat (default: 30).")
  Duration jwtLeeway;

  @Option(names = "--jwt-user-claim", paramLabel = "CLAIM",
      description = "JWT claim naming the user, for --user-rate-limit and per-user profiles (default: sub).")
  String jwtUserClaim;

  @Option(names = "--user-rate-limit", paramLabel = "N", converter = Flags.ZeroOrMore.class,
      description = "Secrets per minute per user (JWT user claim or --identity-header; default: off).")
  Integer userRateLimit;

  @Option(names = "--demo", description = "Serve /demo, a page showing the browser side of the token flow.")
  boolean demo;

  @Option(names = "--mock-latency-ms", paramLabel = "N", converter = Flags.Millis.class, defaultValue = "0",
      description = "Latency the embedded mock adds to each mint, in ms (default: ${DEFAULT-VALUE}).")
  Duration mockLatency;

  @Option(names = "--idle-timeout-ms", paramLabel = "N", converter = Flags.PositiveMillis.class,
      description = "Close a connection with nothing read or written for N ms (default: 30000; config "
          + "idleTimeoutMillis).")
  Duration idleTimeout;

  @Option(names = "--read-timeout-ms", paramLabel = "N", converter = Flags.PositiveMillis.class,
      description = "Close a connection whose request head, or body, has not fully arrived within N ms "
          + "(default: 10000; config readTimeoutMillis).")
  Duration readTimeout;

  @Option(names = "--max-connections", paramLabel = "N", converter = Flags.AtLeastOne.class,
      description = "Most open connections; one beyond is closed at once (default: "
          + GatewayOptions.DEFAULT_MAX_CONNECTIONS + "; config maxConnections).")
  Integer maxConnections;

  @Option(names = "--allowed-host", paramLabel = "NAME",
      description = "Host name to serve besides the loopback names and the bound address; requests naming "
          + "another host get 421 (repeatable; config allowedHosts).")
  List<String> allowedHosts = new ArrayList<>();

  @Option(names = "--trusted-proxy", paramLabel = "CIDR",
      description = "Proxy whose X-Forwarded-For names the client for the rate limit, e.g. 10.0.0.0/8 "
          + "(repeatable; config trustedProxies; default: none, the peer address is the client).")
  List<String> trustedProxies = new ArrayList<>();

  @Option(names = "--log-format", paramLabel = "FORMAT",
      description = "Log output on stderr: text (human-readable lines) or json (one JSON object per line: time, "
          + "level, logger, message; access lines add profile, status, latency_ms, request_id). Default: text; "
          + "config logFormat.")
  String logFormat;

  @Option(names = "--otlp-endpoint", paramLabel = "URL",
      description = "Export traces of /token calls and mints as OTLP (HTTP, protobuf) to this collector (its "
          + "OTLP/HTTP port is usually 4318). Default: off, or the OTEL_EXPORTER_OTLP_ENDPOINT variable; the other "
          + "OTEL variables apply.")
  String otlpEndpoint;

  // snippet:cli-flag-with-range
  @Option(names = "--instances", paramLabel = "N", converter = Flags.AtLeastOne.class,
      description = "HTTP server verticles (default: one per event loop, twice the number of cores).")
  Integer instances;
  // end:cli-flag-with-range

  /** A started gateway server; {@link #stop()} is what SIGTERM runs. */
  static final class Running {
    final Vertx vertx;
    final int port;
    final String url;
    final TokenGateway gateway;
    private final RealtimeSecretsClient client;
    private final MockUpstream mock;
    private final List<String> deployments;
    private final Duration grace;

    Running(Vertx vertx, int port, String url, TokenGateway gateway, RealtimeSecretsClient client,
        MockUpstream mock, List<String> deployments, Duration grace) {
      this.vertx = vertx;
      this.port = port;
      this.url = url;
      this.gateway = gateway;
      this.client = client;
      this.mock = mock;
      this.deployments = deployments;
      this.grace = grace;
    }

    /**
     * Drains (new /token calls get 503, calls in flight finish), closes the pools, stops the servers, the
     * client, the mock and Vert.x, in that order. Blocks the calling thread (never call it on an event
     * loop).
     */
    void stop() {
      Future<Void> done = gateway.close()
          .eventually(() -> undeployAll())
          .eventually(client::close)
          .eventually(() -> mock == null ? Future.succeededFuture() : mock.close())
          .eventually(vertx::close);
      try {
        MainThread.await(done, grace.plusSeconds(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "shutdown did not complete cleanly: " + e);
      }
    }

    private Future<Void> undeployAll() {
      List<Future<Void>> undeployed = new ArrayList<>();
      deployments.forEach(id -> undeployed.add(vertx.undeploy(id)));
      return Future.join(undeployed).mapEmpty();
    }
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Running running;
    try {
      running = start(System.getenv());
    } catch (Flags.StartException e) {
      err.println("serve: " + e.getMessage());
      err.flush();
      return 1;
    } catch (IllegalArgumentException e) {
      // a usage error, GatewayConfigException included: printed like picocli's own, exit code 2
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    } catch (Exception e) {
      err.println("serve: cannot start: " + describe(e));
      err.flush();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    DrainingLogManager.holdResetUntilReleased();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // stderr, not the logger: java.util.logging resets its handlers in its own shutdown hook
      ServeLogging.notice("shutting down: draining calls in flight, then closing pools");
      running.stop();
      stopExport();
      ServeLogging.notice("stopped");
      DrainingLogManager.release();
      stopped.countDown();
    }, "realtime-secrets-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Validates the flags, checks the port, starts the mock if needed, the gateway and the servers; blocks
   * until listening.
   *
   * @param env the environment (OPENAI_API_KEY, OPENAI_BASE_URL, GATEWAY_AUTH_TOKEN...)
   * @return the running server
   * @throws IllegalArgumentException for bad flags or config, naming the flag, before anything is started
   * @throws Flags.StartException when the port is taken or the host is not local, before anything is started
   * @throws Exception when something fails to start (everything started is closed again)
   */
  Running start(Map<String, String> env) throws Exception {
    GatewayOptions options = gatewayOptions(env);
    try {
      options.validate();
    } catch (GatewayConfigException e) {
      throw new IllegalArgumentException(configMessage(e), e);
    }
    // before the first line of the run, so that every line has the chosen format
    ServeLogging.use(options.getLogFormat());
    String exportTo = otlpEndpoint != null ? otlpEndpoint : env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
    if (!blank(exportTo)) {
      startExport(otlpEndpoint);
    } else {
      noExport();
    }
    RealtimeSecretsClientOptions clientOptions = Upstream.clientOptions(env, baseUrl, apiKey);
    boolean useMock = Upstream.wantsEmbeddedMock(env, baseUrl, clientOptions);
    // before the embedded mock starts, so a busy port is reported as such and nothing is left running
    Flags.requireFreePort(options.getHost(), options.getPort());

    int eventLoops = new VertxOptions().getEventLoopPoolSize();
    int serverInstances = instances != null ? instances : eventLoops;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(eventLoops, serverInstances)));
    MockUpstream mock = null;
    RealtimeSecretsClient client = null;
    TokenGateway gateway = null;
    try {
      if (useMock) {
        mock = MockUpstream.create(vertx, new MockUpstreamOptions().setLatency(mockLatency));
        await(mock.start());
        LOG.log(Level.INFO, "no OpenAI API key or base URL given: serving secrets from the embedded mock upstream at "
            + mock.baseUrl() + " (they work with the mock only; set OPENAI_API_KEY for real ones)");
        Upstream.useEmbeddedMock(clientOptions, mock);
      } else {
        LOG.log(Level.INFO, "minting through " + clientOptions.getBaseUrl());
      }
      client = RealtimeSecretsClient.create(vertx, clientOptions);
      gateway = TokenGateway.create(vertx, client, options);
      List<String> deployments = new ArrayList<>();
      int actualPort = deployServers(vertx, gateway, options, serverInstances, deployments);
      String url = "http://" + (options.getHost().contains(":") ? "[" + options.getHost() + "]" : options.getHost())
          + ":" + actualPort;
      LOG.log(Level.INFO, "listening on " + url + " (" + serverInstances + " server instances; profiles "
          + options.getProfiles().keySet() + ", default '" + options.getDefaultProfile() + "'; auth "
          + (options.getAuthToken() == null ? "off" : "on")
          + (options.getJwt() == null ? "" : "; JWT from " + options.getJwt().getJwks())
          + (options.isDemo() ? "; demo page at " + "/demo" : "") + "; rate limit "
          + (options.effectiveRateLimit() == 0 ? "off" : options.effectiveRateLimit() + "/s per address") + ")");
      LOG.log(Level.INFO, curlHint(url, options.getAuthToken() == null ? null : authToken != null
          ? "<the --auth-token value>" : "$GATEWAY_AUTH_TOKEN"));
      gateway.start().onComplete(ar -> {
        if (ar.succeeded()) {
          LOG.log(Level.INFO, "ready: every profile's pool is warm");
        } else {
          LOG.log(Level.WARNING, "pools not warm yet (they keep trying; /health/ready says when): "
              + ar.cause().getMessage());
        }
      });
      return new Running(vertx, actualPort, url, gateway, client, mock, deployments, options.getShutdownGrace());
    } catch (Exception e) {
      if (gateway != null) {
        gateway.close();
      }
      vertx.close();
      throw e;
    }
  }

  private static void startExport(String endpoint) throws Flags.StartException {
    if (endpoint != null && !isHttpUrl(endpoint)) {
      throw Flags.invalid("--otlp-endpoint", endpoint, "must be an http:// or https:// URL such as "
          + "http://127.0.0.1:4318");
    }
    try {
      OtlpExport.start(endpoint);
    } catch (LinkageError e) {
      throw new Flags.StartException("--otlp-endpoint: needs the OpenTelemetry SDK and OTLP exporter on the class "
          + "path (the fat jar has them)");
    }
    exporting = true;
    // scheme, host and port only: credentials belong in OTEL_EXPORTER_OTLP_HEADERS, never in a log line
    String shown = "OTEL_EXPORTER_OTLP_ENDPOINT";
    if (endpoint != null) {
      java.net.URI uri = java.net.URI.create(endpoint);
      shown = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
    LOG.log(Level.INFO, "exporting traces as OTLP to " + shown);
  }

  private static synchronized void noExport() {
    if (exporting || noExportSet) {
      return;
    }
    noExportSet = true;
    try {
      OtlpExport.off();
    } catch (LinkageError | IllegalStateException e) {
      // no OpenTelemetry on the class path, or the application already set its own: nothing to turn off
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      java.net.URI uri = new java.net.URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static void stopExport() {
    if (exporting) {
      OtlpExport.stop();
    }
  }

  /**
   * The first request to try, with the auth header when auth is on. Never the token itself: this line goes
   * to the log.
   *
   * @param url the gateway's base URL
   * @param token how to refer to the token in the command ({@code $GATEWAY_AUTH_TOKEN}), or {@code null}
   *     when auth is off
   * @return the hint
   */
  static String curlHint(String url, String token) {
    return "try: curl -s " + (token == null ? "" : "-H \"Authorization: Bearer " + token + "\" ") + url + "/token";
  }

  /** A config error, with the flag that named the file. */
  private String configMessage(GatewayConfigException e) {
    if (e.file() != null) {
      return "--config " + e.getMessage();
    }
    return e.field() == null ? e.rule() : e.field() + ": " + e.rule();
  }

  /** An unexpected failure in words: its message, never its class name. */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return "unexpected error";
  }

  GatewayOptions gatewayOptions(Map<String, String> env) {
    if (authToken != null && authToken.isBlank()) {
      throw Flags.invalid("--auth-token", null, "must not be blank");
    }
    String token = authToken != null ? authToken : env.get("GATEWAY_AUTH_TOKEN");
    if (!blank(token) && !token.equals(token.strip())) {
      // refused rather than trimmed: a quoting slip should be seen, and callers could never send it
      throw Flags.invalid(authToken != null ? "--auth-token" : "GATEWAY_AUTH_TOKEN", null,
          "has leading or trailing whitespace; remove it");
    }
    // a JWT (flag, or a config file's jwt: checked by GatewayOptions.validate once read) also protects /token
    if (blank(token) && jwtJwks == null && config == null && !allowAnonymous && !isLoopback(host)) {
      throw Flags.invalid("--host", host, "not a loopback address, so /token needs --auth-token TOKEN (or "
          + "GATEWAY_AUTH_TOKEN), --jwt-jwks SOURCE to verify users' tokens, or --allow-anonymous when a proxy "
          + "in front authenticates callers");
    }
    GatewayOptions options = new GatewayOptions().setHost(host).setPort(port)
        .setAllowAnonymous(allowAnonymous).setIdentityHeader(identityHeader);
    if (!blank(token)) {
      options.setAuthToken(token);
    }
    if (rateLimit != null) {
      options.setRateLimit(rateLimit);
    }
    for (String origin : corsOrigins) {
      try {
        options.addCorsOrigin(origin);
      } catch (IllegalArgumentException e) {
        throw Flags.invalid("--cors-origin", origin, "must be an origin such as https://app.example.com "
            + "(scheme, host and optional port; no path, no wildcard)");
      }
    }
    if (config != null) {
      try {
        options.readConfigFile(config);
      } catch (GatewayConfigException e) {
        throw new IllegalArgumentException(configMessage(e), e);
      }
    }
    applyJwtFlags(options);
    if (userRateLimit != null) {
      options.setUserRateLimit(userRateLimit);
    }
    if (demo) {
      options.setDemo(true);
    }
    // exposure flags after the file: a flag overrides the file, repeatable ones add to it
    if (idleTimeout != null) {
      options.setIdleTimeout(idleTimeout);
    }
    if (readTimeout != null) {
      options.setReadTimeout(readTimeout);
    }
    if (maxConnections != null) {
      options.setMaxConnections(maxConnections);
    }
    for (String name : allowedHosts) {
      try {
        options.addAllowedHost(name);
      } catch (IllegalArgumentException e) {
        throw Flags.invalid("--allowed-host", name, "must be a host name or address, without a port or path");
      }
    }
    for (String cidr : trustedProxies) {
      try {
        options.addTrustedProxy(cidr);
      } catch (IllegalArgumentException e) {
        throw Flags.invalid("--trusted-proxy", cidr, "must be an IP address or CIDR block such as 10.0.0.0/8");
      }
    }
    if (mintRateLimit != null) {
      options.setMintRateLimit(mintRateLimit); // the flag wins over the file
    }
    if (logFormat != null) {
      try {
        options.setLogFormat(logFormat);
      } catch (IllegalArgumentException e) {
        throw Flags.invalid("--log-format", logFormat, "must be text or json");
      }
    }
    fleetOptions(options, env);
    return options;
  }

  /** {@code --redis-url} (or REDIS_URL) and {@code --replicas} over the file's; the URL is never echoed. */
  private void fleetOptions(GatewayOptions options, Map<String, String> env) {
    String fromEnv = blank(env.get("REDIS_URL")) ? null : env.get("REDIS_URL");
    String url = redisUrl != null ? redisUrl : fromEnv;
    String source = redisUrl != null ? "--redis-url" : fromEnv != null ? "REDIS_URL" : "--config redisUrl";
    if (url != null) {
      try {
        options.setRedisUrl(url);
      } catch (IllegalArgumentException e) {
        // the value is left out of the message: it may hold Redis's password
        throw Flags.invalid(source, null, "must be a redis://HOST:PORT or rediss://HOST:PORT URL");
      }
    }
    if (replicas != null) {
      options.setReplicas(replicas);
    }
    if (options.getRedisUrl() != null && options.getMintRateLimit() == 0) {
      throw Flags.invalid(source, null,
          "needs --mint-rate-limit N, the mints per second the whole fleet shares through Redis");
    }
    String stockSource = sharedStock ? "--shared-stock" : "--config sharedStock";
    if (sharedStock) {
      options.setSharedStock(true);
    }
    if (options.isSharedStock()) {
      if (options.getRedisUrl() == null) {
        throw Flags.invalid(stockSource, null, "needs --redis-url (or env REDIS_URL), the Redis the replicas "
            + "share their stock through");
      }
      String key = env.get(SHARED_STOCK_KEY_VARIABLE);
      if (blank(key)) {
        throw Flags.invalid(stockSource, null, "needs env " + SHARED_STOCK_KEY_VARIABLE + ", the AES key the "
            + "shared secrets are encrypted with (openssl rand -base64 32, the same on every replica)");
      }
      try {
        options.setSharedStockKey(key);
      } catch (IllegalArgumentException e) {
        // the value is left out of the message: it is a key
        throw Flags.invalid(SHARED_STOCK_KEY_VARIABLE, null, GatewayOptions.SHARED_STOCK_KEY_RULE);
      }
    }
  }

  /** The environment variable of the shared stock's AES key (the same as the Redis stock reads). */
  static final String SHARED_STOCK_KEY_VARIABLE = "REALTIME_SECRETS_STOCK_KEY";

  /** JWT flags override the config file's {@code jwt} object field by field. */
  private void applyJwtFlags(GatewayOptions options) {
    boolean anyFlag = jwtJwks != null || jwtIssuer != null || !jwtAudiences.isEmpty() || jwtLeeway != null
        || jwtUserClaim != null;
    if (!anyFlag) {
      return;
    }
    JwtOptions jwt = options.getJwt() != null ? options.getJwt() : new JwtOptions();
    if (jwtJwks != null) {
      jwt.setJwks(jwtJwks);
    }
    if (jwtIssuer != null) {
      jwt.setIssuer(jwtIssuer);
    }
    jwtAudiences.forEach(jwt::addAudience);
    if (jwtLeeway != null) {
      jwt.setLeeway(jwtLeeway);
    }
    if (jwtUserClaim != null) {
      jwt.setUserClaim(jwtUserClaim);
    }
    if (jwt.getJwks() == null && jwt.getHmacSecret() == null) {
      throw Flags.invalid(jwtIssuer != null ? "--jwt-issuer" : !jwtAudiences.isEmpty() ? "--jwt-audience"
          : jwtLeeway != null ? "--jwt-leeway" : "--jwt-user-claim", null, "needs --jwt-jwks SOURCE");
    }
    options.setJwt(jwt);
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false; // reported as an unknown host by the port check
    }
  }

  /** Deploys the servers; returns the port they share. */
  private static int deployServers(Vertx vertx, TokenGateway gateway, GatewayOptions options, int instances,
      List<String> deployments) throws Exception {
    String host = options.getHost();
    int port = options.getPort();
    // one guard for all instances: the connection cap counts every event loop's connections
    ConnectionGuard guard = new ConnectionGuard(vertx, options);
    // Vert.x gives every instance its own random port for port 0, so a free port is chosen up front;
    // another process may take it in between, hence the retries
    for (int attempt = 1; ; attempt++) {
      int chosen = port != 0 ? port : freePort(host);
      Supplier<Verticle> factory = () -> new ServerVerticle(gateway, guard, options, chosen);
      try {
        deployments.add(await(vertx.deployVerticle(factory, new DeploymentOptions().setInstances(instances))));
        return chosen;
      } catch (Exception e) {
        if (port != 0 || attempt >= RANDOM_PORT_ATTEMPTS) {
          if (String.valueOf(describe(e)).contains("in use")) {
            // taken between the check and the bind
            throw new Flags.StartException("--port " + chosen + ": already in use on " + host);
          }
          throw e;
        }
      }
    }
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return MainThread.await(future, Duration.ofSeconds(60));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * One HTTP server on one event loop, with its own router over the shared gateway: the standalone router
   * (Host check), behind the shared connection guard (idle and read timeouts, connection cap).
   */
  static final class ServerVerticle extends AbstractVerticle {
    private final TokenGateway gateway;
    private final ConnectionGuard guard;
    private final GatewayOptions options;
    private final int port;

    ServerVerticle(TokenGateway gateway, ConnectionGuard guard, GatewayOptions options, int port) {
      this.gateway = gateway;
      this.guard = guard;
      this.options = options;
      this.port = port;
    }

    @Override
    public void start(Promise<Void> started) {
      Router router = gateway instanceof TokenGatewayImpl
          ? ((TokenGatewayImpl) gateway).standaloneRouter() : gateway.router();
      guard.install(vertx.createHttpServer(ConnectionGuard.serverOptions(options)), router)
          .listen(port, options.getHost())
          .onSuccess(s -> started.complete())
          .onFailure(started::fail);
    }
  }
}
