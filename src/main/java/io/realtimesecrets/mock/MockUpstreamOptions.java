package io.realtimesecrets.mock;

import io.realtimesecrets.model.Redaction;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.KeyCertOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link MockUpstream} listens and behaves. A mutable bean with fluent setters; {@link MockUpstream}
 * copies it at creation, so later changes do not affect a running mock. Not thread safe.
 */
public class MockUpstreamOptions {

  /** Interface to listen on: {@value}. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Port to listen on: {@value}, meaning a free port chosen by the OS (read it with {@link MockUpstream#port()}). */
  public static final int DEFAULT_PORT = 0;
  /** Expected API key: {@code null}, meaning any non-empty key is accepted (a key is still required). */
  public static final String DEFAULT_API_KEY = null;
  /** Fixed delay before each mint endpoint answers: zero. */
  public static final Duration DEFAULT_LATENCY = Duration.ZERO;
  /** Upper bound of a uniformly random extra delay added to {@link #DEFAULT_LATENCY}: zero. */
  public static final Duration DEFAULT_LATENCY_JITTER = Duration.ZERO;
  /** How wrong the mock's clock is (shifts {@code Date} and every {@code expires_at}): zero. */
  public static final Duration DEFAULT_CLOCK_OFFSET = Duration.ZERO;
  /** Whether to serve HTTPS: {@value}. */
  public static final boolean DEFAULT_SSL = false;
  /** Requests per one-minute window announced in {@code x-ratelimit-limit-requests}: {@value}. */
  public static final int DEFAULT_RATE_LIMIT_REQUESTS_PER_MINUTE = 10_000;
  /** Whether exhausting the window answers 429 (otherwise the headers are informational): {@value}. */
  public static final boolean DEFAULT_RATE_LIMIT_ENFORCED = false;
  /** Lifetime of secrets minted by the beta endpoints: 60 seconds ("all tokens expire after one minute"). */
  public static final Duration DEFAULT_BETA_SECRET_TTL = Duration.ofSeconds(60);
  /** How many minted values are remembered for {@link MockUpstream#wasMinted(String)}: {@value}. */
  public static final int DEFAULT_MAX_RECORDED_SECRETS = 100_000;
  /**
   * Whether request fields the model does not know are accepted: {@value}, so they get the API's
   * {@code 400 unknown_parameter} as they would from OpenAI.
   */
  public static final boolean DEFAULT_LENIENT = false;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private String apiKey = DEFAULT_API_KEY;
  private Duration latency = DEFAULT_LATENCY;
  private Duration latencyJitter = DEFAULT_LATENCY_JITTER;
  private Duration clockOffset = DEFAULT_CLOCK_OFFSET;
  private boolean ssl = DEFAULT_SSL;
  private KeyCertOptions keyCertOptions;
  private int rateLimitRequestsPerMinute = DEFAULT_RATE_LIMIT_REQUESTS_PER_MINUTE;
  private boolean rateLimitEnforced = DEFAULT_RATE_LIMIT_ENFORCED;
  private Duration betaSecretTtl = DEFAULT_BETA_SECRET_TTL;
  private int maxRecordedSecrets = DEFAULT_MAX_RECORDED_SECRETS;
  private boolean lenient = DEFAULT_LENIENT;
  private Long randomSeed;
  private Clock clock = Clock.systemUTC();
  private List<FaultRule> faultRules = new ArrayList<>();

  /** Creates options with every default. */
  public MockUpstreamOptions() {
  }

  /**
   * Copy constructor.
   *
   * @param other the options to copy
   */
  public MockUpstreamOptions(MockUpstreamOptions other) {
    this.host = other.host;
    this.port = other.port;
    this.apiKey = other.apiKey;
    this.latency = other.latency;
    this.latencyJitter = other.latencyJitter;
    this.clockOffset = other.clockOffset;
    this.ssl = other.ssl;
    this.keyCertOptions = other.keyCertOptions == null ? null : other.keyCertOptions.copy();
    this.rateLimitRequestsPerMinute = other.rateLimitRequestsPerMinute;
    this.rateLimitEnforced = other.rateLimitEnforced;
    this.betaSecretTtl = other.betaSecretTtl;
    this.maxRecordedSecrets = other.maxRecordedSecrets;
    this.lenient = other.lenient;
    this.randomSeed = other.randomSeed;
    this.clock = other.clock;
    this.faultRules = new ArrayList<>(other.faultRules);
  }

  /**
   * Reads the form written by {@link #toJson()}; absent keys keep their defaults. Durations are in
   * milliseconds ({@code latencyMs}, {@code latencyJitterMs}, {@code clockOffsetMs}, {@code betaSecretTtlMs}).
   * {@code keyCertOptions} and the clock have no JSON form.
   *
   * @param json the JSON
   * @throws IllegalArgumentException when a value is out of range
   */
  public MockUpstreamOptions(JsonObject json) {
    setHost(json.getString("host", DEFAULT_HOST));
    setPort(json.getInteger("port", DEFAULT_PORT));
    setApiKey(json.getString("apiKey", DEFAULT_API_KEY));
    setLatency(Duration.ofMillis(json.getLong("latencyMs", DEFAULT_LATENCY.toMillis())));
    setLatencyJitter(Duration.ofMillis(json.getLong("latencyJitterMs", DEFAULT_LATENCY_JITTER.toMillis())));
    setClockOffset(Duration.ofMillis(json.getLong("clockOffsetMs", DEFAULT_CLOCK_OFFSET.toMillis())));
    setSsl(json.getBoolean("ssl", DEFAULT_SSL));
    setRateLimitRequestsPerMinute(json.getInteger("rateLimitRequestsPerMinute",
        DEFAULT_RATE_LIMIT_REQUESTS_PER_MINUTE));
    setRateLimitEnforced(json.getBoolean("rateLimitEnforced", DEFAULT_RATE_LIMIT_ENFORCED));
    setBetaSecretTtl(Duration.ofMillis(json.getLong("betaSecretTtlMs", DEFAULT_BETA_SECRET_TTL.toMillis())));
    setMaxRecordedSecrets(json.getInteger("maxRecordedSecrets", DEFAULT_MAX_RECORDED_SECRETS));
    setLenient(json.getBoolean("lenient", DEFAULT_LENIENT));
    setRandomSeed(json.getLong("randomSeed"));
    JsonArray rules = json.getJsonArray("faultRules", new JsonArray());
    for (int i = 0; i < rules.size(); i++) {
      addFaultRule(FaultRule.fromJson(rules.getJsonObject(i)));
    }
  }

  /**
   * The JSON form read by {@link #MockUpstreamOptions(JsonObject)}. The API key is included as is, so do
   * not log the result.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonArray rules = new JsonArray();
    faultRules.forEach(r -> rules.add(r.toJson()));
    JsonObject json = new JsonObject()
        .put("host", host)
        .put("port", port)
        .put("latencyMs", latency.toMillis())
        .put("latencyJitterMs", latencyJitter.toMillis())
        .put("clockOffsetMs", clockOffset.toMillis())
        .put("ssl", ssl)
        .put("rateLimitRequestsPerMinute", rateLimitRequestsPerMinute)
        .put("rateLimitEnforced", rateLimitEnforced)
        .put("betaSecretTtlMs", betaSecretTtl.toMillis())
        .put("maxRecordedSecrets", maxRecordedSecrets)
        .put("lenient", lenient)
        .put("faultRules", rules);
    if (apiKey != null) {
      json.put("apiKey", apiKey);
    }
    if (randomSeed != null) {
      json.put("randomSeed", randomSeed);
    }
    return json;
  }

  /** @return the interface to listen on; default {@link #DEFAULT_HOST} */
  public String getHost() {
    return host;
  }

  /**
   * Sets the interface to listen on.
   *
   * @param host a host name or IP literal, default {@link #DEFAULT_HOST}
   * @return this
   */
  public MockUpstreamOptions setHost(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  /** @return the port; default {@link #DEFAULT_PORT} */
  public int getPort() {
    return port;
  }

  /**
   * Sets the port.
   *
   * @param port 0..65535; 0 lets the OS choose, default {@link #DEFAULT_PORT}
   * @return this
   * @throws IllegalArgumentException when out of range
   */
  public MockUpstreamOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    this.port = port;
    return this;
  }

  /** @return the expected API key, or {@code null} to accept any non-empty key */
  public String getApiKey() {
    return apiKey;
  }

  /**
   * Sets the key callers must present as {@code Authorization: Bearer <key>} or {@code api-key: <key>}.
   *
   * @param apiKey the key; {@code null} (default) accepts any non-empty key, a missing key is still refused
   * @return this
   * @throws IllegalArgumentException when empty
   */
  public MockUpstreamOptions setApiKey(String apiKey) {
    if (apiKey != null && apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank (use null to accept any key)");
    }
    this.apiKey = apiKey;
    return this;
  }

  /** @return the fixed delay before each mint endpoint answers; default {@link #DEFAULT_LATENCY} */
  public Duration getLatency() {
    return latency;
  }

  /**
   * Sets the fixed delay before each answer of a mint endpoint (errors included), waited on a Vert.x timer.
   *
   * @param latency zero or positive, millisecond resolution
   * @return this
   */
  public MockUpstreamOptions setLatency(Duration latency) {
    this.latency = nonNegative(latency, "latency");
    return this;
  }

  /** @return the jitter bound; default {@link #DEFAULT_LATENCY_JITTER} */
  public Duration getLatencyJitter() {
    return latencyJitter;
  }

  /**
   * Sets the bound of a uniformly random extra delay, in [0, jitter], added to the latency per request.
   *
   * @param latencyJitter zero or positive
   * @return this
   */
  public MockUpstreamOptions setLatencyJitter(Duration latencyJitter) {
    this.latencyJitter = nonNegative(latencyJitter, "latencyJitter");
    return this;
  }

  /** @return the clock offset; default {@link #DEFAULT_CLOCK_OFFSET} */
  public Duration getClockOffset() {
    return clockOffset;
  }

  /**
   * Makes the mock's clock wrong by {@code offset}, as a server with a skewed clock: the {@code Date} header,
   * {@code created_at}-based {@code expires_at} and beta {@code expires_at} all move by it.
   *
   * @param clockOffset positive = the server is ahead, negative = behind
   * @return this
   */
  public MockUpstreamOptions setClockOffset(Duration clockOffset) {
    this.clockOffset = Objects.requireNonNull(clockOffset, "clockOffset");
    return this;
  }

  /** @return whether HTTPS is served; default {@link #DEFAULT_SSL} */
  public boolean isSsl() {
    return ssl;
  }

  /**
   * Serves HTTPS (HTTP/1.1 and HTTP/2 through ALPN) instead of cleartext. Unless
   * {@link #setKeyCertOptions(KeyCertOptions)} is set, a bundled self-signed certificate for
   * {@code localhost}, {@code 127.0.0.1} and {@code ::1} is used; trust it with
   * {@link MockUpstream#trustOptions()}.
   *
   * @param ssl true for HTTPS
   * @return this
   */
  public MockUpstreamOptions setSsl(boolean ssl) {
    this.ssl = ssl;
    return this;
  }

  /** @return the server certificate and key, or {@code null} for the bundled one */
  public KeyCertOptions getKeyCertOptions() {
    return keyCertOptions;
  }

  /**
   * Sets the certificate and key served when {@link #isSsl()} is true.
   *
   * @param keyCertOptions e.g. a {@code PemKeyCertOptions}; {@code null} (default) for the bundled one
   * @return this
   */
  public MockUpstreamOptions setKeyCertOptions(KeyCertOptions keyCertOptions) {
    this.keyCertOptions = keyCertOptions;
    return this;
  }

  /** @return the requests per minute window; default {@link #DEFAULT_RATE_LIMIT_REQUESTS_PER_MINUTE} */
  public int getRateLimitRequestsPerMinute() {
    return rateLimitRequestsPerMinute;
  }

  /**
   * Sets the size of the fixed one-minute window reported in the {@code x-ratelimit-*-requests} headers.
   *
   * @param rateLimitRequestsPerMinute at least 1
   * @return this
   */
  public MockUpstreamOptions setRateLimitRequestsPerMinute(int rateLimitRequestsPerMinute) {
    if (rateLimitRequestsPerMinute < 1) {
      throw new IllegalArgumentException("rateLimitRequestsPerMinute must be at least 1, got "
          + rateLimitRequestsPerMinute);
    }
    this.rateLimitRequestsPerMinute = rateLimitRequestsPerMinute;
    return this;
  }

  /** @return whether an exhausted window answers 429; default {@link #DEFAULT_RATE_LIMIT_ENFORCED} */
  public boolean isRateLimitEnforced() {
    return rateLimitEnforced;
  }

  /**
   * When true, an authenticated request beyond the window gets 429 {@code rate_limit_exceeded} with
   * {@code Retry-After} set to the time left in the window.
   *
   * @param rateLimitEnforced true to enforce
   * @return this
   */
  public MockUpstreamOptions setRateLimitEnforced(boolean rateLimitEnforced) {
    this.rateLimitEnforced = rateLimitEnforced;
    return this;
  }

  /** @return the beta secret lifetime; default {@link #DEFAULT_BETA_SECRET_TTL} */
  public Duration getBetaSecretTtl() {
    return betaSecretTtl;
  }

  /**
   * Sets the lifetime of secrets minted by {@code /realtime/sessions} and {@code /realtime/transcription_sessions}
   * when the request does not ask for one ({@code client_secret.expires_after.seconds}, or
   * {@code client_secret.expires_at.seconds} as the SDKs name it on the transcription endpoint).
   *
   * @param betaSecretTtl positive, second resolution
   * @return this
   */
  public MockUpstreamOptions setBetaSecretTtl(Duration betaSecretTtl) {
    Objects.requireNonNull(betaSecretTtl, "betaSecretTtl");
    if (betaSecretTtl.getSeconds() < 1) {
      throw new IllegalArgumentException("betaSecretTtl must be at least 1 second, got " + betaSecretTtl);
    }
    this.betaSecretTtl = betaSecretTtl;
    return this;
  }

  /** @return whether unknown request fields are accepted; default {@link #DEFAULT_LENIENT} */
  public boolean isLenient() {
    return lenient;
  }

  /**
   * Accepts request fields that the model does not know instead of answering the API's
   * {@code 400 invalid_request_error / unknown_parameter} ({@code "Unknown parameter: 'session.foo'."}).
   * For clients that send fields newer than this library; every other rule still applies.
   *
   * @param lenient true to accept unknown fields
   * @return this
   */
  public MockUpstreamOptions setLenient(boolean lenient) {
    this.lenient = lenient;
    return this;
  }

  /** @return how many minted values are remembered; default {@link #DEFAULT_MAX_RECORDED_SECRETS} */
  public int getMaxRecordedSecrets() {
    return maxRecordedSecrets;
  }

  /**
   * Bounds the memory spent remembering minted values. Beyond it secrets are still minted and counted in
   * {@link MockStats}, but {@link MockUpstream#wasMinted(String)} no longer knows them.
   *
   * @param maxRecordedSecrets zero or more
   * @return this
   */
  public MockUpstreamOptions setMaxRecordedSecrets(int maxRecordedSecrets) {
    if (maxRecordedSecrets < 0) {
      throw new IllegalArgumentException("maxRecordedSecrets must not be negative, got " + maxRecordedSecrets);
    }
    this.maxRecordedSecrets = maxRecordedSecrets;
    return this;
  }

  /** @return the seed of the random source for fault probabilities and jitter, or {@code null} */
  public Long getRandomSeed() {
    return randomSeed;
  }

  /**
   * Seeds the random source that decides probability faults and latency jitter, for reproducible tests.
   * Secret values always come from {@code SecureRandom}, whatever the seed.
   *
   * @param randomSeed a seed, or {@code null} (default) for an unpredictable one
   * @return this
   */
  public MockUpstreamOptions setRandomSeed(Long randomSeed) {
    this.randomSeed = randomSeed;
    return this;
  }

  /** @return the clock the mock reads (before {@link #getClockOffset()} is added); default UTC system clock */
  public Clock getClock() {
    return clock;
  }

  /**
   * Sets the clock behind {@code Date}, {@code expires_at} and the rate-limit window (latency always uses
   * real timers). Not part of the JSON form.
   *
   * @param clock the clock, default {@link Clock#systemUTC()}
   * @return this
   */
  public MockUpstreamOptions setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** @return the fault rules active from the start, unmodifiable */
  public List<FaultRule> getFaultRules() {
    return Collections.unmodifiableList(faultRules);
  }

  /**
   * Replaces the fault rules active from the start (the running mock's {@link MockUpstream#faults()} can
   * change them later).
   *
   * @param faultRules the rules
   * @return this
   */
  public MockUpstreamOptions setFaultRules(List<FaultRule> faultRules) {
    this.faultRules = new ArrayList<>(faultRules);
    return this;
  }

  /**
   * Adds a fault rule active from the start.
   *
   * @param rule the rule
   * @return this
   */
  public MockUpstreamOptions addFaultRule(FaultRule rule) {
    faultRules.add(Objects.requireNonNull(rule, "rule"));
    return this;
  }

  @Override
  public String toString() {
    return "MockUpstreamOptions[host=" + host + ", port=" + port + ", apiKey=" + Redaction.redact(apiKey)
        + ", latency=" + latency + ", jitter=" + latencyJitter + ", clockOffset=" + clockOffset + ", ssl=" + ssl
        + ", faultRules=" + faultRules + "]";
  }

  private static Duration nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
    return d;
  }
}
