package io.realtimesecrets.pool;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of a {@link SecretPool}. Every default is a documented {@code DEFAULT_*} constant; the pool copies
 * the options at creation, so later changes have no effect on it.
 *
 * <p>In JSON, durations are numbers of milliseconds, or strings: ISO-8601 ({@code "PT10S"}) or a number with
 * a unit ({@code "250ms"}, {@code "10s"}, {@code "2m"}, {@code "1h"}). {@link #toJson()} writes milliseconds.
 * Unknown JSON fields are rejected, so a typo in a profile is an error rather than a silent default.
 */
public class SecretPoolOptions {

  /** Default of {@link #setMinIdle}: 1. */
  public static final int DEFAULT_MIN_IDLE = 1;

  /** Default of {@link #setMaxIdle}: 1000. */
  public static final int DEFAULT_MAX_IDLE = 1000;

  /**
   * Default of {@link #setMinRemainingLife}: 30 s, capped at half the secret's life (so 5 s for a 10 s GA
   * secret). The option itself defaults to {@code null}, which means exactly this.
   */
  public static final Duration DEFAULT_MIN_REMAINING_LIFE = Duration.ofSeconds(30);

  /** Default of {@link #setSecretTtl}: {@code null}: read from the request ({@code expires_after.seconds}, 600 s for GA without it, 60 s for beta endpoints), else learned from the first mint. */
  public static final Duration DEFAULT_SECRET_TTL = null;

  /** Default of {@link #setMaxWaiters}: 4096. */
  public static final int DEFAULT_MAX_WAITERS = 4096;

  /** Default of {@link #setAcquireTimeout}: 10 s. */
  public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(10);

  /** Default of {@link #setInitialInFlight}: 16. */
  public static final int DEFAULT_INITIAL_IN_FLIGHT = 16;

  /** Default of {@link #setMaxInFlight}: 64. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  /** Default of {@link #setMintTimeout}: 10 s. */
  public static final Duration DEFAULT_MINT_TIMEOUT = Duration.ofSeconds(10);

  /** Default of {@link #setBackoffBase}: 500 ms. */
  public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(500);

  /** Default of {@link #setBackoffCap}: 8 s. */
  public static final Duration DEFAULT_BACKOFF_CAP = Duration.ofSeconds(8);

  /** Default of {@link #setMaxRetryAfter}: 120 s. */
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(120);

  /** Default of {@link #setCircuitFailureThreshold}: 5. */
  public static final int DEFAULT_CIRCUIT_FAILURE_THRESHOLD = 5;

  /** Default of {@link #setFatalProbeInterval}: 60 s. */
  public static final Duration DEFAULT_FATAL_PROBE_INTERVAL = Duration.ofSeconds(60);

  /** Default of {@link #setPrewarmConcurrency}: 4. */
  public static final int DEFAULT_PREWARM_CONCURRENCY = 4;

  /** Default of {@link #setIdleSleepAfter}: 10 min. */
  public static final Duration DEFAULT_IDLE_SLEEP_AFTER = Duration.ofMinutes(10);

  /** Default of {@link #setTargetSafetyZ}: 3.0. */
  public static final double DEFAULT_TARGET_SAFETY_Z = 3.0;

  /** Default of {@link #setWasteCapRatio}: 0.5. */
  public static final double DEFAULT_WASTE_CAP_RATIO = 0.5;

  /** Default of {@link #setDemandTauFast}: 1 s. */
  public static final Duration DEFAULT_DEMAND_TAU_FAST = Duration.ofSeconds(1);

  /** Default of {@link #setDemandTauSlow}: 30 s. */
  public static final Duration DEFAULT_DEMAND_TAU_SLOW = Duration.ofSeconds(30);

  /** Default of {@link #setTick}: 250 ms. */
  public static final Duration DEFAULT_TICK = Duration.ofMillis(250);

  /** Default of {@link #setMaxReplacementJitter}: 10 s. */
  public static final Duration DEFAULT_MAX_REPLACEMENT_JITTER = Duration.ofSeconds(10);
  /**
   * Default {@code maxMintRate}: {@value}, no configured ceiling (the pool still paces itself by the
   * upstream's {@code x-ratelimit-*} headers and {@code 429} answers).
   */
  public static final double DEFAULT_MAX_MINT_RATE = 0;
  /** Default {@code mintBudget}: {@code null}, a budget of this pool's own from {@code maxMintRate}, if set. */
  public static final MintBudget DEFAULT_MINT_BUDGET = null;
  /** Default {@code sharedStock}: {@code null}, the pool's stock is its own. */
  public static final SharedSecretStock DEFAULT_SHARED_STOCK = null;
  private int minIdle = DEFAULT_MIN_IDLE;
  private int maxIdle = DEFAULT_MAX_IDLE;
  private Duration minRemainingLife;
  private Duration secretTtl = DEFAULT_SECRET_TTL;
  private int maxWaiters = DEFAULT_MAX_WAITERS;
  private Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
  private int initialInFlight = DEFAULT_INITIAL_IN_FLIGHT;
  private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
  private Duration mintTimeout = DEFAULT_MINT_TIMEOUT;
  private Duration backoffBase = DEFAULT_BACKOFF_BASE;
  private Duration backoffCap = DEFAULT_BACKOFF_CAP;
  private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
  private int circuitFailureThreshold = DEFAULT_CIRCUIT_FAILURE_THRESHOLD;
  private Duration fatalProbeInterval = DEFAULT_FATAL_PROBE_INTERVAL;
  private int prewarmConcurrency = DEFAULT_PREWARM_CONCURRENCY;
  private Duration idleSleepAfter = DEFAULT_IDLE_SLEEP_AFTER;
  private double targetSafetyZ = DEFAULT_TARGET_SAFETY_Z;
  private double wasteCapRatio = DEFAULT_WASTE_CAP_RATIO;
  private Duration demandTauFast = DEFAULT_DEMAND_TAU_FAST;
  private Duration demandTauSlow = DEFAULT_DEMAND_TAU_SLOW;
  private Duration tick = DEFAULT_TICK;
  private Duration maxReplacementJitter = DEFAULT_MAX_REPLACEMENT_JITTER;
  private double maxMintRate = DEFAULT_MAX_MINT_RATE;
  private MintBudget mintBudget = DEFAULT_MINT_BUDGET;
  private SharedSecretStock sharedStock = DEFAULT_SHARED_STOCK;

  /** Options with every default. */
  public SecretPoolOptions() {
  }

  /**
   * Copies options.
   *
   * @param other the options to copy
   */
  public SecretPoolOptions(SecretPoolOptions other) {
    this.minIdle = other.minIdle;
    this.maxIdle = other.maxIdle;
    this.minRemainingLife = other.minRemainingLife;
    this.secretTtl = other.secretTtl;
    this.maxWaiters = other.maxWaiters;
    this.acquireTimeout = other.acquireTimeout;
    this.initialInFlight = other.initialInFlight;
    this.maxInFlight = other.maxInFlight;
    this.mintTimeout = other.mintTimeout;
    this.backoffBase = other.backoffBase;
    this.backoffCap = other.backoffCap;
    this.maxRetryAfter = other.maxRetryAfter;
    this.circuitFailureThreshold = other.circuitFailureThreshold;
    this.fatalProbeInterval = other.fatalProbeInterval;
    this.prewarmConcurrency = other.prewarmConcurrency;
    this.idleSleepAfter = other.idleSleepAfter;
    this.targetSafetyZ = other.targetSafetyZ;
    this.wasteCapRatio = other.wasteCapRatio;
    this.demandTauFast = other.demandTauFast;
    this.demandTauSlow = other.demandTauSlow;
    this.tick = other.tick;
    this.maxReplacementJitter = other.maxReplacementJitter;
    this.maxMintRate = other.maxMintRate;
    this.mintBudget = other.mintBudget;
    this.sharedStock = other.sharedStock;
  }

  /**
   * Reads options from JSON; absent fields keep their defaults.
   *
   * @param json the JSON, field names as the setters ({@code minIdle}, {@code acquireTimeout}, ...)
   * @throws IllegalArgumentException naming the field when a field is unknown or its value is invalid
   */
  public SecretPoolOptions(JsonObject json) {
    for (String field : json.fieldNames()) {
      Object value = json.getValue(field);
      try {
        switch (field) {
          case "minIdle" -> setMinIdle(toInt(value));
          case "maxIdle" -> setMaxIdle(toInt(value));
          case "minRemainingLife" -> setMinRemainingLife(toDuration(value));
          case "secretTtl" -> setSecretTtl(toDuration(value));
          case "maxWaiters" -> setMaxWaiters(toInt(value));
          case "acquireTimeout" -> setAcquireTimeout(toDuration(value));
          case "initialInFlight" -> setInitialInFlight(toInt(value));
          case "maxInFlight" -> setMaxInFlight(toInt(value));
          case "mintTimeout" -> setMintTimeout(toDuration(value));
          case "backoffBase" -> setBackoffBase(toDuration(value));
          case "backoffCap" -> setBackoffCap(toDuration(value));
          case "maxRetryAfter" -> setMaxRetryAfter(toDuration(value));
          case "circuitFailureThreshold" -> setCircuitFailureThreshold(toInt(value));
          case "fatalProbeInterval" -> setFatalProbeInterval(toDuration(value));
          case "prewarmConcurrency" -> setPrewarmConcurrency(toInt(value));
          case "idleSleepAfter" -> setIdleSleepAfter(toDuration(value));
          case "targetSafetyZ" -> setTargetSafetyZ(toDouble(value));
          case "wasteCapRatio" -> setWasteCapRatio(toDouble(value));
          case "demandTauFast" -> setDemandTauFast(toDuration(value));
          case "demandTauSlow" -> setDemandTauSlow(toDuration(value));
          case "tick" -> setTick(toDuration(value));
          case "maxReplacementJitter" -> setMaxReplacementJitter(toDuration(value));
          case "maxMintRate" -> setMaxMintRate(toDouble(value));
          default -> throw new IllegalArgumentException("unknown option");
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("pool option '" + field + "': " + e.getMessage(), e);
      }
    }
  }

  /**
   * Writes these options as JSON (durations in milliseconds; {@code null} durations omitted).
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    json.put("minIdle", minIdle);
    json.put("maxIdle", maxIdle);
    if (minRemainingLife != null) {
      json.put("minRemainingLife", minRemainingLife.toMillis());
    }
    if (secretTtl != null) {
      json.put("secretTtl", secretTtl.toMillis());
    }
    json.put("maxWaiters", maxWaiters);
    if (acquireTimeout != null) {
      json.put("acquireTimeout", acquireTimeout.toMillis());
    }
    json.put("initialInFlight", initialInFlight);
    json.put("maxInFlight", maxInFlight);
    if (mintTimeout != null) {
      json.put("mintTimeout", mintTimeout.toMillis());
    }
    if (backoffBase != null) {
      json.put("backoffBase", backoffBase.toMillis());
    }
    if (backoffCap != null) {
      json.put("backoffCap", backoffCap.toMillis());
    }
    if (maxRetryAfter != null) {
      json.put("maxRetryAfter", maxRetryAfter.toMillis());
    }
    json.put("circuitFailureThreshold", circuitFailureThreshold);
    if (fatalProbeInterval != null) {
      json.put("fatalProbeInterval", fatalProbeInterval.toMillis());
    }
    json.put("prewarmConcurrency", prewarmConcurrency);
    if (idleSleepAfter != null) {
      json.put("idleSleepAfter", idleSleepAfter.toMillis());
    }
    json.put("targetSafetyZ", targetSafetyZ);
    json.put("wasteCapRatio", wasteCapRatio);
    if (demandTauFast != null) {
      json.put("demandTauFast", demandTauFast.toMillis());
    }
    if (demandTauSlow != null) {
      json.put("demandTauSlow", demandTauSlow.toMillis());
    }
    if (tick != null) {
      json.put("tick", tick.toMillis());
    }
    if (maxReplacementJitter != null) {
      json.put("maxReplacementJitter", maxReplacementJitter.toMillis());
    }
    if (maxMintRate > 0) {
      json.put("maxMintRate", maxMintRate);
    }
    return json;
  }

  /**
   * Secrets kept in stock even with no demand (the pre-warm level). An idle pool costs about one mint per usable window per idle secret.
   *
   * @return the value; default 1
   */
  public int getMinIdle() {
    return minIdle;
  }

  /**
   * Secrets kept in stock even with no demand (the pre-warm level). An idle pool costs about one mint per usable window per idle secret.
   *
   * @param minIdle the value; default 1
   * @return this
   * @throws IllegalArgumentException when the value must be 0 or more
   */
  public SecretPoolOptions setMinIdle(int minIdle) {
    int v = minIdle;
    if (!(v >= 0)) {
      throw new IllegalArgumentException("minIdle: must be 0 or more");
    }
    this.minIdle = v;
    return this;
  }

  /**
   * Hard cap on stock plus mints in flight (beyond what waiters need): bounds memory and waste.
   *
   * @return the value; default 1000
   */
  public int getMaxIdle() {
    return maxIdle;
  }

  /**
   * Hard cap on stock plus mints in flight (beyond what waiters need): bounds memory and waste.
   *
   * @param maxIdle the value; default 1000
   * @return this
   * @throws IllegalArgumentException when the value must be at least 1
   */
  public SecretPoolOptions setMaxIdle(int maxIdle) {
    int v = maxIdle;
    if (!(v >= 1)) {
      throw new IllegalArgumentException("maxIdle: must be at least 1");
    }
    this.maxIdle = v;
    return this;
  }

  /**
   * The floor: a secret is handed out only while at least this much of its life is left. {@code null} means {@link #DEFAULT_MIN_REMAINING_LIFE} capped at half the TTL; an explicit value above half the TTL is rejected.
   *
   * @return the value; default {@code null}: 30 s, but never more than half the secret's life
   */
  public Duration getMinRemainingLife() {
    return minRemainingLife;
  }

  /**
   * The floor: a secret is handed out only while at least this much of its life is left. {@code null} means {@link #DEFAULT_MIN_REMAINING_LIFE} capped at half the TTL; an explicit value above half the TTL is rejected.
   *
   * @param minRemainingLife the value; default {@code null}: 30 s, but never more than half the secret's life
   * @return this
   * @throws IllegalArgumentException when the value must be positive
   */
  public SecretPoolOptions setMinRemainingLife(Duration minRemainingLife) {
    Duration v = minRemainingLife;
    if (!(v == null || positive(v))) {
      throw new IllegalArgumentException("minRemainingLife: must be positive");
    }
    this.minRemainingLife = v;
    return this;
  }

  /**
   * The life the upstream grants each secret. Used to validate the floor at creation and to cap a stale upstream {@code Date}.
   *
   * @return the value; default {@code null}: read from the request ({@code expires_after.seconds}, 600 s for GA without it, 60 s for beta endpoints), else learned from the first mint
   */
  public Duration getSecretTtl() {
    return secretTtl;
  }

  /**
   * The life the upstream grants each secret. Used to validate the floor at creation and to cap a stale upstream {@code Date}.
   *
   * @param secretTtl the value; default {@code null}: read from the request ({@code expires_after.seconds}, 600 s for GA without it, 60 s for beta endpoints), else learned from the first mint
   * @return this
   * @throws IllegalArgumentException when the value must be at least 1 s
   */
  public SecretPoolOptions setSecretTtl(Duration secretTtl) {
    Duration v = secretTtl;
    if (!(v == null || v.compareTo(Duration.ofSeconds(1)) >= 0)) {
      throw new IllegalArgumentException("secretTtl: must be at least 1 s");
    }
    this.secretTtl = v;
    return this;
  }

  /**
   * Callers that may wait for a secret when stock is empty; beyond that {@code take()} fails at once with {@code WAITERS_FULL}. 0 disables waiting.
   *
   * @return the value; default 4096
   */
  public int getMaxWaiters() {
    return maxWaiters;
  }

  /**
   * Callers that may wait for a secret when stock is empty; beyond that {@code take()} fails at once with {@code WAITERS_FULL}. 0 disables waiting.
   *
   * @param maxWaiters the value; default 4096
   * @return this
   * @throws IllegalArgumentException when the value must be 0 or more
   */
  public SecretPoolOptions setMaxWaiters(int maxWaiters) {
    int v = maxWaiters;
    if (!(v >= 0)) {
      throw new IllegalArgumentException("maxWaiters: must be 0 or more");
    }
    this.maxWaiters = v;
    return this;
  }

  /**
   * How long a caller waits for a secret when stock is empty before failing with {@code ACQUIRE_TIMEOUT}; also how long {@code start()} waits to be warm.
   *
   * @return the value; default 10 s
   */
  public Duration getAcquireTimeout() {
    return acquireTimeout;
  }

  /**
   * How long a caller waits for a secret when stock is empty before failing with {@code ACQUIRE_TIMEOUT}; also how long {@code start()} waits to be warm.
   *
   * @param acquireTimeout the value; default 10 s
   * @return this
   * @throws IllegalArgumentException when the value must be at least 1 ms
   */
  public SecretPoolOptions setAcquireTimeout(Duration acquireTimeout) {
    Duration v = acquireTimeout;
    if (!(v != null && v.compareTo(Duration.ofMillis(1)) >= 0)) {
      throw new IllegalArgumentException("acquireTimeout: must be at least 1 ms");
    }
    this.acquireTimeout = v;
    return this;
  }

  /**
   * Initial limit on concurrent mint calls; the limit then adapts (AIMD) between 1 and {@code maxInFlight}.
   *
   * @return the value; default 16
   */
  public int getInitialInFlight() {
    return initialInFlight;
  }

  /**
   * Initial limit on concurrent mint calls; the limit then adapts (AIMD) between 1 and {@code maxInFlight}.
   *
   * @param initialInFlight the value; default 16
   * @return this
   * @throws IllegalArgumentException when the value must be at least 1
   */
  public SecretPoolOptions setInitialInFlight(int initialInFlight) {
    int v = initialInFlight;
    if (!(v >= 1)) {
      throw new IllegalArgumentException("initialInFlight: must be at least 1");
    }
    this.initialInFlight = v;
    return this;
  }

  /**
   * Upper bound on concurrent mint calls. With mint latency L, the pool can mint at most {@code maxInFlight / L} secrets per second.
   *
   * @return the value; default 64
   */
  public int getMaxInFlight() {
    return maxInFlight;
  }

  /**
   * Upper bound on concurrent mint calls. With mint latency L, the pool can mint at most {@code maxInFlight / L} secrets per second.
   *
   * @param maxInFlight the value; default 64
   * @return this
   * @throws IllegalArgumentException when the value must be at least 1
   */
  public SecretPoolOptions setMaxInFlight(int maxInFlight) {
    int v = maxInFlight;
    if (!(v >= 1)) {
      throw new IllegalArgumentException("maxInFlight: must be at least 1");
    }
    this.maxInFlight = v;
    return this;
  }

  /**
   * Deadline of one mint call (passed to the client as its call timeout, with no client retries).
   *
   * @return the value; default 10 s
   */
  public Duration getMintTimeout() {
    return mintTimeout;
  }

  /**
   * Deadline of one mint call (passed to the client as its call timeout, with no client retries).
   *
   * @param mintTimeout the value; default 10 s
   * @return this
   * @throws IllegalArgumentException when the value must be positive
   */
  public SecretPoolOptions setMintTimeout(Duration mintTimeout) {
    Duration v = mintTimeout;
    if (!(positive(v))) {
      throw new IllegalArgumentException("mintTimeout: must be positive");
    }
    this.mintTimeout = v;
    return this;
  }

  /**
   * First step of the full-jitter exponential backoff after a transient failure.
   *
   * @return the value; default 500 ms
   */
  public Duration getBackoffBase() {
    return backoffBase;
  }

  /**
   * First step of the full-jitter exponential backoff after a transient failure.
   *
   * @param backoffBase the value; default 500 ms
   * @return this
   * @throws IllegalArgumentException when the value must be positive
   */
  public SecretPoolOptions setBackoffBase(Duration backoffBase) {
    Duration v = backoffBase;
    if (!(positive(v))) {
      throw new IllegalArgumentException("backoffBase: must be positive");
    }
    this.backoffBase = v;
    return this;
  }

  /**
   * Largest backoff step; the pool further caps it at a quarter of the usable window so several attempts fit before stock dies.
   *
   * @return the value; default 8 s
   */
  public Duration getBackoffCap() {
    return backoffCap;
  }

  /**
   * Largest backoff step; the pool further caps it at a quarter of the usable window so several attempts fit before stock dies.
   *
   * @param backoffCap the value; default 8 s
   * @return this
   * @throws IllegalArgumentException when the value must be positive
   */
  public SecretPoolOptions setBackoffCap(Duration backoffCap) {
    Duration v = backoffCap;
    if (!(positive(v))) {
      throw new IllegalArgumentException("backoffCap: must be positive");
    }
    this.backoffCap = v;
    return this;
  }

  /**
   * Longest {@code Retry-After} honoured as a pause without opening the circuit; longer ones are still honoured, with the circuit open meanwhile.
   *
   * @return the value; default 120 s
   */
  public Duration getMaxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * Longest {@code Retry-After} honoured as a pause without opening the circuit; longer ones are still honoured, with the circuit open meanwhile.
   *
   * @param maxRetryAfter the value; default 120 s
   * @return this
   * @throws IllegalArgumentException when the value must not be negative
   */
  public SecretPoolOptions setMaxRetryAfter(Duration maxRetryAfter) {
    Duration v = maxRetryAfter;
    if (!(v != null && !v.isNegative())) {
      throw new IllegalArgumentException("maxRetryAfter: must not be negative");
    }
    this.maxRetryAfter = v;
    return this;
  }

  /**
   * Consecutive transient failures that open the circuit.
   *
   * @return the value; default 5
   */
  public int getCircuitFailureThreshold() {
    return circuitFailureThreshold;
  }

  /**
   * Consecutive transient failures that open the circuit.
   *
   * @param circuitFailureThreshold the value; default 5
   * @return this
   * @throws IllegalArgumentException when the value must be at least 1
   */
  public SecretPoolOptions setCircuitFailureThreshold(int circuitFailureThreshold) {
    int v = circuitFailureThreshold;
    if (!(v >= 1)) {
      throw new IllegalArgumentException("circuitFailureThreshold: must be at least 1");
    }
    this.circuitFailureThreshold = v;
    return this;
  }

  /**
   * After a failure retrying cannot cure (auth, quota, bad template), one probe mint is sent this often.
   *
   * @return the value; default 60 s
   */
  public Duration getFatalProbeInterval() {
    return fatalProbeInterval;
  }

  /**
   * After a failure retrying cannot cure (auth, quota, bad template), one probe mint is sent this often.
   *
   * @param fatalProbeInterval the value; default 60 s
   * @return this
   * @throws IllegalArgumentException when the value must be positive
   */
  public SecretPoolOptions setFatalProbeInterval(Duration fatalProbeInterval) {
    Duration v = fatalProbeInterval;
    if (!(positive(v))) {
      throw new IllegalArgumentException("fatalProbeInterval: must be positive");
    }
    this.fatalProbeInterval = v;
    return this;
  }

  /**
   * Concurrent mints while warming up, so a start does not burst at the upstream.
   *
   * @return the value; default 4
   */
  public int getPrewarmConcurrency() {
    return prewarmConcurrency;
  }

  /**
   * Concurrent mints while warming up, so a start does not burst at the upstream.
   *
   * @param prewarmConcurrency the value; default 4
   * @return this
   * @throws IllegalArgumentException when the value must be at least 1
   */
  public SecretPoolOptions setPrewarmConcurrency(int prewarmConcurrency) {
    int v = prewarmConcurrency;
    if (!(v >= 1)) {
      throw new IllegalArgumentException("prewarmConcurrency: must be at least 1");
    }
    this.prewarmConcurrency = v;
    return this;
  }

  /**
   * With no take for this long the pool lets stock run out and stops minting; the next take wakes it (and waits one mint). {@link Duration#ZERO} never sleeps.
   *
   * @return the value; default 10 min
   */
  public Duration getIdleSleepAfter() {
    return idleSleepAfter;
  }

  /**
   * With no take for this long the pool lets stock run out and stops minting; the next take wakes it (and waits one mint). {@link Duration#ZERO} never sleeps.
   *
   * @param idleSleepAfter the value; default 10 min
   * @return this
   * @throws IllegalArgumentException when the value must not be negative
   */
  public SecretPoolOptions setIdleSleepAfter(Duration idleSleepAfter) {
    Duration v = idleSleepAfter;
    if (!(v != null && !v.isNegative())) {
      throw new IllegalArgumentException("idleSleepAfter: must not be negative");
    }
    this.idleSleepAfter = v;
    return this;
  }

  /**
   * Safety factor z of the stock target {@code ceil(b + z*sqrt(b))}, {@code b = demand * lead time}.
   *
   * @return the value; default 3.0
   */
  public double getTargetSafetyZ() {
    return targetSafetyZ;
  }

  /**
   * Safety factor z of the stock target {@code ceil(b + z*sqrt(b))}, {@code b = demand * lead time}.
   *
   * @param targetSafetyZ the value; default 3.0
   * @return this
   * @throws IllegalArgumentException when the value must be between 0 and 10
   */
  public SecretPoolOptions setTargetSafetyZ(double targetSafetyZ) {
    double v = targetSafetyZ;
    if (!(v >= 0 && v <= 10)) {
      throw new IllegalArgumentException("targetSafetyZ: must be between 0 and 10");
    }
    this.targetSafetyZ = v;
    return this;
  }

  /**
   * Caps the target at {@code ratio * demand * usable window}, so a secret waits at most about that share of its window in stock.
   *
   * @return the value; default 0.5
   */
  public double getWasteCapRatio() {
    return wasteCapRatio;
  }

  /**
   * Caps the target at {@code ratio * demand * usable window}, so a secret waits at most about that share of its window in stock.
   *
   * @param wasteCapRatio the value; default 0.5
   * @return this
   * @throws IllegalArgumentException when the value must be in (0, 1]
   */
  public SecretPoolOptions setWasteCapRatio(double wasteCapRatio) {
    double v = wasteCapRatio;
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException("wasteCapRatio: must be in (0, 1]");
    }
    this.wasteCapRatio = v;
    return this;
  }

  /**
   * Time constant of the fast moving average of takes per second (how quickly the target rises).
   *
   * @return the value; default 1 s
   */
  public Duration getDemandTauFast() {
    return demandTauFast;
  }

  /**
   * Time constant of the fast moving average of takes per second (how quickly the target rises).
   *
   * @param demandTauFast the value; default 1 s
   * @return this
   * @throws IllegalArgumentException when the value must be positive
   */
  public SecretPoolOptions setDemandTauFast(Duration demandTauFast) {
    Duration v = demandTauFast;
    if (!(positive(v))) {
      throw new IllegalArgumentException("demandTauFast: must be positive");
    }
    this.demandTauFast = v;
    return this;
  }

  /**
   * Time constant of the slow moving average (how slowly the target falls).
   *
   * @return the value; default 30 s
   */
  public Duration getDemandTauSlow() {
    return demandTauSlow;
  }

  /**
   * Time constant of the slow moving average (how slowly the target falls).
   *
   * @param demandTauSlow the value; default 30 s
   * @return this
   * @throws IllegalArgumentException when the value must be positive
   */
  public SecretPoolOptions setDemandTauSlow(Duration demandTauSlow) {
    Duration v = demandTauSlow;
    if (!(positive(v))) {
      throw new IllegalArgumentException("demandTauSlow: must be positive");
    }
    this.demandTauSlow = v;
    return this;
  }

  /**
   * Period of the pool's housekeeping timer: demand estimate, target, retirement, refresh-ahead.
   *
   * @return the value; default 250 ms
   */
  public Duration getTick() {
    return tick;
  }

  /**
   * Period of the pool's housekeeping timer: demand estimate, target, retirement, refresh-ahead.
   *
   * @param tick the value; default 250 ms
   * @return this
   * @throws IllegalArgumentException when the value must be between 50 ms and 10 s
   */
  public SecretPoolOptions setTick(Duration tick) {
    Duration v = tick;
    if (!(v != null && v.compareTo(Duration.ofMillis(50)) >= 0 && v.compareTo(Duration.ofSeconds(10)) <= 0)) {
      throw new IllegalArgumentException("tick: must be between 50 ms and 10 s");
    }
    this.tick = v;
    return this;
  }

  /**
   * Upper bound of the random lead J by which an idle secret's replacement is minted early ({@code J = min(0.2 * window, this)}), so secrets minted together do not die together.
   *
   * @return the value; default 10 s
   */
  public Duration getMaxReplacementJitter() {
    return maxReplacementJitter;
  }

  /**
   * Upper bound of the random lead J by which an idle secret's replacement is minted early ({@code J = min(0.2 * window, this)}), so secrets minted together do not die together.
   *
   * @param maxReplacementJitter the value; default 10 s
   * @return this
   * @throws IllegalArgumentException when the value must not be negative
   */
  public SecretPoolOptions setMaxReplacementJitter(Duration maxReplacementJitter) {
    Duration v = maxReplacementJitter;
    if (!(v != null && !v.isNegative())) {
      throw new IllegalArgumentException("maxReplacementJitter: must not be negative");
    }
    this.maxReplacementJitter = v;
    return this;
  }

  /**
   * A ceiling on this pool's mint calls per second, spread evenly ({@code 0}: none). Use it when the
   * organisation's request limit is known; the pool also learns the limit from the upstream's
   * {@code x-ratelimit-*-requests} headers and {@code 429} answers. Ignored when a
   * {@link #setMintBudget(MintBudget) mint budget} is set.
   *
   * @return mints per second; default {@link #DEFAULT_MAX_MINT_RATE} (none)
   */
  public double getMaxMintRate() {
    return maxMintRate;
  }

  /**
   * Sets a ceiling on this pool's mint calls per second (see {@link #getMaxMintRate()}).
   *
   * @param maxMintRate mints per second, {@code 0} for none
   * @return this
   * @throws IllegalArgumentException when negative or not finite
   */
  public SecretPoolOptions setMaxMintRate(double maxMintRate) {
    if (!(maxMintRate >= 0) || Double.isInfinite(maxMintRate)) {
      throw new IllegalArgumentException("maxMintRate: must be a finite number, 0 or more");
    }
    this.maxMintRate = maxMintRate;
    return this;
  }

  /**
   * The budget this pool asks before every mint, shared with other pools that spend the same organisation's
   * rate limit (a gateway gives all its pools one). Not part of {@link #toJson()}.
   *
   * @return the budget, or {@code null} (default {@link #DEFAULT_MINT_BUDGET}) for one of the pool's own
   *     from {@link #getMaxMintRate()}
   */
  public MintBudget getMintBudget() {
    return mintBudget;
  }

  /**
   * Sets the budget this pool asks before every mint (see {@link #getMintBudget()}).
   *
   * @param mintBudget the budget, shared as the caller sees fit; {@code null} for the pool's own
   * @return this
   */
  public SecretPoolOptions setMintBudget(MintBudget mintBudget) {
    this.mintBudget = mintBudget;
    return this;
  }

  /**
   * The stock this pool shares with the pools of other processes (see {@link SharedSecretStock} for how the
   * pool uses it). Not part of {@link #toJson()}.
   *
   * @return the shared stock, or {@code null} (default {@link #DEFAULT_SHARED_STOCK}) for a stock of the
   *     pool's own only
   */
  public SharedSecretStock getSharedStock() {
    return sharedStock;
  }

  /**
   * Sets the stock this pool shares with other processes (see {@link #getSharedStock()}). Every pool given
   * the same shared stock must mint from the same request template: a taker gets any secret of it.
   *
   * @param sharedStock the shared stock, or {@code null} for none
   * @return this
   */
  public SecretPoolOptions setSharedStock(SharedSecretStock sharedStock) {
    this.sharedStock = sharedStock;
    return this;
  }

  /**
   * Checks rules that involve several options. Called by {@link SecretPool#create}.
   *
   * @throws IllegalArgumentException naming the options in conflict
   */
  public void validate() {
    if (minIdle > maxIdle) {
      throw new IllegalArgumentException("minIdle (" + minIdle + ") must not exceed maxIdle (" + maxIdle + ")");
    }
    if (initialInFlight > maxInFlight) {
      throw new IllegalArgumentException(
          "initialInFlight (" + initialInFlight + ") must not exceed maxInFlight (" + maxInFlight + ")");
    }
    if (demandTauFast.compareTo(demandTauSlow) > 0) {
      throw new IllegalArgumentException("demandTauFast must not exceed demandTauSlow");
    }
    if (minRemainingLife != null && secretTtl != null) {
      checkFloor(minRemainingLife, secretTtl);
    }
  }

  /**
   * The rule for the floor against a secret's life: at most half the life, leaving a usable window.
   *
   * @param floor the floor
   * @param ttl the life granted by the upstream
   * @throws IllegalArgumentException when the floor leaves no usable window
   */
  public static void checkFloor(Duration floor, Duration ttl) {
    if (floor.multipliedBy(2).compareTo(ttl) > 0) {
      throw new IllegalArgumentException("minRemainingLife (" + floor.toMillis() + " ms) must be at most half the "
          + "secret's life (" + ttl.toMillis() + " ms): a larger floor leaves no usable window");
    }
    // expires_at and Date have one-second resolution: one second of every life is lost to rounding
    if (ttl.minus(floor).compareTo(Duration.ofSeconds(2)) < 0) {
      throw new IllegalArgumentException("minRemainingLife (" + floor.toMillis() + " ms) leaves less than 2 s of a "
          + ttl.toMillis() + " ms life, which one-second rounding of expires_at consumes: no usable window");
    }
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isZero() && !d.isNegative();
  }

  private static int toInt(Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return Math.toIntExact(n.longValue());
    }
    throw new IllegalArgumentException("expected an integer, got " + value);
  }

  private static double toDouble(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("expected a number, got " + value);
  }

  static Duration toDuration(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return Duration.ofMillis(n.longValue());
    }
    if (value instanceof String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.startsWith("p")) {
        return Duration.parse(s.trim());
      }
      int i = 0;
      while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
        i++;
      }
      if (i > 0) {
        double amount = Double.parseDouble(t.substring(0, i));
        String unit = t.substring(i).trim();
        double millis = switch (unit) {
          case "ms" -> amount;
          case "s", "" -> amount * 1000;
          case "m", "min" -> amount * 60_000;
          case "h" -> amount * 3_600_000;
          default -> -1;
        };
        if (millis >= 0) {
          return Duration.ofMillis(Math.round(millis));
        }
      }
    }
    throw new IllegalArgumentException("expected milliseconds or a duration such as \"250ms\", \"10s\", \"PT10S\", got "
        + value);
  }

  @Override
  public String toString() {
    return "SecretPoolOptions" + toJson().encode();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretPoolOptions other && toJson().equals(other.toJson())
        && Objects.equals(mintBudget, other.mintBudget) && Objects.equals(sharedStock, other.sharedStock);
  }

  @Override
  public int hashCode() {
    return Objects.hash(toJson().encode());
  }
}
