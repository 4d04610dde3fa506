package io.realtimesecrets.pool;

import static io.realtimesecrets.pool.PoolSim.onContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.pool.SecretPoolException.Reason;
import io.realtimesecrets.pool.SecretPoolStats.CircuitState;
import io.realtimesecrets.pool.SecretPoolStats.UpstreamErrorKind;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pool when callers give up, the upstream answers in bursts or with absurd values, or a rate limit
 * binds (issue 10, pool items 3 to 7), on a virtual clock.
 */
@ExtendWith(VertxExtension.class)
class SecretPoolHardeningTest {

  private static Duration s(double seconds) {
    return Duration.ofMillis((long) (seconds * 1000));
  }

  private static void assertBalanced(SecretPoolStats st) {
    assertTrue(st.isBalanced(), () -> "accounting must balance: " + st);
  }

  // ---- 2. nothing can end the pool's own work silently ----------------------------------------------

  @Test
  void aThrowingEventsListenerCannotStopRefreshNorLeaveAWaiterHanging(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(2).setIdleSleepAfter(Duration.ZERO)
          .setAcquireTimeout(s(1)));
      ((io.realtimesecrets.pool.impl.SecretPoolImpl<TestSecret>) sim.pool).addEvents(
          new io.realtimesecrets.pool.impl.PoolEvents() {
            @Override
            public void takeCompleted(String result, long latencyNanos) {
              throw new IllegalStateException("broken metrics");
            }

            @Override
            public void mintCompleted(boolean success, long latencyNanos) {
              throw new IllegalStateException("broken metrics");
            }
          });
      sim.pool.start();
      sim.upstream.latency = () -> s(3);
      sim.run(s(2), 5); // stock runs out; waiters time out while mints take 3 s
      sim.advance(s(2));
      assertEquals(0, sim.pending, "every waiter completed");
      long minted = sim.pool.stats().minted();
      sim.upstream.latency = () -> s(0.3);
      sim.run(Duration.ofMinutes(3), 1);
      assertTrue(sim.pool.stats().minted() > minted + 100, "the pool kept refreshing: " + sim.pool.stats());
      assertTrue(sim.served > 150, "served " + sim.served);
      assertBalanced(sim.pool.stats());
    });
  }

  @Test
  void aCallerWhoseCallbackThrowsGetsItsSecretAndTheMintStillCountsAsASuccess(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      // one failure opens the circuit: a callback's exception mistaken for a failed mint would show at once
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setIdleSleepAfter(Duration.ZERO)
          .setCircuitFailureThreshold(1));
      sim.upstream.latency = () -> s(0.5);
      AtomicInteger delivered = new AtomicInteger();
      AtomicInteger thrownIntoThePool = new AtomicInteger();
      AtomicBoolean taking = new AtomicBoolean();
      for (int i = 0; i < 3; i++) {
        taking.set(true);
        sim.pool.take().onSuccess(secret -> {
          delivered.incrementAndGet();
          if (!taking.get()) { // a hit completes here in the test; only a waiter's delivery comes from the pool
            thrownIntoThePool.incrementAndGet();
            throw new IllegalStateException("a bug in the application's own callback");
          }
        });
        taking.set(false);
        sim.advance(s(1));
      }
      SecretPoolStats st = sim.pool.stats();
      assertEquals(3, delivered.get());
      assertTrue(thrownIntoThePool.get() >= 1, "at least the first take waited for its mint");
      assertEquals(CircuitState.CLOSED, st.circuit(), st.toString());
      assertEquals(3, st.handedOut(), st.toString());
      assertBalanced(st);
      sim.take();
      sim.advance(s(1));
      assertEquals(1, sim.served, "failures: " + sim.failures);
    });
  }

  @Test
  void aCallerWhoseFailureCallbackThrowsCannotLeaveTheOtherWaitersHanging(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setIdleSleepAfter(Duration.ZERO));
      sim.upstream.latency = () -> s(5);
      sim.pool.take().onFailure(e -> {
        throw new IllegalStateException("a bug in the application's own callback");
      });
      sim.take();
      sim.take();
      sim.advance(s(0.1));
      assertEquals(3, sim.pool.stats().waiters());
      sim.pool.close();
      sim.advance(s(6));
      assertEquals(0, sim.pending, "every waiter was told the pool closed");
      assertEquals(2, sim.failed(Reason.CLOSED));
    });
  }

  // ---- 3. callers who give up -------------------------------------------------------------------------

  @Test
  void aCancelledTakeUniLeavesTheQueueAtOnceAndItsSecretGoesToTheNextCaller(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setMaxWaiters(1)
          .setIdleSleepAfter(Duration.ZERO));
      sim.upstream.latency = () -> s(2);
      AtomicReference<TestSecret> gotByCancelled = new AtomicReference<>();
      Cancellable sub = sim.pool.takeUni().subscribe().with(gotByCancelled::set, err -> { });
      sim.advance(s(0.1));
      assertEquals(1, sim.pool.stats().waiters());
      sub.cancel();
      sim.advance(s(0.001));
      assertEquals(0, sim.pool.stats().waiters(), "the cancelled subscriber left the queue");
      sim.take(); // would be WAITERS_FULL if the cancelled subscriber still held the only slot
      sim.advance(s(3));
      assertEquals(0, sim.failed(), "failures: " + sim.failures);
      assertEquals(1, sim.served, "the live caller got the secret minted for the one who left");
      assertEquals(null, gotByCancelled.get());
      assertBalanced(sim.pool.stats());
    });
  }

  @Test
  void aSecretMintedForACallerWhoLeftGoesToStock(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setIdleSleepAfter(Duration.ZERO));
      sim.upstream.latency = () -> s(2);
      Cancellable sub = sim.pool.takeUni().subscribe().with(x -> { }, err -> { });
      sim.advance(s(0.1));
      sub.cancel();
      sim.advance(s(3));
      SecretPoolStats st = sim.pool.stats();
      assertEquals(0, st.handedOut(), "nobody was there to hand it to");
      assertTrue(st.stock() >= 1, "the secret waits in stock for the next caller: " + st);
      sim.take();
      assertEquals(1, sim.served);
      assertBalanced(sim.pool.stats());
    });
  }

  // ---- 4. a 429 window is a pause, a burst is one event ----------------------------------------------

  @Test
  void sixteenConcurrent429sWithRetryAfterOneSecondPauseMintingButNeverOpenTheCircuit(Vertx vertx,
      VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setIdleSleepAfter(Duration.ZERO));
      AtomicInteger refused = new AtomicInteger();
      sim.upstream.failure = () -> refused.getAndIncrement() < 16
          ? FakeUpstream.http(429, "rate_limit_exceeded", s(1)) : null;
      for (int i = 0; i < 16; i++) {
        sim.take();
      }
      sim.advance(s(0.35));
      assertEquals(16, refused.get(), "sixteen mints were in flight and all got 429");
      assertEquals(CircuitState.CLOSED, sim.pool.stats().circuit(), "the upstream asked for one second, no more");
      assertEquals(16, sim.pending, "every caller still waits: one second is well inside acquireTimeout");
      sim.advance(s(3));
      assertEquals(0, sim.failed(), "failures: " + sim.failures);
      assertEquals(16, sim.served);
      assertBalanced(sim.pool.stats());
    });
  }

  @Test
  void aBurstOfConcurrentServerErrorsCountsAsOneFailureForTheCircuit(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setIdleSleepAfter(Duration.ZERO));
      AtomicInteger failed = new AtomicInteger();
      sim.upstream.failure = () -> failed.getAndIncrement() < 16 ? FakeUpstream.http(503, "server_error", null) : null;
      for (int i = 0; i < 16; i++) {
        sim.take();
      }
      sim.advance(s(0.35));
      assertEquals(CircuitState.CLOSED, sim.pool.stats().circuit(),
          "sixteen answers to calls sent together are one event, under the threshold of five");
      sim.advance(s(10));
      assertEquals(0, sim.failed(), "failures: " + sim.failures);
      assertEquals(16, sim.served);
    });
  }

  // ---- 5. arithmetic at the edges --------------------------------------------------------------------

  @Test
  void maxIdleOfIntegerMaxValueStillMintsForAWaiter(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setMaxIdle(Integer.MAX_VALUE));
      sim.take();
      sim.advance(s(1));
      assertEquals(1, sim.served, "failures: " + sim.failures);
      assertBalanced(sim.pool.stats());
    });
  }

  @Test
  void anAbsurdRetryAfterPausesForMaxRetryAfterAndNeverBreaksFailureHandling(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setIdleSleepAfter(Duration.ZERO)
          .setMaxRetryAfter(s(30)));
      AtomicInteger calls = new AtomicInteger();
      sim.upstream.failure = () -> calls.getAndIncrement() == 0
          ? FakeUpstream.http(429, "rate_limit_exceeded", Duration.ofSeconds(10_000_000_000L)) : null;
      sim.take();
      sim.advance(s(0.5));
      assertEquals(0, sim.pending, "a caller who cannot outwait the pause is told at once");
      assertEquals(1, sim.failed(Reason.CIRCUIT_OPEN));
      SecretPoolException e = (SecretPoolException) sim.lastFailure;
      assertNotNull(e.retryAfter());
      assertTrue(e.retryAfter().compareTo(s(31)) <= 0, "the hint is bounded by maxRetryAfter: " + e.retryAfter());
      sim.advance(s(31));
      sim.take();
      sim.advance(s(1));
      assertEquals(1, sim.served, "minting resumed after maxRetryAfter: " + sim.failures);
      assertBalanced(sim.pool.stats());
    });
  }

  @Test
  void anAbsurdExpiresAtIsAnInvalidResponseAndTheStatsStillBalance(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setIdleSleepAfter(Duration.ZERO));
      sim.upstream.expiresAtOverride = Instant.ofEpochSecond(10_000_000_000_000_000L);
      sim.take();
      sim.advance(s(2));
      SecretPoolStats st = sim.pool.stats();
      assertTrue(st.upstreamErrors().get(UpstreamErrorKind.INVALID_RESPONSE) >= 1, st.toString());
      assertTrue(st.minted() >= 1);
      assertBalanced(st);
      long attempts = st.mintAttempts();
      sim.advance(s(0.2));
      assertTrue(sim.pool.stats().mintAttempts() - attempts <= 1, "a failed mint backs off, no busy loop");
      sim.upstream.expiresAtOverride = null;
      sim.advance(s(10));
      assertEquals(1, sim.served, "failures: " + sim.failures);
      assertBalanced(sim.pool.stats());
    });
  }

  // ---- 6. fail fast when a caller cannot be served in time -------------------------------------------

  @Test
  void withAFiveSecondUpstreamCallersBeyondWhatCanBeMintedInTimeAreToldAtOnce(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setIdleSleepAfter(Duration.ZERO));
      sim.upstream.latency = () -> s(5);
      sim.take(); // one round trip teaches the pool the latency
      sim.advance(s(6));
      assertEquals(1, sim.served);
      for (int i = 0; i < 200; i++) {
        sim.take();
      }
      sim.advance(s(12));
      assertEquals(0, sim.pending);
      assertTrue(sim.served > 1 + 12, "served " + sim.served);
      assertEquals(0, sim.failed(Reason.ACQUIRE_TIMEOUT) > 0 ? sim.maxFailureLatencyMillis.get(Reason.ACQUIRE_TIMEOUT)
          : 0L, "callers that could not be served in time were told at once, not after acquireTimeout");
      SecretPoolException e = (SecretPoolException) sim.lastFailure;
      assertNotNull(e.retryAfter(), "the failure carries a Retry-After hint");
    });
  }

  // ---- 7. pace under an organisation rate limit ------------------------------------------------------

  @Test
  void aMintBudgetThatNeverAnswersCannotStopMintingForever(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      // a shared budget whose store hangs (a call without a timeout): failing lets the mint go, and so must
      // hanging, or every ask the pool is waiting on holds a mint slot and the pool ends up minting nothing
      AtomicInteger asked = new AtomicInteger();
      MintBudget hanging = () -> {
        asked.incrementAndGet();
        return io.vertx.core.Promise.<Duration>promise().future();
      };
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(2).setIdleSleepAfter(Duration.ZERO)
          .setAcquireTimeout(s(5)).setMintBudget(hanging));
      sim.pool.start();
      sim.run(Duration.ofMinutes(2), 1);
      assertTrue(asked.get() > 0, "the pool asked the budget");
      assertTrue(sim.served > 100, "served " + sim.served + ", failures " + sim.failures + ": " + sim.pool.stats());
      assertBalanced(sim.pool.stats());
    });
  }

  @Test
  void fifteenTakesPerSecondUnderALearnedLimitOfTwentyMintsPerSecondServeEveryCaller(Vertx vertx,
      VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions());
      sim.upstream.mintsPerSecondLimit = 20;
      sim.pool.start();
      sim.run(Duration.ofSeconds(60), 15);
      sim.advance(s(11));
      assertRateLimitRespected(sim);
    });
  }

  @Test
  void fifteenTakesPerSecondUnderAConfiguredMaxMintRateOfTwentyServeEveryCaller(Vertx vertx,
      VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMaxMintRate(20));
      sim.upstream.mintsPerSecondLimit = 20;
      sim.pool.start();
      sim.run(Duration.ofSeconds(60), 15);
      sim.advance(s(11));
      assertRateLimitRespected(sim);
    });
  }

  private static void assertRateLimitRespected(PoolSim sim) {
    long attempts = sim.upstream.attemptMillis.size();
    assertEquals(0, sim.failed(), "failures: " + sim.failures + ", stats " + sim.pool.stats());
    assertTrue(sim.served > 800, "served " + sim.served);
    assertTrue(sim.upstream.rateLimited <= attempts * 3 / 100,
        sim.upstream.rateLimited + " of " + attempts + " mints refused with 429");
    assertBalanced(sim.pool.stats());
  }

  // ---- mutation survivor: the requested-life cap without a Date header -------------------------------

  @Test
  void withoutDateHeaderAndSlowDemandTheRequestedLifeStillBoundsAWrongLocalClock(Vertx vertx,
      VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      // 0.2 takes/s: stock ages to its retirement, so a deadline taken from the wrong local clock alone would
      // hand out secrets with a few seconds of true life against the 30 s floor
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(2));
      sim.upstream.sendDate = false;
      sim.clock.setWallClockOffset(s(-26));
      sim.pool.start();
      sim.run(Duration.ofMinutes(20), 0.2);
      assertTrue(sim.served > 150, "served " + sim.served);
      assertEquals(0, sim.underFloor, "least true remaining " + sim.minTrueRemainingMillis + " ms");
    });
  }
}
