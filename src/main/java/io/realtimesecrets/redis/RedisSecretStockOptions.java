package io.realtimesecrets.redis;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Options of a {@link RedisSecretStock}: where Redis is, the name of the stock, and the AES key its secrets
 * are encrypted with. Fluent setters return {@code this}; every default is a {@code DEFAULT_*} constant. The
 * connection string and the key never appear in {@link #toString()} nor {@link #toJson()}.
 */
public class RedisSecretStockOptions {

  /** Default {@code connectionString}: {@value}, a Redis on this machine. */
  public static final String DEFAULT_CONNECTION_STRING = "redis://127.0.0.1:6379";
  /**
   * Default {@code key}: {@value}. Replicas sharing one stock use the same key (and the same encryption key);
   * the Redis key is {@code {KEY}:stock}, a sorted set by retire time.
   */
  public static final String DEFAULT_KEY = "realtime-secrets:stock";
  /** Default {@code timeout}: 500 ms; a slower answer fails the call (the caller mints or uses its own stock). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
  /**
   * The environment variable the encryption key is read from when none is set:
   * {@value}, the base64 of 16, 24 or 32 random bytes (e.g. {@code openssl rand -base64 32}).
   */
  public static final String ENCRYPTION_KEY_VARIABLE = "REALTIME_SECRETS_STOCK_KEY";

  private String connectionString = DEFAULT_CONNECTION_STRING;
  private String key = DEFAULT_KEY;
  private Duration timeout = DEFAULT_TIMEOUT;
  private byte[] encryptionKey;
  private RedisOptions redisOptions;

  /** Options with the defaults. */
  public RedisSecretStockOptions() {
  }

  /**
   * A copy.
   *
   * @param other the options to copy
   */
  public RedisSecretStockOptions(RedisSecretStockOptions other) {
    this.connectionString = other.connectionString;
    this.key = other.key;
    this.timeout = other.timeout;
    this.encryptionKey = other.encryptionKey == null ? null : other.encryptionKey.clone();
    this.redisOptions = other.redisOptions == null ? null : new RedisOptions(other.redisOptions);
  }

  /**
   * Options from JSON: {@code connectionString}, {@code key}, {@code timeoutMillis}; an absent field keeps its
   * default. The encryption key is not read from JSON: it comes from code or the environment.
   *
   * @param json the JSON
   */
  public RedisSecretStockOptions(JsonObject json) {
    setConnectionString(json.getString("connectionString", DEFAULT_CONNECTION_STRING));
    setKey(json.getString("key", DEFAULT_KEY));
    setTimeout(Duration.ofMillis(json.getLong("timeoutMillis", DEFAULT_TIMEOUT.toMillis())));
  }

  /**
   * These options as JSON, without the connection string (it may hold a password) nor the encryption key.
   *
   * @return the JSON
   */
  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("timeoutMillis", timeout.toMillis());
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
   * Sets where Redis is.
   *
   * @param connectionString a {@code redis://} or {@code rediss://} URL
   * @return this
   */
  public RedisSecretStockOptions setConnectionString(String connectionString) {
    Objects.requireNonNull(connectionString, "connectionString");
    if (!connectionString.startsWith("redis://") && !connectionString.startsWith("rediss://")) {
      throw new IllegalArgumentException("connectionString: must start with redis:// or rediss://");
    }
    this.connectionString = connectionString;
    return this;
  }

  /**
   * The name of the stock in Redis.
   *
   * @return default {@value #DEFAULT_KEY}
   */
  public String getKey() {
    return key;
  }

  /**
   * Sets the name of the stock in Redis; one per request template (profile), since a taker gets any secret
   * of the stock.
   *
   * @param key not blank, without braces
   * @return this
   */
  public RedisSecretStockOptions setKey(String key) {
    if (key == null || key.isBlank() || key.contains("{") || key.contains("}")) {
      throw new IllegalArgumentException("key: must not be blank nor contain braces");
    }
    this.key = key;
    return this;
  }

  /**
   * How long a call may wait for Redis before it fails.
   *
   * @return default 500 ms ({@link #DEFAULT_TIMEOUT})
   */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets how long a call may wait for Redis.
   *
   * @param timeout a positive duration
   * @return this
   */
  public RedisSecretStockOptions setTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: must be positive");
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * The AES key (16, 24 or 32 bytes) the secrets are encrypted with (AES-GCM), or {@code null} (default) to
   * read it from the environment variable {@value #ENCRYPTION_KEY_VARIABLE} when the stock is created.
   *
   * @return a copy of the key, or {@code null}
   */
  public byte[] getEncryptionKey() {
    return encryptionKey == null ? null : encryptionKey.clone();
  }

  /**
   * Sets the AES key (see {@link #getEncryptionKey()}).
   *
   * @param encryptionKey 16, 24 or 32 bytes, or {@code null} for the environment variable
   * @return this
   */
  public RedisSecretStockOptions setEncryptionKey(byte[] encryptionKey) {
    if (encryptionKey != null && encryptionKey.length != 16 && encryptionKey.length != 24
        && encryptionKey.length != 32) {
      throw new IllegalArgumentException("encryptionKey: must be 16, 24 or 32 bytes, got " + encryptionKey.length);
    }
    this.encryptionKey = encryptionKey == null ? null : encryptionKey.clone();
    return this;
  }

  /**
   * Sets the AES key from its base64 form, as {@value #ENCRYPTION_KEY_VARIABLE} holds it.
   *
   * @param base64 the base64 of 16, 24 or 32 bytes
   * @return this
   * @throws IllegalArgumentException when it is not (the message does not repeat it)
   */
  public RedisSecretStockOptions setEncryptionKeyBase64(String base64) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(Objects.requireNonNull(base64, "encryptionKey").trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("encryptionKey: must be base64 (e.g. openssl rand -base64 32)");
    }
    return setEncryptionKey(decoded);
  }

  /**
   * Vert.x Redis client options used as the base (Sentinel or Cluster mode, TLS trust, pool sizes).
   *
   * @return the options, or {@code null} (default) for the client's defaults
   */
  public RedisOptions getRedisOptions() {
    return redisOptions;
  }

  /**
   * Sets the Vert.x Redis client options used as the base.
   *
   * @param redisOptions the options, or {@code null}
   * @return this
   */
  public RedisSecretStockOptions setRedisOptions(RedisOptions redisOptions) {
    this.redisOptions = redisOptions;
    return this;
  }

  @Override
  public String toString() {
    return "RedisSecretStockOptions" + toJson().encode();
  }
}
