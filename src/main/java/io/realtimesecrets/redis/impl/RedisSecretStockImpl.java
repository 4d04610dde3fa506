package io.realtimesecrets.redis.impl;

import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.ModelJson;
import io.realtimesecrets.redis.RedisSecretStock;
import io.realtimesecrets.redis.RedisSecretStockOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** The Redis shared stock: two Lua scripts (put, take) and AES-GCM around each secret's JSON. */
public final class RedisSecretStockImpl implements RedisSecretStock {

  private static final String NOW_MILLIS = String.join("\n",
      "if redis.replicate_commands then pcall(redis.replicate_commands) end",
      "local t = redis.call('TIME')",
      "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)");

  /** KEYS[1] the sorted set; ARGV[1] milliseconds until the secret retires, ARGV[2] the encrypted entry. */
  static final String PUT_SCRIPT = String.join("\n", NOW_MILLIS,
      "local life = tonumber(ARGV[1])",
      "redis.call('ZADD', KEYS[1], string.format('%.0f', now + life), ARGV[2])",
      // the set lives as long as its longest-lived secret, never longer
      "if redis.call('PTTL', KEYS[1]) < life then redis.call('PEXPIRE', KEYS[1], life) end",
      "return 1");

  /** KEYS[1] the sorted set. Drops the retired, pops the valid entry that retires first, or returns nil. */
  static final String TAKE_SCRIPT = String.join("\n", NOW_MILLIS,
      "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now))",
      "local first = redis.call('ZRANGE', KEYS[1], 0, 0)",
      "if #first == 0 then return false end",
      "redis.call('ZREM', KEYS[1], first[1])",
      "return first[1]");

  /**
   * KEYS[1] the sorted set; ARGV[1] the horizon (ms). Drops the retired, counts those still usable after the
   * horizon.
   */
  static final String SIZE_SCRIPT = String.join("\n", NOW_MILLIS,
      "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now))",
      "return redis.call('ZCOUNT', KEYS[1], '(' .. string.format('%.0f', now + tonumber(ARGV[1])), '+inf')");

  private static final System.Logger LOG = System.getLogger("io.realtimesecrets.redis");
  private static final String PUT_SHA = RedisClients.sha1(PUT_SCRIPT);
  private static final String SIZE_SHA = RedisClients.sha1(SIZE_SCRIPT);
  private static final String TAKE_SHA = RedisClients.sha1(TAKE_SCRIPT);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final Redis redis;
  private final String stockKey;
  private final byte[] associatedData;
  private final SecretKeySpec aesKey;
  private final long timeoutMillis;
  private final CallStats stats = new CallStats(System::nanoTime);
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /**
   * Creates the stock.
   *
   * @param vertx the Vert.x instance
   * @param options the options (a copy the stock owns)
   * @param env the environment, for {@value RedisSecretStockOptions#ENCRYPTION_KEY_VARIABLE}
   */
  public RedisSecretStockImpl(Vertx vertx, RedisSecretStockOptions options, Map<String, String> env) {
    byte[] key = options.getEncryptionKey();
    if (key == null) {
      String fromEnv = env.get(RedisSecretStockOptions.ENCRYPTION_KEY_VARIABLE);
      if (fromEnv == null || fromEnv.isBlank()) {
        throw new IllegalArgumentException("the shared stock needs an encryption key: set "
            + RedisSecretStockOptions.ENCRYPTION_KEY_VARIABLE + " to the base64 of 32 random bytes "
            + "(openssl rand -base64 32), the same on every replica");
      }
      try {
        key = new RedisSecretStockOptions().setEncryptionKeyBase64(fromEnv).getEncryptionKey();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(RedisSecretStockOptions.ENCRYPTION_KEY_VARIABLE
            + ": must be the base64 of 16, 24 or 32 bytes");
      }
    }
    this.vertx = vertx;
    this.aesKey = new SecretKeySpec(key, "AES");
    this.stockKey = "{" + options.getKey() + "}:stock";
    // an entry copied into another stock does not decrypt there
    this.associatedData = stockKey.getBytes(StandardCharsets.UTF_8);
    this.timeoutMillis = Math.max(1, options.getTimeout().toMillis());
    this.redis = RedisClients.create(vertx, options.getConnectionString(), options.getRedisOptions(), timeoutMillis);
  }

  @Override
  public Future<Void> put(EphemeralSecret secret, Instant retireAt) {
    return put(secret, Duration.ofMillis(retireAt.toEpochMilli() - System.currentTimeMillis()));
  }

  @Override
  public Future<Void> put(EphemeralSecret secret, Duration usableFor) {
    long life = usableFor.toMillis();
    if (life <= 0) {
      return Future.succeededFuture();
    }
    String entry;
    try {
      entry = encrypt(secret.toJson().getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      return Future.failedFuture(new IllegalStateException("could not encrypt a secret for the shared stock"));
    }
    return script(PUT_SCRIPT, PUT_SHA, Long.toString(life), entry).mapEmpty();
  }

  @Override
  public <R extends EphemeralSecret> Future<R> take(Class<R> type) {
    return script(TAKE_SCRIPT, TAKE_SHA).onFailure(e -> misses.increment()).compose(r -> {
      if (r == null) {
        misses.increment();
        return Future.succeededFuture(null);
      }
      byte[] json;
      try {
        json = decrypt(r.toString());
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // no cause attached: nothing about the entry is worth a log line
        misses.increment();
        return Future.failedFuture(new IllegalStateException("a secret of the shared stock could not be "
            + "decrypted (put with another encryption key?); it is dropped"));
      }
      hits.increment();
      return Future.succeededFuture(ModelJson.decode(json, type));
    });
  }

  @Override
  public Future<Long> size() {
    return withTimeout(redis.send(Request.cmd(Command.ZCARD).arg(stockKey)))
        .map(r -> r == null ? 0L : r.toLong());
  }

  @Override
  public Future<Long> size(Duration horizon) {
    return script(SIZE_SCRIPT, SIZE_SHA, Long.toString(Math.max(0, horizon.toMillis())))
        .map(r -> r == null ? 0L : r.toLong());
  }

  @Override
  public long hits() {
    return hits.sum();
  }

  @Override
  public long misses() {
    return misses.sum();
  }

  @Override
  public boolean isFallback() {
    return stats.isDown();
  }

  @Override
  public long roundTrips() {
    return stats.roundTrips();
  }

  @Override
  public Duration roundTripTime() {
    return stats.roundTripTime();
  }

  @Override
  public Duration fallbackTime() {
    return stats.fallbackTime();
  }

  @Override
  public Future<Void> close() {
    return RedisClients.close(redis);
  }

  private Future<Response> script(String script, String sha, String... args) {
    return withTimeout(RedisClients.runScript(redis, script, sha, r -> {
      r.arg(1L).arg(stockKey);
      for (String a : args) {
        r.arg(a);
      }
      return r;
    }));
  }

  private <T> Future<T> withTimeout(Future<T> call) {
    long sent = System.nanoTime();
    Promise<T> result = Promise.promise();
    long timer = vertx.setTimer(timeoutMillis, id -> result.tryFail(
        new IllegalStateException("Redis did not answer within " + timeoutMillis + " ms")));
    result.future().onComplete(ar -> {
      if (ar.succeeded()) {
        stats.roundTrip(System.nanoTime() - sent);
        if (stats.up()) {
          LOG.log(System.Logger.Level.INFO, "Redis shared stock reachable again: secrets are shared by the fleet");
        }
      } else if (stats.down()) {
        // once per outage; the cause names host and port at most, never the connection string's password
        LOG.log(System.Logger.Level.WARNING, "Redis shared stock unreachable (" + RedisClients.describe(ar.cause())
            + "): this replica serves from its own stock and mints until Redis answers again");
      }
    });
    call.onComplete(ar -> {
      vertx.cancelTimer(timer);
      // each a no-op when the timer failed it first
      if (ar.succeeded()) {
        result.tryComplete(ar.result());
      } else {
        result.tryFail(ar.cause());
      }
    });
    return result.future();
  }

  private String encrypt(byte[] plain) throws GeneralSecurityException {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData);
    byte[] sealed = cipher.doFinal(plain);
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
        .put(nonce).put(sealed).array());
  }

  private byte[] decrypt(String entry) throws GeneralSecurityException {
    byte[] all = Base64.getDecoder().decode(entry);
    if (all.length <= NONCE_BYTES) {
      throw new GeneralSecurityException("short entry");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
    cipher.updateAAD(associatedData);
    return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
  }

  @Override
  public String toString() {
    return "RedisSecretStock(" + stockKey + ")";
  }
}
