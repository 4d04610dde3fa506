package io.realtimesecrets.pool;

import io.realtimesecrets.pool.SecretPoolException.Reason;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * A pool on a virtual clock with a fake upstream, and a load generator that checks every hand-out: each
 * secret is new, and its true remaining life (on the server's clock) is at least the floor.
 */
final class PoolSim {

  final VirtualPoolClock clock = new VirtualPoolClock();
  final FakeUpstream upstream;
  final SecretPool<TestSecret> pool;
  final Random random = new Random(7);
  final Set<String> seen = new HashSet<>();
  final Map<Reason, Long> failures = new EnumMap<>(Reason.class);
  final Map<Reason, Long> maxFailureLatencyMillis = new EnumMap<>(Reason.class);
  long served;
  long duplicates;
  long underFloor;
  long minTrueRemainingMillis = Long.MAX_VALUE;
  long maxServeLatencyMillis;
  int pending;
  Throwable lastFailure;

  PoolSim(Vertx vertx, int ttlSeconds, SecretPoolOptions options) {
    upstream = new FakeUpstream(clock, ttlSeconds);
    pool = SecretPool.create(vertx, upstream, new TestRequest(ttlSeconds), options, clock);
  }

  /** Runs {@code body} on one Vert.x context, synchronously, then completes the test context. */
  static void onContext(Vertx vertx, VertxTestContext ctx, ThrowingConsumer body) {
    vertx.getOrCreateContext().runOnContext(v -> {
      try {
        body.run();
        ctx.completeNow();
      } catch (Throwable t) {
        ctx.failNow(t);
      }
    });
  }

  interface ThrowingConsumer {
    void run() throws Exception;
  }

  void take() {
    pending++;
    long t0 = clock.nanoTime();
    pool.take().onComplete(ar -> {
      pending--;
      long latencyMillis = (clock.nanoTime() - t0) / 1_000_000L;
      if (ar.succeeded()) {
        served++;
        maxServeLatencyMillis = Math.max(maxServeLatencyMillis, latencyMillis);
        TestSecret s = ar.result();
        if (!seen.add(s.secretValue())) {
          duplicates++;
        }
        long trueRemaining = s.expiresAt().toEpochMilli() - upstream.serverNowMillis();
        minTrueRemainingMillis = Math.min(minTrueRemainingMillis, trueRemaining);
        if (trueRemaining < pool.stats().floor().toMillis()) {
          underFloor++;
        }
      } else {
        lastFailure = ar.cause();
        Reason r = ((SecretPoolException) ar.cause()).reason();
        failures.merge(r, 1L, Long::sum);
        maxFailureLatencyMillis.merge(r, latencyMillis, Math::max);
      }
    });
  }

  long failed() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  long failed(Reason r) {
    return failures.getOrDefault(r, 0L);
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  /** Poisson takes at a constant rate. */
  void run(Duration duration, double perSecond) {
    run(duration, t -> perSecond);
  }

  /** Poisson takes at a rate that varies with the time (seconds since this call). */
  void run(Duration duration, DoubleUnaryOperator perSecondAt) {
    long start = clock.nanoTime();
    long end = start + duration.toNanos();
    for (;;) {
      long now = clock.nanoTime();
      double rate = perSecondAt.applyAsDouble((now - start) / 1e9);
      long gapNanos = rate <= 0 ? 100_000_000L
          : Math.max(1_000_000L, (long) (-Math.log(1 - random.nextDouble()) / rate * 1e9));
      gapNanos = (gapNanos / 1_000_000L) * 1_000_000L; // the virtual clock moves timers in whole ms
      if (now + gapNanos > end) {
        clock.advance(Duration.ofNanos(end - now));
        return;
      }
      clock.advance(Duration.ofNanos(gapNanos));
      if (rate > 0) {
        take();
      }
    }
  }
}
