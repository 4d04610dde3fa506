package io.realtimesecrets.gateway;

import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.client.impl.ClientTracing;
import io.realtimesecrets.model.impl.JsonSyntax;
import io.realtimesecrets.model.impl.UserFile;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of a {@link TokenGateway}: its profiles, its security settings and, for the standalone
 * server, where it listens. A mutable bean with fluent setters; the gateway copies it at creation. Every
 * default is a {@code DEFAULT_*} constant. The auth token never appears in {@link #toJson()} nor
 * {@link #toString()}.
 *
 * <p>Safe by default: the standalone server binds {@value #DEFAULT_HOST}; on any other address
 * {@link #validate()} refuses options that have neither an {@link #setAuthToken(String) auth token}, nor
 * {@link #setJwt(JwtOptions) JWT verification}, nor {@link #setAllowAnonymous(boolean) allowAnonymous}.
 */
public class GatewayOptions {

  /** Default address the standalone server binds = {@value} (loopback only). */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Default port of the standalone server = {@value}. */
  public static final int DEFAULT_PORT = 8080;
  /** Default: anonymous access on a non-loopback address is refused = {@value}. */
  public static final boolean DEFAULT_ALLOW_ANONYMOUS = false;
  /**
   * Default per-client rate limit = {@value}, meaning automatic: off when the gateway binds a loopback
   * address, {@link #DEFAULT_NON_LOOPBACK_RATE_LIMIT} requests per second otherwise.
   */
  public static final int DEFAULT_RATE_LIMIT = -1;
  /** Per-client rate limit applied by the automatic setting on a non-loopback address = {@value} per second. */
  public static final int DEFAULT_NON_LOOPBACK_RATE_LIMIT = 10;
  /**
   * Default most remote addresses the rate limiter tracks at once = {@value}; above it, addresses whose
   * bucket has refilled are forgotten first, so memory stays bounded under address churn.
   */
  public static final int DEFAULT_RATE_LIMIT_MAX_CLIENTS = 100_000;
  /** Default largest request body accepted on {@code /token} = {@value} bytes (the body is ignored). */
  public static final long DEFAULT_MAX_BODY_BYTES = 4096;
  /**
   * Default longest a {@code /token} call waits for a secret (from the pool, or minted on demand for a
   * per-user profile) before answering 503 = 10 s.
   */
  public static final Duration DEFAULT_TOKEN_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@code Retry-After} of a 503 when the cause does not say = 1 s. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  /** Default longest {@link TokenGateway#close()} waits for {@code /token} calls in flight = 10 s. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
  /** Default: one access log line per {@code /token} call (profile, status, latency) = {@value}. */
  public static final boolean DEFAULT_ACCESS_LOG = true;
  /** Default per-user rate limit = {@value} (off): secrets per minute per authenticated caller. */
  public static final int DEFAULT_USER_RATE_LIMIT = 0;
  /** Default: the {@code /demo} page is not served = {@value}. */
  public static final boolean DEFAULT_DEMO = false;
  /**
   * Default {@code mintRateLimit}: {@value}, none (the pools still pace themselves by the upstream's
   * {@code x-ratelimit-*} headers and {@code 429} answers).
   */
  public static final double DEFAULT_MINT_RATE_LIMIT = 0;
  /** Default {@code redisUrl}: {@code null}, no Redis: the gateway's mint budget is its own. */
  public static final String DEFAULT_REDIS_URL = null;
  /**
   * Default {@code replicas}: {@value}. With {@code redisUrl}, while Redis is down each replica mints at most
   * {@code mintRateLimit / replicas} per second on its own.
   */
  public static final int DEFAULT_REPLICAS = 1;
  /** Default {@code sharedStock}: {@value}, each replica's pools keep their own stock. */
  public static final boolean DEFAULT_SHARED_STOCK = false;

  // ---- exposure of the standalone server (connections, Host names, proxies) ----

  /**
   * Default idle timeout of the standalone server's connections = 30 s: a connection with nothing read or
   * written for that long is closed.
   */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  /**
   * Default request-read timeout of the standalone server = 10 s: a request's head and body must arrive in
   * full within that time of the connection opening (or of the previous answer on it, for a kept-alive
   * connection), and a body within that time of its head; else the connection is closed. Slow-loris
   * senders therefore cannot hold a connection by trickling bytes.
   */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
  /**
   * Default most open connections of the standalone server = {@value}; a connection beyond it is closed as
   * soon as it is accepted, so file descriptors cannot run out.
   */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;
  /**
   * Default: the gateway's {@link TokenGateway#router() router} logs a warning when it has neither auth nor a
   * rate limit, because the application has not said it protects the router itself = {@value}.
   */
  public static final boolean DEFAULT_APP_HANDLES_AUTH_AND_RATE_LIMIT = false;
  /**
   * Default log format of the standalone server ({@code serve}) = {@value}: human-readable lines; {@code json}
   * writes one JSON object per line. The embedded gateway logs through the application's own logging.
   */
  public static final String DEFAULT_LOG_FORMAT = "text";

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private String authToken;
  private boolean allowAnonymous = DEFAULT_ALLOW_ANONYMOUS;
  private int rateLimit = DEFAULT_RATE_LIMIT;
  private int rateLimitMaxClients = DEFAULT_RATE_LIMIT_MAX_CLIENTS;
  private List<String> corsOrigins = new ArrayList<>();
  private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
  private Duration tokenTimeout = DEFAULT_TOKEN_TIMEOUT;
  private Duration retryAfter = DEFAULT_RETRY_AFTER;
  private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
  private boolean accessLog = DEFAULT_ACCESS_LOG;
  private double mintRateLimit = DEFAULT_MINT_RATE_LIMIT;
  private String redisUrl = DEFAULT_REDIS_URL;
  private int replicas = DEFAULT_REPLICAS;
  private boolean sharedStock = DEFAULT_SHARED_STOCK;
  private String sharedStockKey;
  private JsonObject redisOptions;
  private String identityHeader;
  private JwtOptions jwt;
  private int userRateLimit = DEFAULT_USER_RATE_LIMIT;
  private boolean demo = DEFAULT_DEMO;
  private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
  private Duration readTimeout = DEFAULT_READ_TIMEOUT;
  private int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private String logFormat = DEFAULT_LOG_FORMAT;
  private List<String> allowedHosts = new ArrayList<>();
  private List<String> trustedProxies = new ArrayList<>();
  private boolean appHandlesAuthAndRateLimit = DEFAULT_APP_HANDLES_AUTH_AND_RATE_LIMIT;
  private String defaultProfile = GatewayProfile.DEFAULT_NAME;
  private Map<String, GatewayProfile> profiles = new LinkedHashMap<>();
  private String configFile;
  private RealtimeSecretsClientOptions clientOptions = new RealtimeSecretsClientOptions();
  private Object openTelemetry;

  /** Options with every default: one {@value GatewayProfile#DEFAULT_NAME} profile, loopback, no auth. */
  public GatewayOptions() {
  }

  /**
   * Copy constructor.
   *
   * @param other the options to copy
   */
  public GatewayOptions(GatewayOptions other) {
    this.host = other.host;
    this.port = other.port;
    this.authToken = other.authToken;
    this.allowAnonymous = other.allowAnonymous;
    this.rateLimit = other.rateLimit;
    this.rateLimitMaxClients = other.rateLimitMaxClients;
    this.corsOrigins = new ArrayList<>(other.corsOrigins);
    this.maxBodyBytes = other.maxBodyBytes;
    this.tokenTimeout = other.tokenTimeout;
    this.retryAfter = other.retryAfter;
    this.shutdownGrace = other.shutdownGrace;
    this.accessLog = other.accessLog;
    this.mintRateLimit = other.mintRateLimit;
    this.redisUrl = other.redisUrl;
    this.replicas = other.replicas;
    this.sharedStock = other.sharedStock;
    this.sharedStockKey = other.sharedStockKey;
    this.redisOptions = other.redisOptions == null ? null : other.redisOptions.copy();
    this.identityHeader = other.identityHeader;
    this.jwt = other.jwt == null ? null : new JwtOptions(other.jwt);
    this.userRateLimit = other.userRateLimit;
    this.demo = other.demo;
    this.idleTimeout = other.idleTimeout;
    this.readTimeout = other.readTimeout;
    this.maxConnections = other.maxConnections;
    this.logFormat = other.logFormat;
    this.allowedHosts = new ArrayList<>(other.allowedHosts);
    this.trustedProxies = new ArrayList<>(other.trustedProxies);
    this.appHandlesAuthAndRateLimit = other.appHandlesAuthAndRateLimit;
    this.defaultProfile = other.defaultProfile;
    this.profiles = new LinkedHashMap<>(other.profiles);
    this.configFile = other.configFile;
    this.clientOptions = new RealtimeSecretsClientOptions(other.clientOptions);
    this.openTelemetry = other.openTelemetry;
  }

  /**
   * Reads options from JSON with the same names as the getters (durations in milliseconds with a
   * {@code Millis} suffix, e.g. {@code tokenTimeoutMillis}; {@code profiles} as in a configuration file;
   * {@code client} as {@link RealtimeSecretsClientOptions#RealtimeSecretsClientOptions(JsonObject)}).
   * Unknown keys are ignored.
   *
   * @param json the JSON
   * @throws GatewayConfigException when a profile is invalid
   */
  public GatewayOptions(JsonObject json) {
    this();
    if (json.containsKey("host")) {
      setHost(json.getString("host"));
    }
    if (json.containsKey("port")) {
      setPort(json.getInteger("port"));
    }
    if (json.containsKey("authToken")) {
      setAuthToken(json.getString("authToken"));
    }
    if (json.containsKey("allowAnonymous")) {
      setAllowAnonymous(json.getBoolean("allowAnonymous"));
    }
    if (json.containsKey("rateLimit")) {
      setRateLimit(json.getInteger("rateLimit"));
    }
    if (json.containsKey("rateLimitMaxClients")) {
      setRateLimitMaxClients(json.getInteger("rateLimitMaxClients"));
    }
    JsonArray origins = json.getJsonArray("corsOrigins");
    if (origins != null) {
      origins.forEach(o -> addCorsOrigin(String.valueOf(o)));
    }
    if (json.containsKey("maxBodyBytes")) {
      setMaxBodyBytes(json.getLong("maxBodyBytes"));
    }
    if (json.containsKey("tokenTimeoutMillis")) {
      setTokenTimeout(Duration.ofMillis(json.getLong("tokenTimeoutMillis")));
    }
    if (json.containsKey("retryAfterMillis")) {
      setRetryAfter(Duration.ofMillis(json.getLong("retryAfterMillis")));
    }
    if (json.containsKey("shutdownGraceMillis")) {
      setShutdownGrace(Duration.ofMillis(json.getLong("shutdownGraceMillis")));
    }
    if (json.containsKey("accessLog")) {
      setAccessLog(json.getBoolean("accessLog"));
    }
    if (json.containsKey("identityHeader")) {
      setIdentityHeader(json.getString("identityHeader"));
    }
    if (json.containsKey("jwt")) {
      setJwt(readJwt(null, json.getValue("jwt")));
    }
    if (json.containsKey("userRateLimit")) {
      setUserRateLimit(json.getInteger("userRateLimit"));
    }
    if (json.containsKey("demo")) {
      setDemo(json.getBoolean("demo"));
    }
    if (json.containsKey("idleTimeoutMillis")) {
      setIdleTimeout(Duration.ofMillis(json.getLong("idleTimeoutMillis")));
    }
    if (json.containsKey("readTimeoutMillis")) {
      setReadTimeout(Duration.ofMillis(json.getLong("readTimeoutMillis")));
    }
    if (json.containsKey("logFormat")) {
      setLogFormat(json.getString("logFormat"));
    }
    if (json.containsKey("maxConnections")) {
      setMaxConnections(json.getInteger("maxConnections"));
    }
    JsonArray hosts = json.getJsonArray("allowedHosts");
    if (hosts != null) {
      hosts.forEach(h -> addAllowedHost(String.valueOf(h)));
    }
    JsonArray proxies = json.getJsonArray("trustedProxies");
    if (proxies != null) {
      proxies.forEach(p -> addTrustedProxy(String.valueOf(p)));
    }
    if (json.containsKey("appHandlesAuthAndRateLimit")) {
      setAppHandlesAuthAndRateLimit(json.getBoolean("appHandlesAuthAndRateLimit"));
    }
    if (json.containsKey("mintRateLimit")) {
      setMintRateLimit(json.getDouble("mintRateLimit"));
    }
    if (json.containsKey("redisUrl")) {
      setRedisUrl(json.getString("redisUrl"));
    }
    if (json.containsKey("replicas")) {
      setReplicas(json.getInteger("replicas"));
    }
    if (json.containsKey("sharedStock")) {
      setSharedStock(json.getBoolean("sharedStock"));
    }
    if (json.containsKey("redisOptions")) {
      setRedisOptions(json.getJsonObject("redisOptions"));
    }
    if (json.containsKey("profiles")) {
      applyProfiles(null, json);
    } else if (json.getValue("defaultProfile") instanceof String) {
      setDefaultProfile(json.getString("defaultProfile"));
    }
    if (json.containsKey("client")) {
      setClientOptions(new RealtimeSecretsClientOptions(json.getJsonObject("client")));
    }
  }

  /**
   * The JSON form read by {@link #GatewayOptions(JsonObject)}, without the auth token nor the Redis URL (it may
   * hold Redis's password).
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("host", host)
        .put("port", port)
        .put("allowAnonymous", allowAnonymous)
        .put("rateLimit", rateLimit)
        .put("rateLimitMaxClients", rateLimitMaxClients)
        .put("corsOrigins", new JsonArray(new ArrayList<>(corsOrigins)))
        .put("maxBodyBytes", maxBodyBytes)
        .put("tokenTimeoutMillis", tokenTimeout.toMillis())
        .put("retryAfterMillis", retryAfter.toMillis())
        .put("shutdownGraceMillis", shutdownGrace.toMillis())
        .put("accessLog", accessLog)
        .put("idleTimeoutMillis", idleTimeout.toMillis())
        .put("readTimeoutMillis", readTimeout.toMillis())
        .put("maxConnections", maxConnections)
        .put("logFormat", logFormat)
        .put("allowedHosts", new JsonArray(new ArrayList<>(allowedHosts)))
        .put("trustedProxies", new JsonArray(new ArrayList<>(trustedProxies)))
        .put("appHandlesAuthAndRateLimit", appHandlesAuthAndRateLimit)
        .put("mintRateLimit", mintRateLimit)
        .put("replicas", replicas)
        .put("sharedStock", sharedStock)
        .put("defaultProfile", defaultProfile);
    if (identityHeader != null) {
      json.put("identityHeader", identityHeader);
    }
    if (jwt != null) {
      json.put("jwt", jwt.toJson());
    }
    json.put("userRateLimit", userRateLimit).put("demo", demo);
    if (!profiles.isEmpty()) {
      JsonObject p = new JsonObject();
      profiles.forEach((name, profile) -> p.put(name, profile.toJson()));
      json.put("profiles", p);
    }
    return json.put("client", clientOptions.toJson());
  }

  /**
   * Replaces the profiles (and the default profile's name) with those of a configuration file:
   * <pre>{@code
   * {
   *   "defaultProfile": "voice",                  // optional; default "default", else the only profile
   *   "profiles": {
   *     "voice": { "endpoint": "client_secrets",
   *                "request": { "session": { "type": "realtime", "model": "gpt-realtime", "audio": { "output": { "voice": "marin" } } } },
   *                "pool": { "minIdle": 4 } },
   *     "support": { "request": { ... }, "perUser": true }
   *   },
   *   "jwt": { "jwks": "https://idp.example.com/jwks.json", "issuer": "...", "audiences": ["..."] }   // optional
   * }
   * }</pre>
   * A file may hold only {@code jwt} (the profiles then stay as they were); {@code jwt} is read by
   * {@link JwtOptions#JwtOptions(JsonObject)}.
   * Profile entries are read by {@link GatewayProfile#fromJson(String, JsonObject)}.
   *
   * @param file the file
   * @return this
   * @throws GatewayConfigException naming the file, the profile and the field when the file cannot be read,
   *     is not JSON, or holds an invalid profile
   */
  public GatewayOptions readConfigFile(Path file) {
    String name = file.toString();
    String text;
    try {
      text = UserFile.read(file);
    } catch (UserFile.UnreadableException e) {
      throw new GatewayConfigException(name, null, null, e.getMessage()); // "no such file", not an exception type
    }
    String syntax = JsonSyntax.objectProblem(text);
    if (syntax != null) {
      throw new GatewayConfigException(name, null, null, syntax);  // "line 1, column 48: unexpected end of JSON"
    }
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new GatewayConfigException(name, null, null, "is not a JSON object");
    }
    if (json.containsKey("jwt")) {
      setJwt(readJwt(name, json.getValue("jwt")));
      json = json.copy();
      json.remove("jwt");
    }
    if (!json.isEmpty()) {
      applyProfiles(name, json);
      applyServerSettings(name, json);
    }
    this.configFile = name;
    return this;
  }

  private static JwtOptions readJwt(String file, Object value) {
    if (!(value instanceof JsonObject)) {
      throw new GatewayConfigException(file, null, "jwt", "must be a JSON object (jwks, issuer, audiences, leeway...)");
    }
    try {
      return new JwtOptions((JsonObject) value);
    } catch (IllegalArgumentException e) {
      throw new GatewayConfigException(file, null, "jwt", e.getMessage());
    }
  }

  /** Keys of a configuration file besides the profiles: the standalone server's exposure settings. */
  private static final Set<String> SERVER_FILE_KEYS =
      Set.of("maxConnections", "idleTimeoutMillis", "readTimeoutMillis", "allowedHosts", "trustedProxies",
          "logFormat");

  private void applyServerSettings(String file, JsonObject json) {
    for (String key : SERVER_FILE_KEYS) {
      Object value = json.getValue(key);
      if (value == null) {
        continue;
      }
      try {
        switch (key) {
          case "maxConnections":
            setMaxConnections(((Number) value).intValue());
            break;
          case "logFormat":
            setLogFormat((String) value);
            break;
          case "idleTimeoutMillis":
            setIdleTimeout(Duration.ofMillis(((Number) value).longValue()));
            break;
          case "readTimeoutMillis":
            setReadTimeout(Duration.ofMillis(((Number) value).longValue()));
            break;
          case "allowedHosts":
            ((JsonArray) value).forEach(h -> addAllowedHost((String) h));
            break;
          default:
            ((JsonArray) value).forEach(c -> addTrustedProxy((String) c));
            break;
        }
      } catch (ClassCastException e) {
        throw new GatewayConfigException(file, null, key,
            key.equals("logFormat") ? "must be \"text\" or \"json\""
                : key.endsWith("s") && !key.endsWith("Millis") ? "must be an array of strings" : "must be a number");
      } catch (IllegalArgumentException e) {
        throw new GatewayConfigException(file, null, key, e.getMessage());
      }
    }
  }

  private void applyProfiles(String file, JsonObject json) {
    for (String key : json.fieldNames()) {
      if (file != null && !Set.of("profiles", "defaultProfile", "mintRateLimit", "redisUrl", "replicas",
          "sharedStock", "redisOptions").contains(key) && !SERVER_FILE_KEYS.contains(key)) {
        throw new GatewayConfigException(file, null, key, "unknown field (expected profiles, defaultProfile, "
            + "mintRateLimit, redisUrl, redisOptions, replicas, sharedStock, maxConnections, idleTimeoutMillis, readTimeoutMillis, allowedHosts, "
            + "trustedProxies, jwt, logFormat)");
      }
    }
    if (file != null && json.containsKey("redisUrl")) {
      try {
        setRedisUrl(json.getString("redisUrl"));
      } catch (ClassCastException | IllegalArgumentException e) {
        throw new GatewayConfigException(file, null, "redisUrl", REDIS_URL_RULE);
      }
    }
    if (file != null && json.containsKey("replicas")) {
      try {
        setReplicas(json.getInteger("replicas"));
      } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
        throw new GatewayConfigException(file, null, "replicas", "must be a whole number, 1 or more");
      }
    }
    if (file != null && json.containsKey("redisOptions")) {
      if (!(json.getValue("redisOptions") instanceof JsonObject o)) {
        throw new GatewayConfigException(file, null, "redisOptions",
            "must be an object of Vert.x RedisOptions fields (type, endpoints, masterName, role, ...)");
      }
      try {
        setRedisOptions(o);
      } catch (IllegalArgumentException e) {
        throw new GatewayConfigException(file, null, "redisOptions", e.getMessage());
      }
    }
    if (file != null && json.containsKey("sharedStock")) {
      if (!(json.getValue("sharedStock") instanceof Boolean b)) {
        throw new GatewayConfigException(file, null, "sharedStock", "must be true or false");
      }
      setSharedStock(b);
    }
    if (file != null && json.containsKey("mintRateLimit")) {
      try {
        setMintRateLimit(json.getDouble("mintRateLimit"));
      } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
        throw new GatewayConfigException(file, null, "mintRateLimit", "must be a number of mints per second, 0 or more");
      }
    }
    Object rawProfiles = json.getValue("profiles");
    if (!(rawProfiles instanceof JsonObject) || ((JsonObject) rawProfiles).isEmpty()) {
      throw new GatewayConfigException(file, null, "profiles",
          "is required: an object mapping each profile name to its settings");
    }
    Map<String, GatewayProfile> read = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : (JsonObject) rawProfiles) {
      if (!(e.getValue() instanceof JsonObject)) {
        throw new GatewayConfigException(file, e.getKey(), null, "must be a JSON object");
      }
      try {
        read.put(e.getKey(), GatewayProfile.fromJson(e.getKey(), (JsonObject) e.getValue()));
      } catch (GatewayConfigException ex) {
        throw new GatewayConfigException(file, ex.profile(), ex.field(), ex.rule());
      }
    }
    Object rawDefault = json.getValue("defaultProfile");
    String chosen;
    if (rawDefault == null) {
      chosen = read.size() == 1 ? read.keySet().iterator().next() : GatewayProfile.DEFAULT_NAME;
    } else if (rawDefault instanceof String) {
      chosen = (String) rawDefault;
    } else {
      throw new GatewayConfigException(file, null, "defaultProfile", "must be a string");
    }
    if (!read.containsKey(chosen)) {
      throw new GatewayConfigException(file, null, "defaultProfile",
          rawDefault == null
              ? "is required when there are several profiles and none is named '" + GatewayProfile.DEFAULT_NAME + "'"
              : "names no profile ('" + chosen + "'; profiles are " + read.keySet() + ")");
    }
    this.profiles = read;
    this.defaultProfile = chosen;
  }

  /**
   * Checks everything that can be checked without starting: the default profile exists, the auth token is
   * not blank, and a non-loopback host has an auth token or {@code allowAnonymous}.
   *
   * @throws GatewayConfigException naming the offending option
   */
  public void validate() {
    if (!getProfiles().containsKey(defaultProfile)) {
      throw new GatewayConfigException(configFile, null, "defaultProfile", "names no profile ('" + defaultProfile + "')");
    }
    if (authToken != null && authToken.isBlank()) {
      throw new GatewayConfigException(configFile, null, "authToken", "must not be blank");
    }
    if (redisUrl != null && mintRateLimit == 0) {
      throw new GatewayConfigException(configFile, null, "redisUrl",
          "needs mintRateLimit, the fleet's mints per second that the replicas share through Redis");
    }
    if (sharedStock && redisUrl == null) {
      throw new GatewayConfigException(configFile, null, "sharedStock", "needs redisUrl, the Redis the replicas "
          + "share their stock through");
    }
    if (authToken != null && !authToken.equals(authToken.strip())) {
      // callers present the token trimmed, so a padded one would lock every caller out without a word
      throw new GatewayConfigException(configFile, null, "authToken",
          "has leading or trailing whitespace; remove it (callers could never match it)");
    }
    if (jwt != null) {
      try {
        jwt.validate();
      } catch (IllegalArgumentException e) {
        throw new GatewayConfigException(configFile, null, "jwt", e.getMessage());
      }
      String jwks = jwt.getJwks();
      if (jwks != null && !JwtOptions.isUrl(jwks) && !Files.isReadable(Path.of(jwks))) {
        throw new GatewayConfigException(configFile, null, "jwt.jwks", "cannot read the file " + jwks);
      }
    }
    // a JWT is a per-user credential, safe to send from browsers on any network
    if (authToken == null && jwt == null && !allowAnonymous && !isLoopback(host)) {
      throw new GatewayConfigException(configFile, null, "host",
          "refusing to serve secrets anonymously on the non-loopback address " + host
              + ": set an auth token (--auth-token or GATEWAY_AUTH_TOKEN), verify users' JWTs (--jwt-jwks), or"
              + " allow anonymous access explicitly (--allow-anonymous)");
    }
  }

  /**
   * Whether a host name or address is loopback-only ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}).
   * Literal addresses are never resolved; a name other than {@code localhost} counts as non-loopback.
   *
   * @param host a host name or literal address
   * @return true when only this machine can reach it
   */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.trim();
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    boolean literal = h.matches("[0-9.]+") || h.contains(":");
    if (!literal) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The per-client rate limit in force once {@link #getRateLimit()}'s automatic setting is resolved.
   *
   * @return requests per second per remote address, 0 for none
   */
  public int effectiveRateLimit() {
    if (rateLimit >= 0) {
      return rateLimit;
    }
    return isLoopback(host) ? 0 : DEFAULT_NON_LOOPBACK_RATE_LIMIT;
  }

  /**
   * The address the standalone server binds.
   *
   * @return the host, default {@value #DEFAULT_HOST}
   */
  public String getHost() {
    return host;
  }

  /**
   * Sets the address the standalone server binds. Anything but loopback needs an auth token or
   * {@code allowAnonymous}.
   *
   * @param host a host name or literal address (e.g. {@code 0.0.0.0})
   * @return this
   */
  public GatewayOptions setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host: must not be blank");
    }
    this.host = host.trim();
    return this;
  }

  /**
   * The port of the standalone server.
   *
   * @return the port, default {@value #DEFAULT_PORT}; 0 lets the OS choose
   */
  public int getPort() {
    return port;
  }

  /**
   * Sets the port of the standalone server.
   *
   * @param port 0 (OS-chosen) to 65535
   * @return this
   */
  public GatewayOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: must be between 0 and 65535");
    }
    this.port = port;
    return this;
  }

  /**
   * The bearer token {@code /token} callers must present.
   *
   * @return the token, or {@code null} for none (default)
   */
  public String getAuthToken() {
    return authToken;
  }

  /**
   * Sets the bearer token every {@code /token} call must present as {@code Authorization: Bearer <token>}
   * (compared in constant time).
   *
   * @param authToken the token, or {@code null} for none
   * @return this
   */
  public GatewayOptions setAuthToken(String authToken) {
    this.authToken = authToken;
    return this;
  }

  /**
   * Whether anonymous access is allowed on a non-loopback address.
   *
   * @return default {@value #DEFAULT_ALLOW_ANONYMOUS}
   */
  public boolean isAllowAnonymous() {
    return allowAnonymous;
  }

  /**
   * Allows serving without an auth token on a non-loopback address (for a gateway behind a proxy that
   * authenticates).
   *
   * @param allowAnonymous true to allow
   * @return this
   */
  public GatewayOptions setAllowAnonymous(boolean allowAnonymous) {
    this.allowAnonymous = allowAnonymous;
    return this;
  }

  /**
   * The per-client rate limit as configured.
   *
   * @return requests per second per remote address; 0 off; {@value #DEFAULT_RATE_LIMIT} (default) automatic,
   *     see {@link #effectiveRateLimit()}
   */
  public int getRateLimit() {
    return rateLimit;
  }

  /**
   * Sets the per-client rate limit: a token bucket per remote address refilling this many per second, with a
   * burst of the same size. Over it, {@code /token} answers 429 with {@code Retry-After}.
   *
   * @param rateLimit requests per second, 0 for none, -1 for automatic
   * @return this
   */
  public GatewayOptions setRateLimit(int rateLimit) {
    if (rateLimit < -1) {
      throw new IllegalArgumentException("rateLimit: must be -1 (automatic), 0 (off) or positive");
    }
    this.rateLimit = rateLimit;
    return this;
  }

  /**
   * The most remote addresses the rate limiter tracks.
   *
   * @return default {@value #DEFAULT_RATE_LIMIT_MAX_CLIENTS}
   */
  public int getRateLimitMaxClients() {
    return rateLimitMaxClients;
  }

  /**
   * Sets the most remote addresses the rate limiter tracks at once.
   *
   * @param rateLimitMaxClients at least 1
   * @return this
   */
  public GatewayOptions setRateLimitMaxClients(int rateLimitMaxClients) {
    if (rateLimitMaxClients < 1) {
      throw new IllegalArgumentException("rateLimitMaxClients: must be at least 1");
    }
    this.rateLimitMaxClients = rateLimitMaxClients;
    return this;
  }

  /**
   * The browser origins allowed to call the gateway cross-origin.
   *
   * @return an unmodifiable list, empty by default (no cross-origin access)
   */
  public List<String> getCorsOrigins() {
    return Collections.unmodifiableList(corsOrigins);
  }

  /**
   * Allows one browser origin (exact match, e.g. {@code https://app.example.com}) to call the gateway
   * cross-origin. Preflights from any other origin are refused with 403.
   *
   * @param origin scheme, host and optional port, without a path
   * @return this
   */
  public GatewayOptions addCorsOrigin(String origin) {
    if (origin == null || !origin.matches("https?://[^/\\s]+")) {
      throw new IllegalArgumentException("corsOrigins: '" + origin
          + "' is not an origin (scheme://host[:port], no path; '*' is not allowed)");
    }
    corsOrigins.add(origin);
    return this;
  }

  /**
   * The largest request body accepted on {@code /token}.
   *
   * @return bytes, default {@value #DEFAULT_MAX_BODY_BYTES}
   */
  public long getMaxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Sets the largest request body accepted on {@code /token}; larger ones get 413.
   *
   * @param maxBodyBytes bytes, 0 or more
   * @return this
   */
  public GatewayOptions setMaxBodyBytes(long maxBodyBytes) {
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes: must be 0 or more");
    }
    this.maxBodyBytes = maxBodyBytes;
    return this;
  }

  /**
   * How long a {@code /token} call waits for a secret.
   *
   * @return default 10 s ({@link #DEFAULT_TOKEN_TIMEOUT})
   */
  public Duration getTokenTimeout() {
    return tokenTimeout;
  }

  /**
   * Sets how long a {@code /token} call waits for a secret before answering 503.
   *
   * @param tokenTimeout a positive duration
   * @return this
   */
  public GatewayOptions setTokenTimeout(Duration tokenTimeout) {
    this.tokenTimeout = positive("tokenTimeout", tokenTimeout);
    return this;
  }

  /**
   * The {@code Retry-After} of a 503 when its cause gives none.
   *
   * @return default 1 s ({@link #DEFAULT_RETRY_AFTER})
   */
  public Duration getRetryAfter() {
    return retryAfter;
  }

  /**
   * Sets the {@code Retry-After} of a 503 when its cause gives none (rounded up to whole seconds).
   *
   * @param retryAfter a positive duration
   * @return this
   */
  public GatewayOptions setRetryAfter(Duration retryAfter) {
    this.retryAfter = positive("retryAfter", retryAfter);
    return this;
  }

  /**
   * A ceiling on upstream mint calls per second for all pools of this gateway together: they spend one
   * organisation's rate limit, so they share one {@link io.realtimesecrets.pool.MintBudget} (it replaces any
   * per-profile pool budget or {@code maxMintRate}). Mints are spread evenly; {@code 0} sets no ceiling.
   * With {@link #getRedisUrl() redisUrl} it is the ceiling of the whole fleet of replicas using that Redis.
   *
   * @return mints per second; default {@value #DEFAULT_MINT_RATE_LIMIT} (none)
   */
  public double getMintRateLimit() {
    return mintRateLimit;
  }

  /**
   * Sets the shared ceiling on mint calls per second (see {@link #getMintRateLimit()}).
   *
   * @param mintRateLimit mints per second, {@code 0} for none
   * @return this
   * @throws IllegalArgumentException when negative or not finite
   */
  public GatewayOptions setMintRateLimit(double mintRateLimit) {
    if (!(mintRateLimit >= 0) || Double.isInfinite(mintRateLimit)) {
      throw new IllegalArgumentException("mintRateLimit: must be a finite number, 0 or more");
    }
    this.mintRateLimit = mintRateLimit;
    return this;
  }

  /**
   * The Redis that gateway replicas share their mint budget through. With it, {@link #getMintRateLimit()} is
   * the ceiling of the whole fleet (every gateway using this Redis), spent through one
   * {@code io.realtimesecrets.redis.RedisMintBudget}, and a {@code 429} with {@code Retry-After} seen by one
   * replica pauses them all. Needs {@code mintRateLimit} and {@code io.vertx:vertx-redis-client} on the
   * class path. Never in {@link #toJson()} nor {@link #toString()}: it may hold Redis's password.
   *
   * @return {@code redis://[:PASSWORD@]HOST[:PORT][/DB]} or {@code rediss://...} (TLS), or {@code null}
   *     (default {@link #DEFAULT_REDIS_URL}) for a budget of this gateway's own
   */
  public String getRedisUrl() {
    return redisUrl;
  }

  /**
   * Sets the Redis of the fleet's shared mint budget (see {@link #getRedisUrl()}).
   *
   * @param redisUrl a {@code redis://} or {@code rediss://} URL, or {@code null} for none
   * @return this
   * @throws IllegalArgumentException when it is not such a URL (the message does not repeat it)
   */
  public GatewayOptions setRedisUrl(String redisUrl) {
    if (redisUrl != null && !(redisUrl.startsWith("redis://") || redisUrl.startsWith("rediss://"))) {
      throw new IllegalArgumentException("redisUrl: " + REDIS_URL_RULE);
    }
    this.redisUrl = redisUrl;
    return this;
  }

  /**
   * How many gateway replicas share the Redis mint budget. Used only while Redis is down: each replica then
   * mints at most {@code mintRateLimit / replicas} per second on its own, so the fleet stays under its
   * ceiling.
   *
   * @return default {@value #DEFAULT_REPLICAS}
   */
  public int getReplicas() {
    return replicas;
  }

  /**
   * Sets how many replicas share the Redis mint budget (see {@link #getReplicas()}).
   *
   * @param replicas 1 or more
   * @return this
   */
  public GatewayOptions setReplicas(int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas: must be 1 or more");
    }
    this.replicas = replicas;
    return this;
  }

  /**
   * Whether the pooled profiles share their stock with every replica using {@link #getRedisUrl() redisUrl}:
   * a secret one replica minted may be handed out by another, each to exactly one caller, so the fleet holds
   * one stock sized to its demand rather than one per replica. One Redis stock per profile (key
   * {@code realtime-secrets:stock:PROFILE}); the secrets are stored encrypted with the AES key in the
   * environment variable {@code REALTIME_SECRETS_STOCK_KEY} (the same on every replica). Needs
   * {@code redisUrl}. While Redis is down each replica serves from its own stock and mints.
   *
   * @return default {@value #DEFAULT_SHARED_STOCK}
   */
  public boolean isSharedStock() {
    return sharedStock;
  }

  /**
   * Sets whether the pooled profiles share their stock through Redis (see {@link #isSharedStock()}).
   *
   * @param sharedStock {@code true} to share
   * @return this
   */
  public GatewayOptions setSharedStock(boolean sharedStock) {
    this.sharedStock = sharedStock;
    return this;
  }

  /**
   * The AES key the shared stock's secrets are encrypted with, base64. Never in {@link #toJson()} nor
   * {@link #toString()}.
   *
   * @return the key, or {@code null} (default) to read it from the environment variable
   *     {@code REALTIME_SECRETS_STOCK_KEY} when the gateway is created
   */
  public String getSharedStockKey() {
    return sharedStockKey;
  }

  /**
   * Sets the AES key of the shared stock (see {@link #getSharedStockKey()}); the same on every replica.
   *
   * @param base64 the base64 of 16, 24 or 32 random bytes ({@code openssl rand -base64 32}), or {@code null}
   *     for the environment variable
   * @return this
   * @throws IllegalArgumentException when it is not (the message does not repeat it)
   */
  public GatewayOptions setSharedStockKey(String base64) {
    if (base64 != null) {
      byte[] key;
      try {
        key = java.util.Base64.getDecoder().decode(base64.trim());
      } catch (IllegalArgumentException e) {
        key = new byte[0];
      }
      if (key.length != 16 && key.length != 24 && key.length != 32) {
        throw new IllegalArgumentException("sharedStockKey: " + SHARED_STOCK_KEY_RULE);
      }
    }
    this.sharedStockKey = base64 == null ? null : base64.trim();
    return this;
  }

  /**
   * Vert.x Redis client options, in their JSON form, for the fleet's Redis: how to reach a Redis Sentinel
   * ({@code {"type": "SENTINEL", "masterName": "mymaster", "role": "MASTER", "endpoints": [...]}}) or a
   * Redis Cluster ({@code {"type": "CLUSTER", "endpoints": [...]}}), pool sizes, TLS details. They pass
   * through to {@code io.vertx.redis.client.RedisOptions} as given; {@link #getRedisUrl() redisUrl} is the
   * first endpoint, and with a type other than {@code STANDALONE} the {@code endpoints} listed here follow it.
   * Never in {@link #toJson()} nor {@link #toString()}: endpoints may hold passwords.
   *
   * @return a copy of the options, or {@code null} (default): a single Redis at {@code redisUrl}
   */
  public JsonObject getRedisOptions() {
    return redisOptions == null ? null : redisOptions.copy();
  }

  /**
   * Sets the Vert.x Redis client options of the fleet's Redis (see {@link #getRedisOptions()}).
   *
   * @param redisOptions the JSON form of {@code io.vertx.redis.client.RedisOptions}, or {@code null}
   * @return this
   * @throws IllegalArgumentException when {@code type} is not one of {@code STANDALONE}, {@code SENTINEL},
   *     {@code CLUSTER}, {@code REPLICATION}, or {@code endpoints} is not an array of redis:// or rediss://
   *     URLs
   */
  public GatewayOptions setRedisOptions(JsonObject redisOptions) {
    if (redisOptions != null) {
      Object type = redisOptions.getValue("type");
      if (type != null && !Set.of("STANDALONE", "SENTINEL", "CLUSTER", "REPLICATION").contains(type)) {
        throw new IllegalArgumentException("redisOptions.type: must be STANDALONE, SENTINEL, CLUSTER or "
            + "REPLICATION, got " + (type instanceof String ? "\"" + type + "\"" : "a " + kind(type)));
      }
      Object endpoints = redisOptions.getValue("endpoints");
      if (endpoints != null && !(endpoints instanceof JsonArray a && a.stream().allMatch(e -> e instanceof String u
          && (u.startsWith("redis://") || u.startsWith("rediss://"))))) {
        // never echo them: an endpoint may hold a password
        throw new IllegalArgumentException("redisOptions.endpoints: must be an array of redis:// or rediss:// "
            + "URLs");
      }
    }
    this.redisOptions = redisOptions == null ? null : redisOptions.copy();
    return this;
  }

  private static String kind(Object value) {
    return value instanceof Number ? "number" : value instanceof Boolean ? "boolean"
        : value instanceof JsonObject ? "object" : value instanceof JsonArray ? "array" : "value";
  }

  /** What a valid shared stock key is, for messages that name where it came from. */
  public static final String SHARED_STOCK_KEY_RULE = "must be the base64 of 16, 24 or 32 random bytes "
      + "(openssl rand -base64 32), the same on every replica";

  /**
   * How long {@link TokenGateway#close()} waits for calls in flight.
   *
   * @return default 10 s ({@link #DEFAULT_SHUTDOWN_GRACE})
   */
  public Duration getShutdownGrace() {
    return shutdownGrace;
  }

  /**
   * Sets how long {@link TokenGateway#close()} waits for {@code /token} calls in flight before closing the
   * pools.
   *
   * @param shutdownGrace zero or more
   * @return this
   */
  public GatewayOptions setShutdownGrace(Duration shutdownGrace) {
    if (shutdownGrace == null || shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdownGrace: must be zero or more");
    }
    this.shutdownGrace = shutdownGrace;
    return this;
  }

  /**
   * Whether each {@code /token} call is logged (profile, status, latency; never a secret nor a header).
   *
   * @return default {@value #DEFAULT_ACCESS_LOG}
   */
  public boolean isAccessLog() {
    return accessLog;
  }

  /**
   * Turns the access log ({@code System.Logger} {@code io.realtimesecrets.gateway.access}, level INFO) on
   * or off.
   *
   * @param accessLog true to log
   * @return this
   */
  public GatewayOptions setAccessLog(boolean accessLog) {
    this.accessLog = accessLog;
    return this;
  }

  /**
   * The request header that carries the caller identity for per-user profiles when no application handler
   * set one.
   *
   * @return the header name, or {@code null} (default)
   */
  public String getIdentityHeader() {
    return identityHeader;
  }

  /**
   * Sets the request header that carries the caller identity for per-user profiles (standalone use). Only
   * set it when a trusted proxy in front of the gateway sets the header and strips it from client requests:
   * the gateway cannot tell a forged value.
   *
   * @param identityHeader a header name, or {@code null}
   * @return this
   */
  public GatewayOptions setIdentityHeader(String identityHeader) {
    this.identityHeader = identityHeader == null || identityHeader.isBlank() ? null : identityHeader.trim();
    return this;
  }

  /**
   * How users' JWT access tokens are verified.
   *
   * @return the options (live; copied by the gateway), or {@code null} (default: no JWT verification)
   */
  public JwtOptions getJwt() {
    return jwt;
  }

  /**
   * Requires a JWT access token on {@code /token} (see {@link JwtOptions}). With it, the standalone server may
   * bind a non-loopback address without an auth token. When an auth token is set too, either is accepted.
   *
   * @param jwt the options (copied), or {@code null} for none
   * @return this
   */
  public GatewayOptions setJwt(JwtOptions jwt) {
    this.jwt = jwt == null ? null : new JwtOptions(jwt);
    return this;
  }

  /**
   * The idle timeout of the standalone server's connections.
   *
   * @return default 30 s ({@link #DEFAULT_IDLE_TIMEOUT})
   */
  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  /**
   * Sets how long a connection of the standalone server may stay with nothing read or written before it is
   * closed (whole milliseconds).
   *
   * @param idleTimeout a positive duration
   * @return this
   */
  public GatewayOptions setIdleTimeout(Duration idleTimeout) {
    this.idleTimeout = positive("idleTimeout", idleTimeout);
    return this;
  }

  /**
   * The per-user rate limit.
   *
   * @return secrets per minute per caller, 0 (default) for none
   */
  public int getUserRateLimit() {
    return userRateLimit;
  }

  /**
   * Limits each caller (the JWT's user claim, the application's {@link TokenGateway#USER_ID_KEY}, or the
   * identity header) to this many {@code /token} calls per minute, with a burst of the same size; over it,
   * 429 with {@code Retry-After}. Callers without an identity are limited by address only. At most
   * {@link #getRateLimitMaxClients()} callers are tracked at once.
   *
   * @param userRateLimit calls per minute, 0 for none
   * @return this
   */
  public GatewayOptions setUserRateLimit(int userRateLimit) {
    if (userRateLimit < 0) {
      throw new IllegalArgumentException("userRateLimit: must be 0 (off) or positive");
    }
    this.userRateLimit = userRateLimit;
    return this;
  }

  /**
   * The request-read timeout of the standalone server.
   *
   * @return default 10 s ({@link #DEFAULT_READ_TIMEOUT})
   */
  public Duration getReadTimeout() {
    return readTimeout;
  }

  /**
   * Sets the request-read timeout of the standalone server: a connection on which no complete request head
   * arrives within this time of its opening (or of the previous answer) is closed, and so is one whose
   * request body does not end within this time of its head. A kept-alive connection without a new request
   * is therefore closed within one to two read timeouts of its last answer, or at the idle timeout if that
   * comes first.
   *
   * @param readTimeout a positive duration
   * @return this
   */
  public GatewayOptions setReadTimeout(Duration readTimeout) {
    this.readTimeout = positive("readTimeout", readTimeout);
    return this;
  }

  /**
   * The most open connections of the standalone server.
   *
   * @return default {@value #DEFAULT_MAX_CONNECTIONS}
   */
  public int getMaxConnections() {
    return maxConnections;
  }

  /**
   * Sets the most connections the standalone server keeps open at once (over all its event loops); one
   * beyond it is closed as soon as it is accepted, without an answer.
   *
   * @param maxConnections at least 1
   * @return this
   */
  public GatewayOptions setMaxConnections(int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections: must be at least 1");
    }
    this.maxConnections = maxConnections;
    return this;
  }

  /**
   * The log format of the standalone server ({@code serve}): {@code text} or {@code json}.
   *
   * @return default {@value #DEFAULT_LOG_FORMAT}
   */
  public String getLogFormat() {
    return logFormat;
  }

  /**
   * Sets the log format of the standalone server: {@code text} (human-readable lines) or {@code json} (one
   * JSON object per line: time, level, logger, message, and the access lines' fields). Only {@code serve}
   * reads it; an embedded gateway logs through the application's logging.
   *
   * @param logFormat {@code text} or {@code json}
   * @return this
   */
  public GatewayOptions setLogFormat(String logFormat) {
    if (!"text".equals(logFormat) && !"json".equals(logFormat)) {
      throw new IllegalArgumentException("logFormat: must be text or json");
    }
    this.logFormat = logFormat;
    return this;
  }

  /**
   * Whether the {@code /demo} page is served.
   *
   * @return default {@value #DEFAULT_DEMO}
   */
  public boolean isDemo() {
    return demo;
  }

  /**
   * Serves {@code /demo}: a page showing what a front-end does with the gateway (get a token with the
   * user's JWT, show its session and remaining life, open the Realtime session). For trying the gateway
   * out; it reveals nothing a front-end could not see.
   *
   * @param demo true to serve it
   * @return this
   */
  public GatewayOptions setDemo(boolean demo) {
    this.demo = demo;
    return this;
  }

  /**
   * The {@code Host} names added to those the gateway serves.
   *
   * @return an unmodifiable list, empty by default
   */
  public List<String> getAllowedHosts() {
    return Collections.unmodifiableList(allowedHosts);
  }

  /**
   * Adds a {@code Host} name the gateway serves (against DNS rebinding: a page on an attacker's domain that
   * resolves to the gateway sends that domain as {@code Host}). Requests naming any other host get 421
   * {@code misdirected_request}.
   *
   * <p>The standalone server always checks: it serves {@code localhost}, {@code 127.0.0.1}, {@code [::1]},
   * the address it binds and these names (each with or without a port). A {@link TokenGateway#router()
   * mounted router} checks only when at least one name is added here (it cannot know the names the
   * application serves).
   *
   * @param host a host name or literal address, without a port (e.g. {@code tokens.example.com});
   *     matched case-insensitively
   * @return this
   */
  public GatewayOptions addAllowedHost(String host) {
    if (host == null || host.isBlank() || host.contains("/") || host.contains(" ")) {
      throw new IllegalArgumentException("allowedHosts: '" + host + "' is not a host name");
    }
    allowedHosts.add(host.trim().toLowerCase(java.util.Locale.ROOT));
    return this;
  }

  /**
   * The proxies whose {@code X-Forwarded-For} the rate limiter believes.
   *
   * @return an unmodifiable list of CIDR blocks, empty by default (the socket's remote address is the
   *     client)
   */
  public List<String> getTrustedProxies() {
    return Collections.unmodifiableList(trustedProxies);
  }

  /**
   * Trusts the proxies in one address block: when a request comes from one of them, the rate limiter keys
   * on the right-most {@code X-Forwarded-For} hop that is not itself a trusted proxy, instead of the socket's
   * remote address. {@code X-Forwarded-For} from any other peer is ignored (anyone can write it).
   *
   * @param cidr an IPv4 or IPv6 block such as {@code 10.0.0.0/8} or {@code fd00::/8}, or a single address
   * @return this
   */
  public GatewayOptions addTrustedProxy(String cidr) {
    io.realtimesecrets.gateway.impl.ClientAddress.parseCidr(cidr);
    trustedProxies.add(cidr.trim());
    return this;
  }

  /**
   * Whether the application says it authenticates and rate-limits the requests that reach a mounted router.
   *
   * @return default {@value #DEFAULT_APP_HANDLES_AUTH_AND_RATE_LIMIT}
   */
  public boolean isAppHandlesAuthAndRateLimit() {
    return appHandlesAuthAndRateLimit;
  }

  /**
   * Says that the application authenticates and rate-limits requests in front of the router it mounts, which
   * silences the warning {@link TokenGateway#router()} logs when the gateway itself has neither an auth
   * token nor a rate limit.
   *
   * @param appHandlesAuthAndRateLimit true when the application protects the router
   * @return this
   */
  public GatewayOptions setAppHandlesAuthAndRateLimit(boolean appHandlesAuthAndRateLimit) {
    this.appHandlesAuthAndRateLimit = appHandlesAuthAndRateLimit;
    return this;
  }

  /**
   * The profile {@code /token} serves.
   *
   * @return the name, default {@value GatewayProfile#DEFAULT_NAME}
   */
  public String getDefaultProfile() {
    return defaultProfile;
  }

  /**
   * Sets the profile {@code /token} serves (one of {@link #getProfiles()}).
   *
   * @param defaultProfile a profile name
   * @return this
   */
  public GatewayOptions setDefaultProfile(String defaultProfile) {
    this.defaultProfile = Objects.requireNonNull(defaultProfile, "defaultProfile");
    return this;
  }

  /**
   * The profiles by name; when none was added, the built-in {@link GatewayProfile#defaultProfile()}.
   *
   * @return an unmodifiable map in configuration order
   */
  public Map<String, GatewayProfile> getProfiles() {
    if (profiles.isEmpty()) {
      return Map.of(GatewayProfile.DEFAULT_NAME, GatewayProfile.defaultProfile());
    }
    return Collections.unmodifiableMap(profiles);
  }

  /**
   * Adds (or replaces) a profile. Once any profile is added, the built-in default profile is no longer
   * served unless added too.
   *
   * @param profile the profile
   * @return this
   */
  public GatewayOptions addProfile(GatewayProfile profile) {
    Objects.requireNonNull(profile, "profile");
    profiles.put(profile.name(), profile);
    return this;
  }

  /**
   * The configuration file the profiles came from.
   *
   * @return the file name as given, or {@code null}
   */
  public String getConfigFile() {
    return configFile;
  }

  /**
   * The options of the client {@link TokenGateway#create(io.vertx.core.Vertx, GatewayOptions)} creates.
   *
   * @return the options (live; copied by the gateway)
   */
  public RealtimeSecretsClientOptions getClientOptions() {
    return clientOptions;
  }

  /**
   * Sets the options of the client {@link TokenGateway#create(io.vertx.core.Vertx, GatewayOptions)} creates
   * (ignored when a client is passed in).
   *
   * @param clientOptions the options (copied)
   * @return this
   */
  public GatewayOptions setClientOptions(RealtimeSecretsClientOptions clientOptions) {
    this.clientOptions = new RealtimeSecretsClientOptions(Objects.requireNonNull(clientOptions, "clientOptions"));
    return this;
  }

  /**
   * The application's OpenTelemetry, which records the spans of {@code /token} calls (and, for a gateway that
   * builds its own client, the client's mints too; see {@link RealtimeSecretsClientOptions#getOpenTelemetry()}).
   * Typed {@code Object} so that this class loads, and its options can be read reflectively, without the
   * optional OpenTelemetry API on the class path. Not in {@link #toJson()}: it is an object, not a setting.
   *
   * @return an {@code io.opentelemetry.api.OpenTelemetry}, or {@code null} (default) for
   *     {@code GlobalOpenTelemetry} when the API is on the class path, and no tracing otherwise
   */
  public Object getOpenTelemetry() {
    return openTelemetry;
  }

  /**
   * Sets the application's OpenTelemetry (see {@link #getOpenTelemetry()}).
   *
   * @param openTelemetry an {@code io.opentelemetry.api.OpenTelemetry}, or {@code null} for the global one
   * @return this
   * @throws IllegalArgumentException when it is not an {@code io.opentelemetry.api.OpenTelemetry}
   */
  public GatewayOptions setOpenTelemetry(Object openTelemetry) {
    this.openTelemetry = ClientTracing.requireOpenTelemetry("openTelemetry", openTelemetry);
    return this;
  }

  @Override
  public String toString() {
    return "GatewayOptions{host=" + host + ", port=" + port + ", authToken=" + (authToken == null ? "none" : "set")
        + ", allowAnonymous=" + allowAnonymous + ", rateLimit=" + rateLimit + ", corsOrigins=" + corsOrigins
        + ", jwt=" + jwt + ", userRateLimit=" + userRateLimit
        + ", allowedHosts=" + allowedHosts + ", trustedProxies=" + trustedProxies
        + ", maxConnections=" + maxConnections + ", readTimeout=" + readTimeout + ", idleTimeout=" + idleTimeout
        + ", redis=" + (redisUrl == null ? "none" : "set") + ", sharedStock=" + sharedStock
        + ", defaultProfile=" + defaultProfile + ", profiles=" + getProfiles().keySet() + '}';
  }

  private static final String REDIS_URL_RULE = "must be a redis://HOST:PORT or rediss://HOST:PORT URL";

  private static Duration positive(String name, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + ": must be positive");
    }
    return d;
  }
}
