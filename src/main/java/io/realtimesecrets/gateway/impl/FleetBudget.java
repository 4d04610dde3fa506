package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.pool.MintBudget;
import io.realtimesecrets.redis.RedisMintBudget;
import io.realtimesecrets.redis.RedisMintBudgetOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The gateway's mint budget shared by the fleet through Redis ({@code redisUrl} and {@code mintRateLimit}).
 * The only gateway class that names the Redis types, and used only with a Redis URL, so a gateway without one
 * runs without vertx-redis-client on the class path.
 */
final class FleetBudget {

  private FleetBudget() {
  }

  /**
   * The budget the gateway's pools share with every replica on the same Redis.
   *
   * @param vertx the Vert.x instance
   * @param options the gateway's options (validated: {@code redisUrl} and {@code mintRateLimit} set)
   * @return the budget
   */
  static MintBudget create(Vertx vertx, GatewayOptions options) {
    RedisMintBudgetOptions budget = new RedisMintBudgetOptions()
        .setConnectionString(options.getRedisUrl())
        .setMintsPerSecond(options.getMintRateLimit())
        .setExpectedReplicas(options.getReplicas());
    if (options.getRedisOptions() != null) {
      budget.setRedisOptions(FleetBudget.redisOptions(options));
    }
    return RedisMintBudget.create(vertx, budget);
  }

  /**
   * Whether the budget is on its local fallback (Redis did not answer its last ask).
   *
   * @param budget the budget from {@link #create}
   * @return reads the state
   */
  static java.util.function.BooleanSupplier fallbackState(MintBudget budget) {
    return ((RedisMintBudget) budget)::isFallback;
  }

  /**
   * Publishes the budget's counts, round trips and fallback time.
   *
   * @param metrics the gateway's metrics
   * @param budget the budget from {@link #create}
   */
  static void bindMetrics(GatewayMetrics metrics, MintBudget budget) {
    RedisMintBudget redis = (RedisMintBudget) budget;
    metrics.registerFleetBudgetCounts(redis::waits, redis::pausesRecorded);
    metrics.registerRedisPart("budget", "all", redis::roundTrips, () -> redis.roundTripTime().toNanos(),
        () -> redis.fallbackTime().toNanos());
  }

  /**
   * Releases what the budget holds (its Redis connection), after the pools are closed.
   *
   * @param budget the budget from {@link #create}
   * @return completes when released
   */
  static Future<Void> close(MintBudget budget) {
    if (budget instanceof RedisMintBudget) {
      return ((RedisMintBudget) budget).close();
    }
    return Future.succeededFuture();
  }

  /**
   * The Vert.x Redis options of {@code redisOptions}; without {@code endpoints} of their own, the one endpoint
   * is {@code redisUrl} (not Vert.x's default, localhost).
   *
   * @param options the gateway's options, {@code redisOptions} set
   * @return the client options
   */
  static io.vertx.redis.client.RedisOptions redisOptions(GatewayOptions options) {
    io.vertx.core.json.JsonObject json = options.getRedisOptions();
    if (!json.containsKey("endpoints")) {
      json.put("endpoints", new io.vertx.core.json.JsonArray().add(options.getRedisUrl()));
    }
    return new io.vertx.redis.client.RedisOptions(json);
  }
}
