package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.pool.SharedSecretStock;
import io.realtimesecrets.redis.RedisSecretStock;
import io.realtimesecrets.redis.RedisSecretStockOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The pooled profiles' stocks shared by the fleet through Redis ({@code sharedStock}). Like
 * {@link FleetBudget}, the only gateway class that names the Redis stock types, used only with the shared
 * stock on, so a gateway without it runs without vertx-redis-client on the class path.
 */
final class FleetStock {

  /** The Redis key of a profile's stock is this prefix and the profile's name. */
  static final String KEY_PREFIX = "realtime-secrets:stock:";

  private FleetStock() {
  }

  /**
   * The stock a profile's pool shares with every replica on the same Redis: one per profile, since a taker
   * gets any secret of a stock. The AES key is {@code sharedStockKey}, else the environment variable
   * {@value RedisSecretStockOptions#ENCRYPTION_KEY_VARIABLE}.
   *
   * @param vertx the Vert.x instance
   * @param options the gateway's options ({@code redisUrl} set)
   * @param profile the profile's name
   * @return the stock
   * @throws IllegalArgumentException when the encryption key is missing or invalid (the message names the
   *     variable, never its value)
   */
  static SharedSecretStock create(Vertx vertx, GatewayOptions options, String profile) {
    RedisSecretStockOptions stock = new RedisSecretStockOptions()
        .setConnectionString(options.getRedisUrl())
        .setKey(KEY_PREFIX + profile);
    if (options.getSharedStockKey() != null) {
      stock.setEncryptionKeyBase64(options.getSharedStockKey());
    }
    if (options.getRedisOptions() != null) {
      stock.setRedisOptions(FleetBudget.redisOptions(options));
    }
    return RedisSecretStock.create(vertx, stock);
  }

  /**
   * Whether any of the stocks is on its fallback (its last call to Redis failed).
   *
   * @param stocks the stocks from {@link #create}
   * @return reads the state
   */
  static BooleanSupplier fallbackState(Map<String, SharedSecretStock> stocks) {
    List<RedisSecretStock> all = new ArrayList<>();
    stocks.values().forEach(s -> all.add((RedisSecretStock) s));
    return () -> all.stream().anyMatch(RedisSecretStock::isFallback);
  }

  /**
   * Publishes each stock's metrics.
   *
   * @param metrics the gateway's metrics
   * @param stocks the stocks from {@link #create}, by profile
   */
  static void bindMetrics(GatewayMetrics metrics, Map<String, SharedSecretStock> stocks) {
    stocks.forEach((profile, s) -> {
      RedisSecretStock stock = (RedisSecretStock) s;
      metrics.registerSharedStock(profile, stock::isFallback, stock::hits, stock::misses);
      metrics.registerRedisPart("stock", profile, stock::roundTrips, () -> stock.roundTripTime().toNanos(),
          () -> stock.fallbackTime().toNanos());
    });
  }

  /**
   * Releases the stocks' Redis connections, after the pools are closed. What is in the stocks stays for the
   * other replicas (each entry expires with its secret).
   *
   * @param stocks the stocks from {@link #create}
   * @return completes when released
   */
  static Future<Void> close(Map<String, SharedSecretStock> stocks) {
    List<Future<Void>> closed = new ArrayList<>();
    stocks.values().forEach(s -> closed.add(((RedisSecretStock) s).close()));
    return Future.join(closed).mapEmpty();
  }
}
