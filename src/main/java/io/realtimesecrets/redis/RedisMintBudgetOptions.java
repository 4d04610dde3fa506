package io.realtimesecrets.redis;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link RedisMintBudget}: where Redis is, the fleet's rate, and what a replica does while
 * Redis does not answer. Fluent setters return {@code this}; every default is a {@code DEFAULT_*} constant.
 *
 * <p>The connection string may carry a password ({@code redis://:PASSWORD@host:6379}, Redis AUTH) and
 * {@code rediss://} turns TLS on (verified against the JVM's trust store unless
 * {@link #setRedisOptions(RedisOptions) redisOptions} say otherwise); Sentinel and Cluster settings pass
 * through {@link #setRedisOptions(RedisOptions)}. The connection string never appears in {@link #toString()}
 * nor {@link #toJson()}, since it may hold the password.
 */
public class RedisMintBudgetOptions {

  /** Default {@code connectionString}: {@value}, a Redis on this machine. */
  public static final String DEFAULT_CONNECTION_STRING = "redis://127.0.0.1:6379";
  /** Default {@code mintsPerSecond}: {@value}, unset; {@link RedisMintBudget#create} needs a value above 0. */
  public static final double DEFAULT_MINTS_PER_SECOND = 0;
  /**
   * Default {@code burst}: {@value} mint, so the fleet's mints are spread evenly (one every
   * {@code 1 / mintsPerSecond} seconds, like {@code MintBudget.local}); a larger burst lets that many go back
   * to back after an idle spell.
   */
  public static final int DEFAULT_BURST = 1;
  /**
   * Default {@code key}: {@value}. Replicas that spend one organisation's rate limit use the same key; the
   * Redis keys are {@code {KEY}:tat} and {@code {KEY}:pause} (one hash slot on a Redis Cluster).
   */
  public static final String DEFAULT_KEY = "realtime-secrets:mint-budget";
  /**
   * Default {@code timeout}: 500 ms. An answer from Redis slower than this counts as Redis being down: that
   * mint is paced by the local fallback budget instead of waiting.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
  /** Default {@code retryInterval}: 1 s between attempts to reach Redis again while on the fallback. */
  public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(1);
  /**
   * Default {@code expectedReplicas}: {@value}. While Redis is down each replica paces itself at
   * {@code mintsPerSecond / expectedReplicas}, so a fleet of that size stays under the fleet's rate.
   */
  public static final int DEFAULT_EXPECTED_REPLICAS = 1;
  /**
   * Default {@code maxPause}: 60 s. A {@code Retry-After} longer than this is recorded as a pause of this
   * length, so an absurd upstream value cannot stop the fleet for hours.
   */
  public static final Duration DEFAULT_MAX_PAUSE = Duration.ofSeconds(60);

  private String connectionString = DEFAULT_CONNECTION_STRING;
  private double mintsPerSecond = DEFAULT_MINTS_PER_SECOND;
  private int burst = DEFAULT_BURST;
  private String key = DEFAULT_KEY;
  private Duration timeout = DEFAULT_TIMEOUT;
  private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
  private int expectedReplicas = DEFAULT_EXPECTED_REPLICAS;
  private Duration maxPause = DEFAULT_MAX_PAUSE;
  private RedisOptions redisOptions;

  /** Options with the defaults. */
  public RedisMintBudgetOptions() {
  }

  /**
   * A copy.
   *
   * @param other the options to copy
   */
  public RedisMintBudgetOptions(RedisMintBudgetOptions other) {
    this.connectionString = other.connectionString;
    this.mintsPerSecond = other.mintsPerSecond;
    this.burst = other.burst;
    this.key = other.key;
    this.timeout = other.timeout;
    this.retryInterval = other.retryInterval;
    this.expectedReplicas = other.expectedReplicas;
    this.maxPause = other.maxPause;
    this.redisOptions = other.redisOptions == null ? null : new RedisOptions(other.redisOptions);
  }

  /**
   * Options from JSON: {@code connectionString}, {@code mintsPerSecond}, {@code burst}, {@code key},
   * {@code timeoutMillis}, {@code retryIntervalMillis}, {@code expectedReplicas}, {@code maxPauseMillis}; an
   * absent field keeps its default.
   *
   * @param json the JSON
   */
  public RedisMintBudgetOptions(JsonObject json) {
    setConnectionString(json.getString("connectionString", DEFAULT_CONNECTION_STRING));
    setMintsPerSecond(json.getDouble("mintsPerSecond", DEFAULT_MINTS_PER_SECOND));
    setBurst(json.getInteger("burst", DEFAULT_BURST));
    setKey(json.getString("key", DEFAULT_KEY));
    setTimeout(Duration.ofMillis(json.getLong("timeoutMillis", DEFAULT_TIMEOUT.toMillis())));
    setRetryInterval(Duration.ofMillis(json.getLong("retryIntervalMillis", DEFAULT_RETRY_INTERVAL.toMillis())));
    setExpectedReplicas(json.getInteger("expectedReplicas", DEFAULT_EXPECTED_REPLICAS));
    setMaxPause(Duration.ofMillis(json.getLong("maxPauseMillis", DEFAULT_MAX_PAUSE.toMillis())));
  }

  /**
   * These options as JSON, the connection string left out (it may hold the Redis password).
   *
   * @return the JSON
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("mintsPerSecond", mintsPerSecond)
        .put("burst", burst)
        .put("key", key)
        .put("timeoutMillis", timeout.toMillis())
        .put("retryIntervalMillis", retryInterval.toMillis())
        .put("expectedReplicas", expectedReplicas)
        .put("maxPauseMillis", maxPause.toMillis());
  }

  /**
   * Where Redis is: {@code redis://[:PASSWORD@]HOST[:PORT][/DB]}, or {@code rediss://...} for TLS.
   *
   * @return default {@value #DEFAULT_CONNECTION_STRING}
   */
  public String getConnectionString() {
    return connectionString;
  }

  /**
   * Sets where Redis is (see {@link #getConnectionString()}).
   *
   * @param connectionString a {@code redis://} or {@code rediss://} URL
   * @return this
   * @throws IllegalArgumentException when it is not such a URL
   */
  public RedisMintBudgetOptions setConnectionString(String connectionString) {
    Objects.requireNonNull(connectionString, "connectionString");
    if (!connectionString.startsWith("redis://") && !connectionString.startsWith("rediss://")
        && !connectionString.startsWith("unix://")) {
      // the value is not echoed: it may hold a password
      throw new IllegalArgumentException("connectionString: must start with redis:// or rediss://");
    }
    this.connectionString = connectionString;
    return this;
  }

  /**
   * Mints per second for the whole fleet: every replica using the same Redis and {@link #getKey() key}
   * together.
   *
   * @return default {@value #DEFAULT_MINTS_PER_SECOND} (unset)
   */
  public double getMintsPerSecond() {
    return mintsPerSecond;
  }

  /**
   * Sets the fleet's mints per second.
   *
   * @param mintsPerSecond a finite number above 0 (0 leaves it unset)
   * @return this
   * @throws IllegalArgumentException when negative or not finite
   */
  public RedisMintBudgetOptions setMintsPerSecond(double mintsPerSecond) {
    if (!(mintsPerSecond >= 0) || Double.isInfinite(mintsPerSecond)) {
      throw new IllegalArgumentException("mintsPerSecond: must be a finite number above 0, got " + mintsPerSecond);
    }
    this.mintsPerSecond = mintsPerSecond;
    return this;
  }

  /**
   * How many mints may go back to back after an idle spell.
   *
   * @return default {@value #DEFAULT_BURST}
   */
  public int getBurst() {
    return burst;
  }

  /**
   * Sets the burst (see {@link #getBurst()}).
   *
   * @param burst 1 or more
   * @return this
   */
  public RedisMintBudgetOptions setBurst(int burst) {
    if (burst < 1) {
      throw new IllegalArgumentException("burst: must be 1 or more, got " + burst);
    }
    this.burst = burst;
    return this;
  }

  /**
   * The name of the budget in Redis (see {@link #DEFAULT_KEY}).
   *
   * @return default {@value #DEFAULT_KEY}
   */
  public String getKey() {
    return key;
  }

  /**
   * Sets the name of the budget in Redis; fleets spending different organisations' limits use different keys.
   *
   * @param key not blank, without braces
   * @return this
   */
  public RedisMintBudgetOptions setKey(String key) {
    if (key == null || key.isBlank() || key.contains("{") || key.contains("}")) {
      throw new IllegalArgumentException("key: must not be blank nor contain braces");
    }
    this.key = key;
    return this;
  }

  /**
   * How long an answer from Redis may take before the mint is paced by the fallback instead.
   *
   * @return default 500 ms ({@link #DEFAULT_TIMEOUT})
   */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets the Redis answer timeout (see {@link #getTimeout()}); also the connect timeout.
   *
   * @param timeout a positive duration
   * @return this
   */
  public RedisMintBudgetOptions setTimeout(Duration timeout) {
    this.timeout = positive("timeout", timeout);
    return this;
  }

  /**
   * While on the fallback, how often one request tries Redis again.
   *
   * @return default 1 s ({@link #DEFAULT_RETRY_INTERVAL})
   */
  public Duration getRetryInterval() {
    return retryInterval;
  }

  /**
   * Sets how often Redis is tried again while on the fallback.
   *
   * @param retryInterval a positive duration
   * @return this
   */
  public RedisMintBudgetOptions setRetryInterval(Duration retryInterval) {
    this.retryInterval = positive("retryInterval", retryInterval);
    return this;
  }

  /**
   * How many replicas share the budget; while Redis is down each paces itself at
   * {@code mintsPerSecond / expectedReplicas}.
   *
   * @return default {@value #DEFAULT_EXPECTED_REPLICAS}
   */
  public int getExpectedReplicas() {
    return expectedReplicas;
  }

  /**
   * Sets how many replicas share the budget (see {@link #getExpectedReplicas()}).
   *
   * @param expectedReplicas 1 or more
   * @return this
   */
  public RedisMintBudgetOptions setExpectedReplicas(int expectedReplicas) {
    if (expectedReplicas < 1) {
      throw new IllegalArgumentException("expectedReplicas: must be 1 or more, got " + expectedReplicas);
    }
    this.expectedReplicas = expectedReplicas;
    return this;
  }

  /**
   * The longest shared pause one {@code Retry-After} records.
   *
   * @return default 60 s ({@link #DEFAULT_MAX_PAUSE})
   */
  public Duration getMaxPause() {
    return maxPause;
  }

  /**
   * Sets the longest shared pause (see {@link #getMaxPause()}).
   *
   * @param maxPause a positive duration
   * @return this
   */
  public RedisMintBudgetOptions setMaxPause(Duration maxPause) {
    this.maxPause = positive("maxPause", maxPause);
    return this;
  }

  /**
   * Vert.x Redis client options used as the base (Sentinel or Cluster mode, TLS trust, pool sizes); the
   * {@link #getConnectionString() connection string} is added to them.
   *
   * @return the options, or {@code null} (default) for the client's defaults
   */
  public RedisOptions getRedisOptions() {
    return redisOptions;
  }

  /**
   * Sets the Vert.x Redis client options used as the base (see {@link #getRedisOptions()}).
   *
   * @param redisOptions the options, or {@code null}
   * @return this
   */
  public RedisMintBudgetOptions setRedisOptions(RedisOptions redisOptions) {
    this.redisOptions = redisOptions;
    return this;
  }

  private static Duration positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": must be positive, got " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return "RedisMintBudgetOptions" + toJson().encode();
  }
}
