package io.realtimesecrets.quarkus.runtime;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.realtimesecrets.client.MutinyRealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.gateway.GatewayProfile;
import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.model.SecretRequests;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolException;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The extension's objects of one app run, in the order they are made and closed: the Dev Services mock (if any),
 * the client, the pools, the gateway (if any). Made when the app starts, on Quarkus's managed Vert.x; closed when
 * it stops, in reverse: gateway, pools, client, mock. Quarkus's Vert.x is never closed here.
 */
public final class RealtimeSecretsRuntime {

  /** The key that Dev Services give the client; only the mock accepts it. */
  static final String DEV_SERVICES_API_KEY = "sk-realtime-secrets-devservices";

  /** How long the start waits for the mock to listen, and the stop for everything to close. */
  static final Duration BLOCKING_LIMIT = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(RealtimeSecretsRuntime.class);

  private final Vertx vertx;
  private final Object openTelemetry;
  private final MockUpstream mock;
  private final RealtimeSecretsClient client;
  private final Map<String, SecretPool<? extends EphemeralSecret>> pools;
  private final Map<String, GatewayProfile> profiles;
  private volatile RealtimeSecretsGateway gateway;

  /**
   * Builds everything from the config, and starts the pools (their pre-warm goes on in the background).
   *
   * @param vertx Quarkus's managed Vert.x
   * @param config the run-time config
   * @param endpoints every pool by name with its endpoint's short name ({@code client_secrets}, ...)
   * @param perUser the names among them minted per caller by the gateway (no pool)
   * @param devServices whether the build decided to start the embedded mock (dev or test mode, no key, no URL)
   * @param openTelemetry the app's {@code io.opentelemetry.api.OpenTelemetry} bean (with quarkus-opentelemetry),
   *     which records the mints and the gateway's calls; {@code null} without it
   * @throws ConfigurationException naming the property whose value is unusable
   */
  public RealtimeSecretsRuntime(Vertx vertx, RealtimeSecretsConfig config, Map<String, String> endpoints,
      Set<String> perUser, boolean devServices, Object openTelemetry) {
    this.vertx = vertx;
    this.openTelemetry = openTelemetry;
    this.mock = devServices ? startMock(vertx, config.devservices()) : null;
    this.client = RealtimeSecretsClient.create(vertx, clientOptions(config, mock).setOpenTelemetry(openTelemetry));
    Map<String, SecretPool<? extends EphemeralSecret>> made = new LinkedHashMap<>();
    Map<String, GatewayProfile> madeProfiles = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String> e : endpoints.entrySet()) {
        String name = e.getKey();
        RealtimeSecretsConfig.Pool poolConfig = config.pools().get(name);
        Endpoint endpoint = endpoint(name, e.getValue());
        String requestJson = poolConfig == null ? null : poolConfig.request().orElse(null);
        SecretRequest<? extends EphemeralSecret> request = request(name, endpoint, requestJson);
        SecretPoolOptions options = PoolOptionsMapping.options(name, poolConfig);
        GatewayProfile.Builder profile = GatewayProfile.builder(name).endpoint(endpoint)
            .request(new JsonObject(request.toJson())).perUser(perUser.contains(name));
        if (!perUser.contains(name)) {
          profile.pool(options);
        }
        madeProfiles.put(name, profile.build());
        if (!perUser.contains(name)) {
          made.put(name, pool(name, request, options));
        }
      }
    } catch (RuntimeException e) {
      made.values().forEach(SecretPool::close);
      client.close();
      if (mock != null) {
        mock.close();
      }
      throw e;
    }
    this.pools = Collections.unmodifiableMap(made);
    this.profiles = Collections.unmodifiableMap(madeProfiles);
    pools.forEach((name, pool) -> pool.start().onFailure(e -> {
      // closed before it warmed (the app stopped early): nothing keeps minting, and nothing is wrong
      if (!(e instanceof SecretPoolException x && x.reason() == SecretPoolException.Reason.CLOSED)) {
        LOG.warnf("realtime-secrets pool '%s' is not warm yet; it keeps minting in the background: %s", name,
            e.getMessage());
      }
    }));
  }

  /**
   * The app's OpenTelemetry, which the gateway traces its calls through.
   *
   * @return an {@code io.opentelemetry.api.OpenTelemetry}, or {@code null} without quarkus-opentelemetry
   */
  Object openTelemetry() {
    return openTelemetry;
  }

  /**
   * The client every pool mints through.
   *
   * @return the client
   */
  public RealtimeSecretsClient client() {
    return client;
  }

  /**
   * The client's Mutiny face.
   *
   * @return the Mutiny client
   */
  public MutinyRealtimeSecretsClient mutinyClient() {
    return client.mutiny();
  }

  /**
   * One pool.
   *
   * @param name the pool's name
   * @return the pool
   * @throws IllegalArgumentException when there is no pool of that name
   */
  public SecretPool<? extends EphemeralSecret> pool(String name) {
    SecretPool<? extends EphemeralSecret> pool = pools.get(name);
    if (pool == null) {
      throw new IllegalArgumentException("no realtime-secrets pool named '" + name + "'");
    }
    return pool;
  }

  /**
   * Every pool by name, in config order.
   *
   * @return unmodifiable map
   */
  public Map<String, SecretPool<? extends EphemeralSecret>> pools() {
    return pools;
  }

  /**
   * Every pool's and per-user profile's settings, as the gateway serves them.
   *
   * @return unmodifiable map by name
   */
  public Map<String, GatewayProfile> profiles() {
    return profiles;
  }

  /**
   * The Dev Services mock, when it runs.
   *
   * @return the mock, or {@code null}
   */
  public MockUpstream mock() {
    return mock;
  }

  /**
   * The Vert.x everything runs on (Quarkus's).
   *
   * @return the Vert.x instance
   */
  public Vertx vertx() {
    return vertx;
  }

  void attachGateway(RealtimeSecretsGateway gateway) {
    this.gateway = gateway;
  }

  /**
   * Closes in the order that loses nothing: the gateway stops taking calls, the pools stop minting, then the
   * client releases its connections, then the mock stops. Waits up to {@link #BLOCKING_LIMIT} when called off
   * Vert.x threads (Quarkus's shutdown), so that all is closed before Quarkus closes its Vert.x.
   */
  public void close() {
    RealtimeSecretsGateway g = gateway;
    Future<Void> done = (g == null ? Future.<Void>succeededFuture() : g.close())
        .transform(ar -> {
          List<Future<Void>> closing = new ArrayList<>();
          pools.values().forEach(p -> closing.add(p.close()));
          return Future.join(closing).<Void>mapEmpty();
        })
        .transform(ar -> client.close())
        .transform(ar -> mock == null ? Future.<Void>succeededFuture() : mock.close());
    if (!Context.isOnVertxThread()) {
      try {
        Uni.createFrom().completionStage(done::toCompletionStage).await().atMost(BLOCKING_LIMIT);
      } catch (RuntimeException e) {
        LOG.warnf("realtime-secrets did not close within %s: %s", BLOCKING_LIMIT, e.getMessage());
      }
    }
  }

  private static MockUpstream startMock(Vertx vertx, RealtimeSecretsConfig.DevServices config) {
    MockUpstreamOptions options = new MockUpstreamOptions().setApiKey(DEV_SERVICES_API_KEY);
    config.latency().ifPresent(options::setLatency);
    MockUpstream mock = MockUpstream.create(vertx, options);
    if (config.failFirst() > 0) {
      Fault fault;
      try {
        fault = Fault.parse(config.fault());
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("quarkus.realtime-secrets.devservices.fault: " + e.getMessage(),
            Set.of("quarkus.realtime-secrets.devservices.fault"));
      }
      mock.faults().next(config.failFirst(), fault);
    }
    // The client needs the mock's port when it is made. This runs while the app starts, on the main thread
    // (never on an event loop: await() would refuse one).
    Uni.createFrom().completionStage(() -> mock.start().toCompletionStage()).await().atMost(BLOCKING_LIMIT);
    LOG.infof("Dev Services for realtime-secrets: the embedded mock upstream serves at %s (no "
        + "quarkus.realtime-secrets.api-key or base-url is set; quarkus.realtime-secrets.devservices.enabled=false "
        + "turns it off)", mock.baseUrl());
    return mock;
  }

  static RealtimeSecretsClientOptions clientOptions(RealtimeSecretsConfig config, MockUpstream mock) {
    RealtimeSecretsClientOptions options = new RealtimeSecretsClientOptions();
    if (mock != null) {
      options.setBaseUrl(mock.baseUrl()).setApiKey(DEV_SERVICES_API_KEY);
    } else {
      if (config.apiKey().isEmpty() && config.baseUrl().isEmpty()) {
        throw new ConfigurationException("quarkus.realtime-secrets.api-key is not set: set it (for example with "
            + "QUARKUS_REALTIME_SECRETS_API_KEY), or quarkus.realtime-secrets.base-url for an upstream that needs no "
            + "key; in dev and test mode Dev Services start a mock upstream when neither is set",
            Set.of("quarkus.realtime-secrets.api-key"));
      }
      set("quarkus.realtime-secrets.base-url", () -> config.baseUrl().ifPresent(options::setBaseUrl));
      set("quarkus.realtime-secrets.api-key", () -> config.apiKey().ifPresent(options::setApiKey));
    }
    set("quarkus.realtime-secrets.organization", () -> config.organization().ifPresent(options::setOrganization));
    set("quarkus.realtime-secrets.project", () -> config.project().ifPresent(options::setProject));
    set("quarkus.realtime-secrets.connect-timeout", () -> config.connectTimeout().ifPresent(options::setConnectTimeout));
    set("quarkus.realtime-secrets.idle-timeout", () -> config.idleTimeout().ifPresent(options::setIdleTimeout));
    set("quarkus.realtime-secrets.attempt-timeout", () -> config.attemptTimeout().ifPresent(options::setAttemptTimeout));
    set("quarkus.realtime-secrets.call-timeout", () -> config.callTimeout().ifPresent(options::setCallTimeout));
    set("quarkus.realtime-secrets.max-retries", () -> config.maxRetries().ifPresent(options::setMaxRetries));
    set("quarkus.realtime-secrets.max-connections", () -> config.maxConnections().ifPresent(options::setMaxConnections));
    set("quarkus.realtime-secrets.http2", () -> config.http2().ifPresent(options::setHttp2));
    set("quarkus.realtime-secrets.pem-ca-cert-paths",
        () -> config.pemCaCertPaths().ifPresent(paths -> paths.forEach(options::addPemCaCertPath)));
    return options;
  }

  private static void set(String property, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      // the library's messages never quote the key
      throw new ConfigurationException(property + ": " + e.getMessage(), Set.of(property));
    }
  }

  private static Endpoint endpoint(String pool, String name) {
    try {
      return Endpoint.fromCliName(name);
    } catch (IllegalArgumentException e) {
      String property = PoolOptionsMapping.poolProperty(pool) + ".endpoint";
      throw new ConfigurationException(property + ": " + e.getMessage(), Set.of(property));
    }
  }

  private static SecretRequest<? extends EphemeralSecret> request(String pool, Endpoint endpoint, String json) {
    String property = PoolOptionsMapping.poolProperty(pool) + ".request";
    String body = json != null ? json
        : endpoint == Endpoint.CLIENT_SECRETS ? GatewayProfile.DEFAULT_REQUEST : null;
    try {
      @SuppressWarnings("unchecked")
      SecretRequest<? extends EphemeralSecret> request = (SecretRequest<? extends EphemeralSecret>)
          (body == null ? SecretRequests.minimal(endpoint) : SecretRequests.parseValid(endpoint, body));
      return request;
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(property + ": " + e.getMessage(), Set.of(property));
    }
  }

  private <R extends EphemeralSecret> SecretPool<R> pool(String name, SecretRequest<R> request,
      SecretPoolOptions options) {
    try {
      return SecretPool.create(vertx, client, request, options);
    } catch (IllegalArgumentException e) {
      // e.g. a floor (min-remaining-life) that leaves no usable window for the request's TTL
      String property = PoolOptionsMapping.poolProperty(name);
      throw new ConfigurationException(property + ": " + e.getMessage(), Set.of(property));
    }
  }
}
