package io.realtimesecrets.client;

import io.realtimesecrets.client.impl.ClientTracing;
import io.realtimesecrets.model.Redaction;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.TrustOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of a {@link RealtimeSecretsClient}. A mutable bean with fluent setters; the client copies it
 * at creation. Every default is a {@code DEFAULT_*} constant. The API key never appears in {@link #toJson()}
 * nor {@link #toString()}.
 */
public class RealtimeSecretsClientOptions {

  /** Default base URL = {@code https://api.openai.com/v1}. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  /**
   * Default maximum number of pooled HTTP/1.1 connections to the upstream = 256. Connections are opened
   * only when every open one is busy and closed after {@link #DEFAULT_IDLE_TIMEOUT} unused, so a client that
   * mints a few secrets a second holds a few connections; the bound is what a burst may open. Sized so 256
   * mints in flight never wait for a connection (at 50 ms upstream latency 64 connections capped a client at
   * about 1,200 mints/s); 256 TLS connections cost a few MiB of buffers.
   */
  public static final int DEFAULT_MAX_CONNECTIONS = 256;
  /**
   * Default HTTP/2 = true: over TLS the client offers {@code h2} and {@code http/1.1} through ALPN and speaks
   * whichever the server picks (OpenAI picks {@code h2}: many mints share one connection); over cleartext it
   * speaks HTTP/1.1 unless {@link #DEFAULT_HTTP2_PRIOR_KNOWLEDGE prior knowledge} is turned on.
   */
  public static final boolean DEFAULT_HTTP2 = true;
  /**
   * Default HTTP/2 over cleartext with prior knowledge = false: an {@code http://} upstream may well speak
   * HTTP/1.1 only, and a prior-knowledge preface would fail every call against it.
   */
  public static final boolean DEFAULT_HTTP2_PRIOR_KNOWLEDGE = false;
  /**
   * Default maximum number of HTTP/2 connections = 4. Each carries as many concurrent mints as the server
   * allows ({@code SETTINGS_MAX_CONCURRENT_STREAMS}: 100 on the mock and on many servers, usually more on
   * OpenAI's edge); a new connection opens only when the open ones are full, so 4 carry 400 or more in flight.
   */
  public static final int DEFAULT_HTTP2_MAX_CONNECTIONS = 4;
  /** Default TCP connect timeout = 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default time after which an unused pooled connection is closed = 60 s. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  /**
   * Default timeout of one HTTP attempt, from asking the pool for a connection to the last byte of the
   * answer = 20 s. A stalled attempt fails with {@link UpstreamTimeoutException} and its connection is closed.
   */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(20);
  /** Default overall deadline of one call, retries and their waits included = 60 s. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
  /** Default number of retries after the first attempt = 2 (as the official OpenAI SDKs). */
  public static final int DEFAULT_MAX_RETRIES = 2;
  /** Default first retry delay cap = 500 ms (as the official SDKs); doubles each retry, full jitter. */
  public static final Duration DEFAULT_INITIAL_RETRY_DELAY = Duration.ofMillis(500);
  /** Default largest retry delay = 8 s (as the official SDKs). */
  public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(8);
  /** Default largest response body accepted = 1 MiB (a real mint answer is a few KiB). */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
  /** Default {@code User-Agent} = {@code realtime-secrets/0.1}. */
  public static final String DEFAULT_USER_AGENT = "realtime-secrets/0.1";

  private String baseUrl = DEFAULT_BASE_URL;
  private String apiKey;
  private String apiKeyHeader;
  private String organization;
  private String project;
  private Map<String, String> headers = new LinkedHashMap<>();
  private int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private boolean http2 = DEFAULT_HTTP2;
  private boolean http2PriorKnowledge = DEFAULT_HTTP2_PRIOR_KNOWLEDGE;
  private int http2MaxConnections = DEFAULT_HTTP2_MAX_CONNECTIONS;
  private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
  private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
  private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
  private int maxRetries = DEFAULT_MAX_RETRIES;
  private Duration initialRetryDelay = DEFAULT_INITIAL_RETRY_DELAY;
  private Duration maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;
  private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
  private String userAgent = DEFAULT_USER_AGENT;
  private List<String> pemCaCertPaths = new ArrayList<>();
  private TrustOptions trustOptions;
  private boolean trustAllInsecure;
  private Object openTelemetry;

  /** Options with every default. */
  public RealtimeSecretsClientOptions() {
  }

  /**
   * Copy constructor.
   *
   * @param other the options to copy
   */
  public RealtimeSecretsClientOptions(RealtimeSecretsClientOptions other) {
    this.baseUrl = other.baseUrl;
    this.apiKey = other.apiKey;
    this.apiKeyHeader = other.apiKeyHeader;
    this.organization = other.organization;
    this.project = other.project;
    this.headers = new LinkedHashMap<>(other.headers);
    this.maxConnections = other.maxConnections;
    this.http2 = other.http2;
    this.http2PriorKnowledge = other.http2PriorKnowledge;
    this.http2MaxConnections = other.http2MaxConnections;
    this.connectTimeout = other.connectTimeout;
    this.idleTimeout = other.idleTimeout;
    this.attemptTimeout = other.attemptTimeout;
    this.callTimeout = other.callTimeout;
    this.maxRetries = other.maxRetries;
    this.initialRetryDelay = other.initialRetryDelay;
    this.maxRetryDelay = other.maxRetryDelay;
    this.maxResponseBytes = other.maxResponseBytes;
    this.userAgent = other.userAgent;
    this.pemCaCertPaths = new ArrayList<>(other.pemCaCertPaths);
    this.trustOptions = other.trustOptions == null ? null : other.trustOptions.copy();
    this.trustAllInsecure = other.trustAllInsecure;
    this.openTelemetry = other.openTelemetry;
  }

  /**
   * Reads options from JSON with the same names as the getters (durations in milliseconds with an
   * {@code Millis} suffix, for example {@code attemptTimeoutMillis}). Unknown keys are ignored.
   *
   * @param json the JSON
   */
  public RealtimeSecretsClientOptions(JsonObject json) {
    this();
    if (json.containsKey("baseUrl")) {
      setBaseUrl(json.getString("baseUrl"));
    }
    if (json.containsKey("apiKey")) {
      setApiKey(json.getString("apiKey"));
    }
    if (json.containsKey("apiKeyHeader")) {
      setApiKeyHeader(json.getString("apiKeyHeader"));
    }
    if (json.containsKey("organization")) {
      setOrganization(json.getString("organization"));
    }
    if (json.containsKey("project")) {
      setProject(json.getString("project"));
    }
    JsonObject h = json.getJsonObject("headers");
    if (h != null) {
      h.forEach(e -> putHeader(e.getKey(), String.valueOf(e.getValue())));
    }
    if (json.containsKey("maxConnections")) {
      setMaxConnections(json.getInteger("maxConnections"));
    }
    if (json.containsKey("http2")) {
      setHttp2(json.getBoolean("http2"));
    }
    if (json.containsKey("http2PriorKnowledge")) {
      setHttp2PriorKnowledge(json.getBoolean("http2PriorKnowledge"));
    }
    if (json.containsKey("http2MaxConnections")) {
      setHttp2MaxConnections(json.getInteger("http2MaxConnections"));
    }
    if (json.containsKey("connectTimeoutMillis")) {
      setConnectTimeout(Duration.ofMillis(json.getLong("connectTimeoutMillis")));
    }
    if (json.containsKey("idleTimeoutMillis")) {
      setIdleTimeout(Duration.ofMillis(json.getLong("idleTimeoutMillis")));
    }
    if (json.containsKey("attemptTimeoutMillis")) {
      setAttemptTimeout(Duration.ofMillis(json.getLong("attemptTimeoutMillis")));
    }
    if (json.containsKey("callTimeoutMillis")) {
      setCallTimeout(Duration.ofMillis(json.getLong("callTimeoutMillis")));
    }
    if (json.containsKey("maxRetries")) {
      setMaxRetries(json.getInteger("maxRetries"));
    }
    if (json.containsKey("initialRetryDelayMillis")) {
      setInitialRetryDelay(Duration.ofMillis(json.getLong("initialRetryDelayMillis")));
    }
    if (json.containsKey("maxRetryDelayMillis")) {
      setMaxRetryDelay(Duration.ofMillis(json.getLong("maxRetryDelayMillis")));
    }
    if (json.containsKey("maxResponseBytes")) {
      setMaxResponseBytes(json.getInteger("maxResponseBytes"));
    }
    if (json.containsKey("userAgent")) {
      setUserAgent(json.getString("userAgent"));
    }
    if (json.containsKey("pemCaCertPaths")) {
      json.getJsonArray("pemCaCertPaths").forEach(p -> addPemCaCertPath(String.valueOf(p)));
    }
    if (json.containsKey("trustAllInsecure")) {
      setTrustAllInsecure(json.getBoolean("trustAllInsecure"));
    }
  }

  /**
   * Options from the environment, as the official SDKs read it: {@code OPENAI_API_KEY},
   * {@code OPENAI_BASE_URL} (default {@value #DEFAULT_BASE_URL}), {@code OPENAI_ORG_ID},
   * {@code OPENAI_PROJECT_ID}. Unset variables leave the defaults.
   *
   * @return new options
   */
  public static RealtimeSecretsClientOptions fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * As {@link #fromEnv()}, reading the given map instead of the process environment (for tests).
   *
   * @param env the environment
   * @return new options
   */
  public static RealtimeSecretsClientOptions fromEnv(Map<String, String> env) {
    RealtimeSecretsClientOptions o = new RealtimeSecretsClientOptions();
    String key = env.get("OPENAI_API_KEY");
    if (key != null && !key.isBlank()) {
      o.setApiKey(key.trim());
    }
    String base = env.get("OPENAI_BASE_URL");
    if (base != null && !base.isBlank()) {
      o.setBaseUrl(base.trim());
    }
    String org = env.get("OPENAI_ORG_ID");
    if (org != null && !org.isBlank()) {
      o.setOrganization(org.trim());
    }
    String project = env.get("OPENAI_PROJECT_ID");
    if (project != null && !project.isBlank()) {
      o.setProject(project.trim());
    }
    return o;
  }

  /**
   * The options as JSON, in the form {@link #RealtimeSecretsClientOptions(JsonObject)} reads. The API key is
   * left out; trust options other than PEM paths are left out.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("baseUrl", baseUrl)
        .put("maxConnections", maxConnections)
        .put("http2", http2)
        .put("http2PriorKnowledge", http2PriorKnowledge)
        .put("http2MaxConnections", http2MaxConnections)
        .put("connectTimeoutMillis", connectTimeout.toMillis())
        .put("idleTimeoutMillis", idleTimeout.toMillis())
        .put("attemptTimeoutMillis", attemptTimeout.toMillis())
        .put("callTimeoutMillis", callTimeout.toMillis())
        .put("maxRetries", maxRetries)
        .put("initialRetryDelayMillis", initialRetryDelay.toMillis())
        .put("maxRetryDelayMillis", maxRetryDelay.toMillis())
        .put("maxResponseBytes", maxResponseBytes)
        .put("userAgent", userAgent)
        .put("trustAllInsecure", trustAllInsecure);
    if (apiKeyHeader != null) {
      json.put("apiKeyHeader", apiKeyHeader);
    }
    if (organization != null) {
      json.put("organization", organization);
    }
    if (project != null) {
      json.put("project", project);
    }
    if (!headers.isEmpty()) {
      JsonObject h = new JsonObject();
      // a credential put into an extra header must not leave through JSON either
      headers.forEach((k, v) -> h.put(k, isCredentialHeader(k) ? Redaction.redact(v) : v));
      json.put("headers", h);
    }
    if (!pemCaCertPaths.isEmpty()) {
      json.put("pemCaCertPaths", new io.vertx.core.json.JsonArray(new ArrayList<>(pemCaCertPaths)));
    }
    return json;
  }

  /** @return the base URL, ending in {@code /v1} for OpenAI; default {@value #DEFAULT_BASE_URL} */
  public String getBaseUrl() {
    return baseUrl;
  }

  /**
   * Sets the base URL the endpoint paths are appended to. For Azure OpenAI use
   * {@code https://{resource}.openai.azure.com/openai/v1}; the key is then sent as {@code api-key}.
   *
   * @param baseUrl an absolute http or https URL
   * @return fluent self
   * @throws IllegalArgumentException when the URL is not absolute http(s)
   */
  public RealtimeSecretsClientOptions setBaseUrl(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("baseUrl: not a valid URL: " + trimmed);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException("baseUrl: must be an absolute http:// or https:// URL, got " + trimmed);
    }
    this.baseUrl = trimmed;
    return this;
  }

  /** @return the API key, or {@code null}; never log it */
  public String getApiKey() {
    return apiKey;
  }

  /**
   * Sets the API key sent with every call (no default; a missing key gets a 401 from the upstream).
   *
   * @param apiKey the key
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setApiKey(String apiKey) {
    this.apiKey = apiKey;
    return this;
  }

  /**
   * @return the header that carries the key: {@code null} (default) means {@code Authorization: Bearer},
   *     except for Azure OpenAI hosts ({@code *.openai.azure.com}, {@code *.cognitiveservices.azure.com})
   *     which get {@code api-key}
   */
  public String getApiKeyHeader() {
    return apiKeyHeader;
  }

  /**
   * Sets the header carrying the raw key instead of {@code Authorization: Bearer}, for example
   * {@code api-key} for Azure OpenAI behind a custom domain.
   *
   * @param apiKeyHeader a header name, or {@code null} for the default rule
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setApiKeyHeader(String apiKeyHeader) {
    this.apiKeyHeader = apiKeyHeader;
    return this;
  }

  /** @return the {@code OpenAI-Organization} header value, or {@code null} (default) */
  public String getOrganization() {
    return organization;
  }

  /**
   * @param organization sent as {@code OpenAI-Organization}
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setOrganization(String organization) {
    this.organization = organization;
    return this;
  }

  /** @return the {@code OpenAI-Project} header value, or {@code null} (default) */
  public String getProject() {
    return project;
  }

  /**
   * @param project sent as {@code OpenAI-Project}
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setProject(String project) {
    this.project = project;
    return this;
  }

  /** @return extra headers sent with every call (unmodifiable); default none */
  public Map<String, String> getHeaders() {
    return Collections.unmodifiableMap(headers);
  }

  /**
   * Adds a header sent with every call.
   *
   * @param name header name
   * @param value header value
   * @return fluent self
   */
  public RealtimeSecretsClientOptions putHeader(String name, String value) {
    headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** @return the HTTP/1.1 connection pool size; default {@value #DEFAULT_MAX_CONNECTIONS} */
  public int getMaxConnections() {
    return maxConnections;
  }

  /**
   * Sets the most HTTP/1.1 connections open to the upstream at once; a call beyond them waits for a free one
   * (that wait counts against {@link #getAttemptTimeout()}). Connections open on demand and close after
   * {@link #getIdleTimeout()} unused. Calls in flight on HTTP/1.1 never exceed this; over HTTP/2 see
   * {@link #setHttp2MaxConnections(int)}.
   *
   * @param maxConnections pool size for HTTP/1.1, at least 1
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setMaxConnections(int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections: must be at least 1");
    }
    this.maxConnections = maxConnections;
    return this;
  }

  /** @return whether HTTP/2 is used; default {@value #DEFAULT_HTTP2} */
  public boolean isHttp2() {
    return http2;
  }

  /**
   * With true (default), an {@code https://} upstream is offered {@code h2} and {@code http/1.1} through ALPN
   * and the client speaks whichever the server picks; with false, HTTP/1.1 only. Over cleartext HTTP/2 also
   * needs {@link #setHttp2PriorKnowledge(boolean)}.
   *
   * @param http2 true to use HTTP/2 where the server offers it
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setHttp2(boolean http2) {
    this.http2 = http2;
    return this;
  }

  /** @return whether an {@code http://} upstream is spoken to in HTTP/2 from the first byte; default false */
  public boolean isHttp2PriorKnowledge() {
    return http2PriorKnowledge;
  }

  /**
   * Speaks HTTP/2 to a cleartext ({@code http://}) upstream from the first byte (h2c with prior knowledge,
   * no upgrade round trip), when {@link #isHttp2()} is also true. Only for an upstream known to accept it
   * (the mock does); an HTTP/1.1-only server fails every call. No effect over TLS, where ALPN decides.
   *
   * @param http2PriorKnowledge true for HTTP/2 over cleartext
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setHttp2PriorKnowledge(boolean http2PriorKnowledge) {
    this.http2PriorKnowledge = http2PriorKnowledge;
    return this;
  }

  /** @return the HTTP/2 connection pool size; default {@value #DEFAULT_HTTP2_MAX_CONNECTIONS} */
  public int getHttp2MaxConnections() {
    return http2MaxConnections;
  }

  /**
   * Sets the most HTTP/2 connections open to the upstream at once. Each carries as many concurrent calls as
   * the server's {@code SETTINGS_MAX_CONCURRENT_STREAMS} allows, and another opens only when those are full.
   *
   * @param http2MaxConnections pool size for HTTP/2, at least 1
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setHttp2MaxConnections(int http2MaxConnections) {
    if (http2MaxConnections < 1) {
      throw new IllegalArgumentException("http2MaxConnections: must be at least 1");
    }
    this.http2MaxConnections = http2MaxConnections;
    return this;
  }

  /** @return the TCP connect timeout; default 10 s */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * @param connectTimeout TCP connect timeout, positive
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = positive("connectTimeout", connectTimeout);
    return this;
  }

  /** @return how long an unused pooled connection stays open; default 60 s */
  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  /**
   * @param idleTimeout idle time before a pooled connection is closed, at least one second
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setIdleTimeout(Duration idleTimeout) {
    positive("idleTimeout", idleTimeout);
    if (idleTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("idleTimeout: must be at least 1 second");
    }
    this.idleTimeout = idleTimeout;
    return this;
  }

  /** @return the timeout of one HTTP attempt; default 20 s */
  public Duration getAttemptTimeout() {
    return attemptTimeout;
  }

  /**
   * Sets the timeout of one HTTP attempt, from asking the pool for a connection to the end of the answer.
   *
   * @param attemptTimeout positive duration
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setAttemptTimeout(Duration attemptTimeout) {
    this.attemptTimeout = positive("attemptTimeout", attemptTimeout);
    return this;
  }

  /** @return the overall deadline of a call, retries included; default 60 s */
  public Duration getCallTimeout() {
    return callTimeout;
  }

  /**
   * Sets the overall deadline of a call, retries and their waits included. A {@code Retry-After} that
   * lands past it fails the call at once.
   *
   * @param callTimeout positive duration
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setCallTimeout(Duration callTimeout) {
    this.callTimeout = positive("callTimeout", callTimeout);
    return this;
  }

  /** @return retries after the first attempt; default {@value #DEFAULT_MAX_RETRIES} */
  public int getMaxRetries() {
    return maxRetries;
  }

  /**
   * @param maxRetries retries after the first attempt, 0 or more
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setMaxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries: must be 0 or more");
    }
    this.maxRetries = maxRetries;
    return this;
  }

  /** @return the cap of the first retry delay; default 500 ms */
  public Duration getInitialRetryDelay() {
    return initialRetryDelay;
  }

  /**
   * Sets the cap of the first retry delay; retry n waits a uniformly random time in
   * [0, min(max, initial * 2^(n-1))] unless the upstream said how long to wait.
   *
   * @param initialRetryDelay positive duration
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setInitialRetryDelay(Duration initialRetryDelay) {
    this.initialRetryDelay = positive("initialRetryDelay", initialRetryDelay);
    return this;
  }

  /** @return the largest retry delay; default 8 s */
  public Duration getMaxRetryDelay() {
    return maxRetryDelay;
  }

  /**
   * @param maxRetryDelay largest backoff delay, positive
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setMaxRetryDelay(Duration maxRetryDelay) {
    this.maxRetryDelay = positive("maxRetryDelay", maxRetryDelay);
    return this;
  }

  /** @return the largest response body accepted, in bytes; default 1 MiB */
  public int getMaxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * @param maxResponseBytes largest response body accepted, at least 1024
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setMaxResponseBytes(int maxResponseBytes) {
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException("maxResponseBytes: must be at least 1024");
    }
    this.maxResponseBytes = maxResponseBytes;
    return this;
  }

  /** @return the {@code User-Agent}; default {@value #DEFAULT_USER_AGENT} */
  public String getUserAgent() {
    return userAgent;
  }

  /**
   * @param userAgent the {@code User-Agent} header
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setUserAgent(String userAgent) {
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    return this;
  }

  /** @return PEM CA certificate files trusted in addition to the JDK trust store (unmodifiable) */
  public List<String> getPemCaCertPaths() {
    return Collections.unmodifiableList(pemCaCertPaths);
  }

  /**
   * Trusts the CA certificates of a PEM file, for an upstream or proxy with a private CA. Adding any PEM
   * file (or {@link #setTrustOptions}) replaces the JDK's default trust store.
   *
   * @param path a PEM file
   * @return fluent self
   */
  public RealtimeSecretsClientOptions addPemCaCertPath(String path) {
    pemCaCertPaths.add(Objects.requireNonNull(path, "path"));
    return this;
  }

  /** @return explicit trust options (a JKS or PKCS#12 trust store, PEM values), or {@code null} (default) */
  public TrustOptions getTrustOptions() {
    return trustOptions;
  }

  /**
   * Sets the trust store (for example {@code new JksOptions().setPath(..).setPassword(..)}); {@code null}
   * (default) uses the JDK trust store.
   *
   * @param trustOptions trust options
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setTrustOptions(TrustOptions trustOptions) {
    this.trustOptions = trustOptions;
    return this;
  }

  /** @return whether every certificate is accepted; default false */
  public boolean isTrustAllInsecure() {
    return trustAllInsecure;
  }

  /**
   * Accepts any server certificate and skips host name verification. Never in production: anyone on the
   * path can then read the API key. Meant for local tests against a self-signed mock only.
   *
   * @param trustAllInsecure true to turn TLS verification off
   * @return fluent self
   */
  public RealtimeSecretsClientOptions setTrustAllInsecure(boolean trustAllInsecure) {
    this.trustAllInsecure = trustAllInsecure;
    return this;
  }

  /**
   * The application's OpenTelemetry, which records a span per mint (its attempts and retries as events) and
   * whose propagators put the trace context on the upstream request. Typed {@code Object} so that this class
   * loads, and its options can be read reflectively, without the optional OpenTelemetry API on the class path.
   * Not in {@link #toJson()}: it is an object, not a setting.
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
   * @return fluent self
   * @throws IllegalArgumentException when it is not an {@code io.opentelemetry.api.OpenTelemetry}
   */
  public RealtimeSecretsClientOptions setOpenTelemetry(Object openTelemetry) {
    this.openTelemetry = ClientTracing.requireOpenTelemetry("openTelemetry", openTelemetry);
    return this;
  }

  /**
   * Whether a header name carries a credential (its value is redacted in {@link #toJson()}).
   *
   * @param name a header name
   * @return true for {@code authorization}, {@code api-key} and names containing {@code key}, {@code token} or
   *     {@code secret}
   */
  static boolean isCredentialHeader(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return n.equals("authorization") || n.contains("key") || n.contains("token") || n.contains("secret");
  }

  private static Duration positive(String name, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + ": must be positive");
    }
    return d;
  }

  @Override
  public String toString() {
    return "RealtimeSecretsClientOptions{baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : Redaction.redact(apiKey))
        + ", maxConnections=" + maxConnections + ", http2=" + http2 + ", attemptTimeout=" + attemptTimeout
        + ", callTimeout=" + callTimeout + ", maxRetries=" + maxRetries + '}';
  }
}
