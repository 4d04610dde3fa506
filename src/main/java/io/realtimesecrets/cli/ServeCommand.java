package io.realtimesecrets.cli;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.gateway.GatewayConfigException;
import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.JwtOptions;
import io.realtimesecrets.gateway.TokenGateway;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
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

/**
 * {@code serve}: the standalone token gateway. One {@link TokenGateway} (one pool per profile) shared by one
 * HTTP server verticle per event loop; without an API key or base URL it serves from the embedded mock.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
        "Serve ephemeral secrets to front-ends: GET|POST /token and /token/{profile}, /health/live,",
        "/health/ready and /metrics. Without an API key or base URL, serves from the embedded mock upstream."})
final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = System.getLogger("io.realtimesecrets.cli.serve");
  /** Key the embedded mock is started with (it accepts any key; the client needs one to send). */
  /** How often a port chosen for {@code --port 0} is tried again if another process took it first. */
  private static final int RANDOM_PORT_ATTEMPTS = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--host", paramLabel = "HOST",
      description = "Address to bind (default: ${DEFAULT-VALUE}). Anything but loopback needs --auth-token, "
          + "--jwt-jwks or --allow-anonymous.")
  String host = GatewayOptions.DEFAULT_HOST;

  @Option(names = "--port", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port = GatewayOptions.DEFAULT_PORT;

  @Option(names = "--config", paramLabel = "FILE",
      description = "JSON file of profiles (endpoint, request body, pool options, perUser). Default: one "
          + "'default' profile, a GA client secret for gpt-realtime.")
  Path config;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "Upstream API base URL (default: env OPENAI_BASE_URL, else https://api.openai.com/v1).")
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

  @Option(names = "--rate-limit", paramLabel = "N",
      description = "Requests per second per remote address (default: off on loopback, "
          + GatewayOptions.DEFAULT_NON_LOOPBACK_RATE_LIMIT + " elsewhere; 0 = off).")
  Integer rateLimit;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN",
      description = "Browser origin allowed cross-origin, e.g. https://app.example.com (repeatable; default: none).")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--identity-header", paramLabel = "HEADER",
      description = "Request header naming the caller of per-user profiles (set it only behind a proxy that "
          + "sets this header itself).")
  String identityHeader;

  @Option(names = "--jwt-jwks", paramLabel = "FILE|URL",
      description = "Verify users' JWT access tokens on /token against this JWKS: a file (reloaded when it "
          + "changes) or an https URL (cached per Cache-Control). Allows a non-loopback --host without --auth-token.")
  String jwtJwks;

  @Option(names = "--jwt-issuer", paramLabel = "ISS", description = "Required 'iss' of the JWTs.")
  String jwtIssuer;

  @Option(names = "--jwt-audience", paramLabel = "AUD",
      description = "Accepted 'aud' of the JWTs (repeatable: any one of them).")
  List<String> jwtAudiences = new ArrayList<>();

  @Option(names = "--jwt-leeway", paramLabel = "SECONDS",
      description = "Clock skew tolerated on exp, nbf and iat (default: 30).")
  Long jwtLeeway;

  @Option(names = "--jwt-user-claim", paramLabel = "CLAIM",
      description = "JWT claim naming the user, for --user-rate-limit and per-user profiles (default: sub).")
  String jwtUserClaim;

  @Option(names = "--user-rate-limit", paramLabel = "N",
      description = "Secrets per minute per user (JWT user claim or --identity-header; default: off).")
  Integer userRateLimit;

  @Option(names = "--demo", description = "Serve /demo, a page showing the browser side of the token flow.")
  boolean demo;

  @Option(names = "--mock-latency-ms", paramLabel = "N",
      description = "Latency the embedded mock adds to each mint, in ms (default: ${DEFAULT-VALUE}).")
  long mockLatencyMs;

  @Option(names = "--instances", paramLabel = "N",
      description = "HTTP server verticles (default: one per event loop, "
          + "i.e. twice the number of cores).")
  Integer instances;

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
    } catch (IllegalArgumentException e) {
      // GatewayConfigException included: it names the file, profile and field
      err.println("serve: " + e.getMessage());
      err.flush();
      return 2;
    } catch (Exception e) {
      err.println("serve: cannot start: " + e);
      err.flush();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // stderr, not the logger: java.util.logging resets its handlers in its own shutdown hook
      System.err.println("serve: shutting down: draining calls in flight, then closing pools");
      running.stop();
      System.err.println("serve: stopped");
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
   * Validates the options, starts the mock if needed, the gateway and the servers; blocks until listening.
   *
   * @param env the environment (OPENAI_API_KEY, OPENAI_BASE_URL, GATEWAY_AUTH_TOKEN...)
   * @return the running server
   * @throws GatewayConfigException for bad options or config, before anything is started
   * @throws Exception when something fails to start (everything started is closed again)
   */
  Running start(Map<String, String> env) throws Exception {
    GatewayOptions options = gatewayOptions(env);
    options.validate();
    RealtimeSecretsClientOptions clientOptions = Upstream.clientOptions(env, baseUrl, apiKey);
    boolean useMock = Upstream.wantsEmbeddedMock(env, baseUrl, clientOptions);

    int eventLoops = new VertxOptions().getEventLoopPoolSize();
    int serverInstances = instances != null ? Math.max(1, instances) : eventLoops;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(eventLoops, serverInstances)));
    MockUpstream mock = null;
    RealtimeSecretsClient client = null;
    TokenGateway gateway = null;
    try {
      if (useMock) {
        mock = MockUpstream.create(vertx, new MockUpstreamOptions().setLatency(Duration.ofMillis(mockLatencyMs)));
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
      int actualPort = deployServers(vertx, gateway, options.getHost(), options.getPort(), serverInstances,
          deployments);
      String url = "http://" + (options.getHost().contains(":") ? "[" + options.getHost() + "]" : options.getHost())
          + ":" + actualPort;
      LOG.log(Level.INFO, "listening on " + url + " (" + serverInstances + " server instances; profiles "
          + options.getProfiles().keySet() + ", default '" + options.getDefaultProfile() + "'; auth "
          + (options.getAuthToken() == null ? "off" : "on")
          + (options.getJwt() == null ? "" : "; JWT from " + options.getJwt().getJwks())
          + (options.isDemo() ? "; demo page at " + "/demo" : "") + "; rate limit "
          + (options.effectiveRateLimit() == 0 ? "off" : options.effectiveRateLimit() + "/s per address") + ")");
      LOG.log(Level.INFO, "try: curl -s " + url + "/token");
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

  GatewayOptions gatewayOptions(Map<String, String> env) {
    GatewayOptions options = new GatewayOptions().setHost(host).setPort(port)
        .setAllowAnonymous(allowAnonymous).setIdentityHeader(identityHeader);
    String token = authToken != null ? authToken : env.get("GATEWAY_AUTH_TOKEN");
    if (!blank(token)) {
      options.setAuthToken(token);
    }
    if (rateLimit != null) {
      options.setRateLimit(rateLimit);
    }
    corsOrigins.forEach(options::addCorsOrigin);
    if (config != null) {
      options.readConfigFile(config);
    }
    applyJwtFlags(options);
    if (userRateLimit != null) {
      options.setUserRateLimit(userRateLimit);
    }
    if (demo) {
      options.setDemo(true);
    }
    return options;
  }

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
      jwt.setLeeway(Duration.ofSeconds(jwtLeeway));
    }
    if (jwtUserClaim != null) {
      jwt.setUserClaim(jwtUserClaim);
    }
    if (jwt.getJwks() == null && jwt.getHmacSecret() == null) {
      throw new GatewayConfigException(options.getConfigFile(), null, "jwt",
          "--jwt-issuer, --jwt-audience, --jwt-leeway and --jwt-user-claim need --jwt-jwks");
    }
    options.setJwt(jwt);
  }

  /** Deploys the servers; returns the port they share. */
  private static int deployServers(Vertx vertx, TokenGateway gateway, String host, int port, int instances,
      List<String> deployments) throws Exception {
    // Vert.x gives every instance its own random port for port 0, so a free port is chosen up front;
    // another process may take it in between, hence the retries
    for (int attempt = 1; ; attempt++) {
      int chosen = port != 0 ? port : freePort(host);
      Supplier<Verticle> factory = () -> new ServerVerticle(gateway, host, chosen);
      try {
        deployments.add(await(vertx.deployVerticle(factory, new DeploymentOptions().setInstances(instances))));
        return chosen;
      } catch (Exception e) {
        if (port != 0 || attempt >= RANDOM_PORT_ATTEMPTS) {
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

  /** One HTTP server on one event loop, with its own router over the shared gateway. */
  static final class ServerVerticle extends AbstractVerticle {
    private final TokenGateway gateway;
    private final String host;
    private final int port;

    ServerVerticle(TokenGateway gateway, String host, int port) {
      this.gateway = gateway;
      this.host = host;
      this.port = port;
    }

    @Override
    public void start(Promise<Void> started) {
      vertx.createHttpServer(new HttpServerOptions())
          .requestHandler(gateway.router())
          .listen(port, host)
          .onSuccess(s -> started.complete())
          .onFailure(started::fail);
    }
  }
}
