package io.realtimesecrets.benchmarks.fleet;

import io.realtimesecrets.pool.MintBudget;
import io.realtimesecrets.pool.VirtualPoolClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;

/**
 * What {@code RedisMintBudget} gives the fleet, minus Redis: one budget every replica's pool asks, spending
 * {@link MintBudget#local(double, io.realtimesecrets.pool.PoolClock)} (mints spread evenly, no burst) on the
 * virtual clock, plus the shared pause: a {@code Retry-After} any replica receives holds every replica's mints
 * until it ends (at most {@code maxPause}, like {@code RedisMintBudgetOptions.DEFAULT_MAX_PAUSE}). Each answer
 * comes one simulated Redis round trip after the ask; the decision is made when asked.
 */
final class SimulatedRedisBudget implements MintBudget {

  private static final Duration MAX_PAUSE = Duration.ofSeconds(60);

  private final VirtualPoolClock clock;
  private final MintBudget rate;
  private final long roundTripMillis;
  private long pausedUntilNanos;
  private boolean paused;

  /** Asks answered with a wait (the pool asks again after it). */
  long waits;

  SimulatedRedisBudget(VirtualPoolClock clock, double mintsPerSecond, long roundTripMillis) {
    this.clock = clock;
    this.rate = MintBudget.local(mintsPerSecond, clock);
    this.roundTripMillis = roundTripMillis;
  }

  @Override
  public Future<Duration> acquire() {
    long now = clock.nanoTime();
    Future<Duration> answer = paused && pausedUntilNanos - now > 0
        ? Future.succeededFuture(Duration.ofNanos(pausedUntilNanos - now))
        : rate.acquire();
    if (!answer.result().isZero()) {
      waits++;
    }
    if (roundTripMillis <= 0) {
      return answer;
    }
    Promise<Duration> later = Promise.promise();
    clock.setTimer(roundTripMillis, () -> later.complete(answer.result()));
    return later.future();
  }

  @Override
  public void rateLimited(Duration retryAfter) {
    if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
      return;
    }
    long until = clock.nanoTime() + Math.min(retryAfter.toNanos(), MAX_PAUSE.toNanos());
    if (!paused || until - pausedUntilNanos > 0) {
      pausedUntilNanos = until;
      paused = true;
    }
  }

  @Override
  public String toString() {
    return "SimulatedRedisBudget(" + rate + ", rtt " + roundTripMillis + " ms)";
  }
}
