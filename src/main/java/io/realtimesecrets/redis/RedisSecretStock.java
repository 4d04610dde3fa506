package io.realtimesecrets.redis;

import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.pool.SharedSecretStock;
import io.realtimesecrets.redis.impl.RedisSecretStockImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;

/**
 * A stock of minted secrets shared by a fleet of replicas through Redis: any replica puts the secrets it
 * minted, any replica takes one, and each secret goes to exactly one taker in the whole fleet.
 *
 * <p>How: a sorted set by retire time (the instant a secret must no longer be handed out). One Lua script
 * takes atomically: it drops every secret whose retire time has passed (on Redis's clock) and pops the valid
 * one that retires first. The set's TTL follows its latest retire time, so nothing outlives its secrets.
 *
 * <p>Secrets are live credentials: each is stored encrypted with AES-GCM (a random 96-bit nonce per secret,
 * the stock's name as associated data) under a key from {@link RedisSecretStockOptions#setEncryptionKey} or
 * the environment variable {@value RedisSecretStockOptions#ENCRYPTION_KEY_VARIABLE}; Redis never sees a
 * secret in clear, and nothing about them is logged. Use AUTH and TLS ({@code rediss://}) all the same.
 *
 * <p>A pool uses it as its {@link SharedSecretStock} ({@code SecretPoolOptions.setSharedStock}); one stock
 * (one {@link RedisSecretStockOptions#setKey key}) per request template. A call Redis does not answer fails
 * within the timeout, logs one warning (and one line when Redis answers again) and counts toward
 * {@link #fallbackTime()}; {@link #isFallback()} says whether the last call failed.
 *
 * <p>Thread safe; futures complete on the Redis client's context. Needs {@code io.vertx:vertx-redis-client}.
 */
public interface RedisSecretStock extends SharedSecretStock, RedisCallStats {

  /**
   * Creates a stock; connects lazily.
   *
   * @param vertx the Vert.x instance (not closed by the stock)
   * @param options the options
   * @return the stock
   * @throws IllegalArgumentException when there is no encryption key, in the options or the environment
   */
  static RedisSecretStock create(Vertx vertx, RedisSecretStockOptions options) {
    return new RedisSecretStockImpl(vertx, new RedisSecretStockOptions(options), System.getenv());
  }

  /**
   * Puts a secret in the shared stock. A secret whose retire time has already passed is not stored.
   *
   * @param secret the secret (its upstream JSON is stored, encrypted)
   * @param retireAt when it must no longer be handed out, on this machine's clock (sent as a delay, so
   *     replicas' clocks need not agree)
   * @return completes when stored; fails when Redis does not answer within the timeout
   */
  Future<Void> put(EphemeralSecret secret, Instant retireAt);

  /**
   * Puts a secret in the shared stock, usable for {@code usableFor} from now (on Redis's clock once there).
   * A secret with no usable time left is not stored.
   *
   * @param secret the secret (its upstream JSON is stored, encrypted)
   * @param usableFor how long it may still be handed out
   * @return completes when stored; fails when Redis does not answer within the timeout
   */
  @Override
  Future<Void> put(EphemeralSecret secret, Duration usableFor);

  /**
   * Takes the valid secret that retires first, removing it for the whole fleet.
   *
   * @param type the response type it was put as (e.g. {@code ClientSecret.class})
   * @param <R> the response type
   * @return the secret, or {@code null} when the stock holds no valid one; fails when Redis does not answer
   *     or the entry cannot be decrypted (a different encryption key): that entry is gone either way
   */
  @Override
  <R extends EphemeralSecret> Future<R> take(Class<R> type);

  /**
   * How many secrets the stock holds that are still usable {@code horizon} from now (on Redis's clock);
   * drops those already past their usable time.
   *
   * @param horizon from now
   * @return the count
   */
  @Override
  Future<Long> size(Duration horizon);

  /**
   * Takes that returned a secret.
   *
   * @return the count
   */
  long hits();

  /**
   * Takes that returned none: the stock was empty, or the call failed.
   *
   * @return the count
   */
  long misses();

  /**
   * How many secrets the stock holds, including any whose retire time passed but that no take dropped yet.
   *
   * @return the count
   */
  Future<Long> size();

  /**
   * Closes the connection to Redis.
   *
   * @return completes when closed
   */
  Future<Void> close();
}
