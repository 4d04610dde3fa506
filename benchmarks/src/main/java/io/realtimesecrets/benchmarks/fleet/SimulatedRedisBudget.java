package io.realtimesecrets.benchmarks.fleet;

import io.realtimesecrets.pool.MintBudget;
import io.realtimesecrets.pool.VirtualPoolClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;

/**
 * What {@code RedisMintBudget} gives the fleet, minus Redis: one budget every replica's pool asks, on the
 * virtual clock. Its rules are the Redis script's, with the default burst of one: mints spread evenly at
 * {@code mintsPerSecond}; a mint a caller is waiting for may borrow one interval ahead of the rate, so it goes
 * before the refills; a {@code Retry-After} any replica receives pauses every replica's mints until it ends (at
 * most 60 s, {@code RedisMintBudgetOptions.DEFAULT_MAX_PAUSE}). Each answer comes one simulated Redis round trip
 * after the ask; the decision is made when asked. Not thread safe: the simulation runs on one context.
 */
final class SimulatedRedisBudget implements MintBudget {

  private static final Duration MAX_PAUSE = Duration.ofSeconds(60);

  private final VirtualPoolClock clock;
  private final long intervalNanos;
  private final long roundTripMillis;
  private long nextFreeNanos;
  private boolean used;
  private long pausedUntilNanos;
  private boolean paused;

  SimulatedRedisBudget(VirtualPoolClock clock, double mintsPerSecond, long roundTripMillis) {
    if (!(mintsPerSecond > 0)) {
      throw new IllegalArgumentException("mintsPerSecond: must be above 0, got " + mintsPerSecond);
    }
    this.clock = clock;
    this.intervalNanos = Math.max(1, (long) (1e9 / mintsPerSecond));
    this.roundTripMillis = roundTripMillis;
  }

  @Override
  public Future<Duration> acquire() {
    return ask(0);
  }

  /**
   * A mint for a waiting caller: borrows one interval ahead of the rate. No {@code @Override}, so that this
   * compiles against a library from before {@code MintBudget.acquireForWaitingCaller()} too (a pool of such a
   * library never calls it).
   *
   * @return as {@link #acquire()}
   */
  public Future<Duration> acquireForWaitingCaller() {
    return ask(intervalNanos);
  }

  private Future<Duration> ask(long borrowNanos) {
    long now = clock.nanoTime();
    Duration wait;
    if (paused && pausedUntilNanos - now > 0) {
      wait = Duration.ofNanos(pausedUntilNanos - now);
    } else if (!used || nextFreeNanos - now <= borrowNanos) {
      // no burst after an idle spell: the next free instant never lags behind now
      nextFreeNanos = (!used || now - nextFreeNanos > 0 ? now : nextFreeNanos) + intervalNanos;
      used = true;
      wait = Duration.ZERO;
    } else {
      wait = Duration.ofNanos(nextFreeNanos - borrowNanos - now);
    }
    if (roundTripMillis <= 0) {
      return Future.succeededFuture(wait);
    }
    Promise<Duration> later = Promise.promise();
    clock.setTimer(roundTripMillis, () -> later.complete(wait));
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
    return "SimulatedRedisBudget(" + (1e9 / intervalNanos) + "/s, rtt " + roundTripMillis + " ms)";
  }
}
