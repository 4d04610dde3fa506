package io.realtimesecrets.redis;

import io.realtimesecrets.pool.MintBudget;
import io.realtimesecrets.redis.impl.RedisMintBudgetImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A {@link MintBudget} for a fleet: every gateway replica (every process) that uses the same Redis and
 * {@link RedisMintBudgetOptions#getKey() key} spends one budget of
 * {@link RedisMintBudgetOptions#getMintsPerSecond() mints per second}, so together they stay under the
 * organisation's rate limit instead of each learning it from its own 429 answers.
 *
 * <p>How: one Lua script, loaded once ({@code SCRIPT LOAD} when the budget is created, which also opens the
 * connection) and run atomically with {@code EVALSHA} (with {@code EVAL} when Redis answers
 * {@code NOSCRIPT}, after a restart say), implements GCRA (the generic cell rate algorithm, a token bucket kept as one
 * timestamp) on Redis's own clock, so the replicas' clocks do not matter. When any replica's upstream answers
 * 429 with {@code Retry-After}, the pool calls {@link #rateLimited}, which records a shared pause (a key with
 * that TTL, at most {@link RedisMintBudgetOptions#getMaxPause() maxPause}); every replica's {@link #acquire()}
 * answers "wait" until it expires.
 *
 * <p>Redis down, slow or unreachable: {@link #acquire()} never fails and never waits longer than
 * {@link RedisMintBudgetOptions#getTimeout() timeout}; it paces this replica with a local budget of
 * {@code mintsPerSecond / expectedReplicas} instead, logs one warning (and one line when Redis is back), and
 * tries Redis again every {@link RedisMintBudgetOptions#getRetryInterval() retryInterval}.
 * {@link #isFallback()} says which of the two is in force.
 *
 * <p>Use: create one per process and give it to every pool ({@code SecretPoolOptions.setMintBudget}), or set
 * {@code redisUrl} and {@code mintRateLimit} on the gateway; {@link #close()} it after the pools. Thread
 * safe. It needs {@code io.vertx:vertx-redis-client} (an optional dependency of this library) on the class
 * path, at the version of the application's Vert.x line.
 */
public interface RedisMintBudget extends MintBudget, RedisCallStats {

  /**
   * Creates a budget and starts connecting (without waiting: {@link #acquire()} falls back until Redis
   * answers).
   *
   * @param vertx the Vert.x instance (not closed by the budget)
   * @param options the options; {@code mintsPerSecond} must be set
   * @return the budget
   * @throws IllegalArgumentException when {@code mintsPerSecond} is not set
   */
  static RedisMintBudget create(Vertx vertx, RedisMintBudgetOptions options) {
    return new RedisMintBudgetImpl(vertx, new RedisMintBudgetOptions(options),
        io.realtimesecrets.pool.PoolClock.system(vertx));
  }

  /**
   * Whether this replica is pacing itself with the local fallback because Redis did not answer.
   *
   * @return {@code true} while on the fallback
   */
  @Override
  boolean isFallback();

  /**
   * Answers of {@link #acquire()} that said "wait" (the fleet's budget spent, a shared pause, or the
   * fallback's pacing).
   *
   * @return the count
   */
  long waits();

  /**
   * Pauses this replica recorded in Redis for the fleet (after a {@code 429} with {@code Retry-After}).
   *
   * @return the count
   */
  long pausesRecorded();

  /**
   * Closes the connection to Redis. The budget answers from the fallback afterwards.
   *
   * @return completes when closed
   */
  Future<Void> close();
}
