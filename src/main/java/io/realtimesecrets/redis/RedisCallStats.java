package io.realtimesecrets.redis;

import java.time.Duration;

/**
 * What a Redis-backed part ({@link RedisMintBudget}, {@link RedisSecretStock}) saw of Redis: its round trips
 * and the time it spent on its fallback because Redis did not answer. Counters since creation, thread safe;
 * a gateway publishes them as {@code realtime_secrets_redis_*} metrics.
 */
public interface RedisCallStats {

  /**
   * Whether the part is on its fallback now (its last call to Redis failed or timed out).
   *
   * @return {@code true} while on the fallback
   */
  boolean isFallback();

  /**
   * Calls Redis answered.
   *
   * @return the count
   */
  long roundTrips();

  /**
   * The total time of the calls Redis answered ({@link #roundTrips()} of them): the mean round trip is this
   * divided by the count.
   *
   * @return the sum
   */
  Duration roundTripTime();

  /**
   * The total time spent on the fallback, the current stretch included.
   *
   * @return the sum
   */
  Duration fallbackTime();
}
