package io.realtimesecrets.pool;

import static io.realtimesecrets.pool.PoolSim.onContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.pool.SecretPoolException.Reason;
import io.realtimesecrets.pool.SecretPoolStats.CircuitState;
import io.realtimesecrets.pool.SecretPoolStats.DiscardReason;
import io.realtimesecrets.pool.SecretPoolStats.UpstreamErrorKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every numbered behaviour of the pool on a virtual clock: hours of pool life, milliseconds of test time.
 * Each test runs synchronously inside one task on the pool's context (see {@link PoolSim#onContext}).
 */
@ExtendWith(VertxExtension.class)
class SecretPoolVirtualTimeTest {

  private static Duration s(double seconds) {
    return Duration.ofMillis((long) (seconds * 1000));
  }

  private static void assertBalanced(SecretPoolStats st) {
    assertTrue(st.isBalanced(), () -> "accounting must balance: " + st);
  }

  // ---- 7. lifecycle ---------------------------------------------------------------------------------------

  @Test
  void startPreWarmsToMinIdleAndCompletesOnlyWhenReady(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(8).setPrewarmConcurrency(4));
      Future<Void> started = sim.pool.start();
      assertFalse(sim.pool.isReady());
      sim.advance(s(0.2));
      assertFalse(started.isComplete(), "not warm before the first mints return");
      assertTrue(sim.upstream.maxInFlightSeen <= 4, "pre-warm is paced by prewarmConcurrency");
      sim.advance(s(1));
      assertTrue(started.succeeded());
      assertTrue(sim.pool.isReady());
      assertTrue(sim.pool.stats().stock() >= 8);
      assertSame(started.isComplete(), sim.pool.start().isComplete());
    });
  }

  @Test
  void startFailsAtOnceWhenTheUpstreamRejectsTheKey(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions());
      sim.upstream.failure = () -> FakeUpstream.http(401, "invalid_api_key", null);
      Future<Void> started = sim.pool.start();
      sim.advance(s(0.5));
      assertTrue(started.failed());
      SecretPoolException e = assertInstanceOf(SecretPoolException.class, started.cause());
      assertEquals(Reason.UPSTREAM_REJECTED, e.reason());
      assertInstanceOf(ApiException.class, e.getCause());
    });
  }

  @Test
  void closeWithWaitersPendingFailsThemAndDropsStock(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(3));
      sim.pool.start();
      sim.advance(s(1));
      sim.upstream.latency = () -> s(5);
      for (int i = 0; i < 6; i++) {
        sim.take(); // 3 hits, 3 waiters
      }
      assertEquals(3, sim.pending);
      Future<Void> closed = sim.pool.close();
      assertEquals(0, sim.pending, "waiters fail at once");
      assertEquals(3, sim.failed(Reason.CLOSED));
      sim.take();
      assertEquals(4, sim.failed(Reason.CLOSED), "takes after close fail at once");
      assertFalse(closed.isComplete(), "close waits for mints in flight");
      sim.advance(s(6));
      assertTrue(closed.succeeded());
      SecretPoolStats st = sim.pool.stats();
      assertEquals(0, st.stock());
      assertTrue(st.discarded().get(DiscardReason.CLOSED) >= 3, "mints landing after close are discarded");
      assertBalanced(st);
      assertEquals(0, sim.clock.pendingTimers(), "close leaves no timer behind");
      assertFalse(sim.pool.isReady());
    });
  }

  // ---- 1. single use, oldest first ----------------------------------------------------------------------

  @Test
  void servesTheOldestValidSecretFirst(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(1).setIdleSleepAfter(Duration.ZERO));
      sim.pool.start();
      sim.advance(s(1));
      // three more secrets minted at different times, by demand
      List<TestSecret> got = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        sim.pool.take().onSuccess(got::add);
        sim.advance(s(2));
      }
      sim.advance(s(5));
      int stock = sim.pool.stats().stock();
      assertTrue(stock >= 1);
      List<TestSecret> out = new ArrayList<>();
      for (int i = 0; i < stock; i++) {
        sim.pool.take().onSuccess(out::add);
      }
      for (int i = 1; i < out.size(); i++) {
        assertFalse(out.get(i).expiresAt().isBefore(out.get(i - 1).expiresAt()), "oldest first: " + out);
      }
    });
  }

  // ---- 2. floor -----------------------------------------------------------------------------------------

  @Test
  void floorIsEnforcedAtHandOutEvenWhenNoTimerRuns(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      VirtualPoolClock real = new VirtualPoolClock();
      AtomicInteger timersOn = new AtomicInteger(1);
      // a clock whose timers can be switched off: only hand-out can then guard the floor
      PoolClock lazy = new PoolClock() {
        public long nanoTime() {
          return real.nanoTime();
        }

        public long currentTimeMillis() {
          return real.currentTimeMillis();
        }

        public long setTimer(long delayMillis, Runnable task) {
          return real.setTimer(delayMillis, () -> {
            if (timersOn.get() == 1) {
              task.run();
            }
          });
        }

        public void cancelTimer(long id) {
          real.cancelTimer(id);
        }
      };
      FakeUpstream up = new FakeUpstream(real, 60);
      SecretPool<TestSecret> pool = SecretPool.create(vertx, up, new TestRequest(60),
          new SecretPoolOptions().setMinIdle(2), lazy);
      pool.start();
      real.advance(s(1));
      assertEquals(2, pool.stats().stock());
      timersOn.set(0);
      real.advance(s(40)); // past retireAt (about 29 s after minting), with no tick or retire timer running
      Future<TestSecret> f = pool.take();
      assertFalse(f.isComplete(), "a secret under the floor is never handed out: the caller waits for a new one");
      assertEquals(2, pool.stats().expiredUnused());
      assertBalanced(pool.stats());
    });
  }

  @Test
  void floorDefaultsToThirtySecondsButNeverMoreThanHalfTheLife(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      assertEquals(s(5), new PoolSim(vertx, 10, new SecretPoolOptions()).pool.stats().floor());
      assertEquals(s(30), new PoolSim(vertx, 60, new SecretPoolOptions()).pool.stats().floor());
      assertEquals(s(30), new PoolSim(vertx, 600, new SecretPoolOptions()).pool.stats().floor());
      assertEquals(s(45), new PoolSim(vertx, 600, new SecretPoolOptions().setMinRemainingLife(s(45)))
          .pool.stats().floor());
    });
  }

  @Test
  void aFloorThatLeavesNoUsableWindowIsAConfigurationError(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new PoolSim(vertx, 60, new SecretPoolOptions().setMinRemainingLife(s(40))));
      assertTrue(e.getMessage().contains("minRemainingLife"), e.getMessage());
      assertTrue(e.getMessage().contains("half"), e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> new PoolSim(vertx, 60, new SecretPoolOptions().setSecretTtl(s(3)).setMinRemainingLife(s(1.5))));
      assertThrows(IllegalArgumentException.class, () -> new SecretPoolOptions().setMinRemainingLife(Duration.ZERO));
    });
  }

  @Test
  void hourOfVaryingDemandWithServerClockThirtySecondsAheadNeverHandsOutUnderTheFloor(Vertx vertx,
      VertxTestContext ctx) {
    onContext(vertx, ctx, () -> hourWithSkew(vertx, s(30), s(-30)));
  }

  @Test
  void hourOfVaryingDemandWithServerClockThirtySecondsBehindNeverHandsOutUnderTheFloor(Vertx vertx,
      VertxTestContext ctx) {
    onContext(vertx, ctx, () -> hourWithSkew(vertx, s(-30), s(30)));
  }

  private void hourWithSkew(Vertx vertx, Duration serverOffset, Duration localOffset) {
    PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(2));
    sim.upstream.serverClockOffset = serverOffset;
    sim.clock.setWallClockOffset(localOffset);
    java.util.Random r = new java.util.Random(3);
    sim.upstream.latency = () -> Duration.ofMillis(100 + r.nextInt(900));
    AtomicInteger calls = new AtomicInteger();
    // one call in 50 fails with a 503
    sim.upstream.failure = () -> calls.incrementAndGet() % 50 == 0 ? FakeUpstream.http(503, null, null) : null;
    sim.pool.start();
    // demand swings between 0 and 60 takes/s, with quiet minutes and bursts
    sim.run(Duration.ofHours(1), t -> {
      double minute = (t / 60) % 10;
      if (minute < 1) {
        return 0;
      }
      if (minute >= 7 && minute < 7.2) {
        return 150;
      }
      return 30 + 30 * Math.sin(t / 90);
    });
    sim.advance(s(15));
    SecretPoolStats st = sim.pool.stats();
    assertTrue(sim.served > 50_000, "served " + sim.served);
    assertTrue(sim.failed() < sim.served / 100, "failures " + sim.failures);
    assertEquals(0, sim.underFloor, "secrets handed out under the floor; least true remaining life "
        + sim.minTrueRemainingMillis + " ms");
    assertTrue(sim.minTrueRemainingMillis >= 30_000, "least true remaining " + sim.minTrueRemainingMillis);
    assertTrue(st.minRemainingLifeAtHandOut().compareTo(st.floor()) >= 0);
    assertEquals(0, sim.duplicates);
    assertEquals(0, sim.pending, "no caller hangs");
    assertEquals(serverOffset.minus(localOffset).toSeconds(), st.clockSkew().toSeconds(), 1.0);
    assertBalanced(st);
  }

  @Test
  void withoutDateHeaderTheRequestedLifeStillBoundsAWrongLocalClock(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(2));
      sim.upstream.sendDate = false;
      sim.clock.setWallClockOffset(s(-30)); // local clock behind: expires_at looks 30 s further away
      sim.pool.start();
      sim.run(Duration.ofMinutes(10), 5);
      sim.advance(s(5));
      assertEquals(0, sim.underFloor, "least true remaining " + sim.minTrueRemainingMillis);
      assertTrue(sim.served > 2000);
    });
  }

  // ---- 3 + 4. refresh ahead, demand-sized stock -------------------------------------------------------

  @Test
  void steadyFiftyPerSecondWastesUnderFivePercentAndHitsOverNinetyNinePercent(Vertx vertx,
      VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions());
      sim.pool.start();
      sim.advance(s(1));
      sim.run(Duration.ofMinutes(10), 50);
      SecretPoolStats st = sim.pool.stats();
      assertTrue(st.hitRatio() > 0.99, "hit ratio " + st.hitRatio() + " " + st);
      assertTrue(st.wasteRatio() < 0.05, "waste ratio " + st.wasteRatio() + " " + st);
      assertTrue(st.target() >= 40 && st.target() <= 90, "target near Little's law (~59): " + st.target());
      assertEquals(0, sim.failed());
      assertEquals(0, sim.duplicates);
      assertBalanced(st);
    });
  }

  @Test
  void idlePoolCostsAboutOneMintPerUsableWindow(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(1).setIdleSleepAfter(Duration.ZERO));
      sim.pool.start();
      sim.advance(Duration.ofHours(1));
      SecretPoolStats st = sim.pool.stats();
      // usable window W is about 60 - 30 - 1 - 0.3 s; one slot costs one mint per W minus the jitter
      assertTrue(st.minted() >= 3600 / 29 && st.minted() <= 3600 / 20, "idle mints per hour: " + st.minted());
      assertEquals(1, st.target());
      assertTrue(st.stock() >= 1, "stock never dips below minIdle while idle");
    });
  }

  @Test
  void poolWithNoDemandForIdleSleepAfterStopsMintingAndWakesOnTheNextTake(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(2).setIdleSleepAfter(s(120)));
      sim.pool.start();
      sim.advance(Duration.ofMinutes(10));
      long mintedAsleep = sim.pool.stats().minted();
      sim.advance(Duration.ofMinutes(30));
      assertEquals(mintedAsleep, sim.pool.stats().minted(), "asleep: no mints");
      assertEquals(0, sim.pool.stats().stock());
      sim.take();
      sim.advance(s(1));
      assertEquals(1, sim.served, "the next take wakes the pool and is served by a fresh mint");
    });
  }

  @Test
  void replacementsAreJitteredSoSecretsMintedTogetherDoNotDieTogether(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      int minIdle = 20;
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(minIdle)
          .setPrewarmConcurrency(minIdle).setIdleSleepAfter(Duration.ZERO));
      sim.upstream.latency = () -> s(0.3);
      sim.pool.start();
      sim.advance(Duration.ofMinutes(10));
      List<Long> times = new ArrayList<>(sim.upstream.attemptMillis);
      long firstGenerationEnd = times.get(0) + 1000;
      int worst = 0;
      for (int i = 0; i < times.size(); i++) {
        if (times.get(i) < firstGenerationEnd) {
          continue;
        }
        int n = 0;
        for (int j = i; j < times.size() && times.get(j) < times.get(i) + 100; j++) {
          n++;
        }
        worst = Math.max(worst, n);
      }
      assertTrue(worst <= minIdle / 2 + 1, "at most minIdle/2+1 replacement mints in any 100 ms, saw " + worst);
    });
  }

  @Test
  void targetFollowsDemandAndStaysWithinMinIdleAndMaxIdle(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(3).setMaxIdle(40));
      sim.pool.start();
      sim.run(s(30), 5);
      int low = sim.pool.stats().target();
      sim.run(s(30), 100);
      int high = sim.pool.stats().target();
      assertTrue(low >= 3 && low < 15, "target at 5/s: " + low);
      assertEquals(40, high, "target at 100/s is capped by maxIdle");
      assertTrue(sim.pool.stats().stock() + sim.pool.stats().inFlight() <= 40);
      sim.advance(Duration.ofMinutes(5));
      assertEquals(3, sim.pool.stats().target(), "target decays to minIdle without demand");
    });
  }

  // ---- 6. stock runs out ---------------------------------------------------------------------------------

  @Test
  void tenTimesBurstIsServedWithoutErrorWithinTheDocumentedCapacity(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      // capacity: maxInFlight / L = 256 / 0.3 s = 853 secrets/s > 500/s
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMaxInFlight(256));
      sim.pool.start();
      sim.run(s(60), 50);
      sim.run(s(10), 500);
      sim.run(s(30), 50);
      sim.advance(s(5));
      SecretPoolStats st = sim.pool.stats();
      assertEquals(0, sim.failed(), () -> "failures " + sim.failures + " " + sim.lastFailure);
      assertEquals(0, sim.pending);
      assertTrue(sim.maxServeLatencyMillis <= 2 * 300 + 300, "waits stay near one mint: " + sim.maxServeLatencyMillis);
      assertTrue(sim.upstream.maxInFlightSeen <= 256);
      assertBalanced(st);
    });
  }

  @Test
  void burstBeyondCapacityFailsFastWithATypedErrorInsteadOfHanging(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      // capacity: 4 / 0.3 s = 13 secrets/s, 50 waiters for up to 2 s
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setInitialInFlight(4).setMaxInFlight(4)
          .setMaxWaiters(50).setAcquireTimeout(s(2)));
      sim.pool.start();
      sim.advance(s(1));
      sim.run(s(5), 1000);
      sim.advance(s(3));
      assertEquals(0, sim.pending, "every take completed: none hangs");
      assertTrue(sim.failed(Reason.WAITERS_FULL) > 3000, "rejected at once: " + sim.failures);
      assertEquals(0, sim.maxFailureLatencyMillis.get(Reason.WAITERS_FULL), "WAITERS_FULL is immediate");
      assertTrue(sim.maxFailureLatencyMillis.getOrDefault(Reason.ACQUIRE_TIMEOUT, 0L) <= 2000,
          "timeouts by acquireTimeout: " + sim.maxFailureLatencyMillis);
      assertTrue(sim.served >= 4 / 0.3 * 5 * 0.8, "capacity still used: served " + sim.served);
      assertTrue(sim.upstream.maxInFlightSeen <= 4, "in flight " + sim.upstream.maxInFlightSeen);
      SecretPoolException e = (SecretPoolException) sim.lastFailure;
      assertNotNull(e.retryAfter());
      assertBalanced(sim.pool.stats());
    });
  }

  @Test
  void waiterThatTimesOutGetsATypedErrorAndTheLateSecretGoesToStock(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setAcquireTimeout(s(1)));
      sim.pool.start();
      sim.upstream.latency = () -> s(3);
      sim.take();
      sim.advance(s(1.01));
      assertEquals(1, sim.failed(Reason.ACQUIRE_TIMEOUT));
      SecretPoolException e = (SecretPoolException) sim.lastFailure;
      assertTrue(e.getMessage().contains("acquireTimeout"), e.getMessage());
      sim.advance(s(2.5));
      assertTrue(sim.pool.stats().stock() >= 1, "the secret minted for the timed-out waiter is kept");
      sim.take();
      assertEquals(1, sim.served);
      assertEquals(1, sim.pool.stats().hits());
      assertEquals(0, sim.pool.stats().waited(), "no secret went to the timed-out waiter");
      assertBalanced(sim.pool.stats());
    });
  }

  @Test
  void waitersAreServedInArrivalOrderByTheNextMintedSecrets(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setInitialInFlight(1)
          .setMaxInFlight(1));
      sim.pool.start();
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        int n = i;
        sim.pool.take().onSuccess(x -> order.add(n));
      }
      assertEquals(5, sim.pool.stats().waiters());
      sim.advance(s(2));
      assertEquals(List.of(0, 1, 2, 3, 4), order);
      assertEquals(5, sim.pool.stats().waited());
    });
  }

  // ---- 5. bounded upstream load --------------------------------------------------------------------------

  @Test
  void upstreamDownForAMinuteThenBackIsRidenOutWithBackoffAndRecoversByItself(Vertx vertx,
      VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(5));
      sim.pool.start();
      sim.run(s(60), 5);
      long servedBefore = sim.served;
      int stockAtOutage = sim.pool.stats().stock();
      long attemptsBefore = sim.upstream.attemptMillis.size();
      long downAt = sim.clock.nanoTime() / 1_000_000L;
      sim.upstream.failure = FakeUpstream::connectionRefused;
      sim.run(s(10), 5);
      assertTrue(stockAtOutage >= 5 && sim.served - servedBefore >= stockAtOutage,
          "stock is served while it lasts: " + stockAtOutage + " in stock, served " + (sim.served - servedBefore));
      sim.run(s(50), 5);
      SecretPoolStats during = sim.pool.stats();
      assertTrue(during.circuit() != CircuitState.CLOSED, "circuit open (or probing) while down");
      long attemptsDown = sim.upstream.attemptMillis.size() - attemptsBefore;
      // backoff steps average ~4 s (full jitter, cap 8 s or W/4): a handful of attempts, not thousands
      assertTrue(attemptsDown >= 5 && attemptsDown <= 40, "attempts while down: " + attemptsDown);
      assertTrue(sim.failed(Reason.CIRCUIT_OPEN) > 0, "waiters and misses get a typed error: " + sim.failures);
      assertEquals(0, sim.pending, "nobody hangs");
      sim.upstream.failure = () -> null;
      long upAt = sim.clock.nanoTime() / 1_000_000L;
      long servedAtRecovery = sim.served;
      sim.run(s(20), 5);
      assertEquals(CircuitState.CLOSED, sim.pool.stats().circuit(), "recovers without operator action");
      assertTrue(sim.served - servedAtRecovery >= 50, "serving again after recovery");
      long firstAttemptAfterUp = sim.upstream.attemptMillis.stream().filter(t -> t >= upAt).findFirst().orElseThrow();
      assertTrue(firstAttemptAfterUp - upAt <= 8_500, "a probe within one backoff cap");
      assertTrue(downAt < upAt);
      assertBalanced(sim.pool.stats());
    });
  }

  @Test
  void retryAfterTwentySecondsPausesMintingForTwentySeconds(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(5).setIdleSleepAfter(Duration.ZERO));
      sim.pool.start();
      sim.run(s(30), 2);
      AtomicInteger once = new AtomicInteger();
      AtomicReference<Long> at429 = new AtomicReference<>();
      sim.upstream.failure = () -> {
        if (once.getAndIncrement() == 0) {
          at429.set(sim.clock.nanoTime() / 1_000_000L + 300); // the answer arrives one round trip later
          return FakeUpstream.http(429, "rate_limit_exceeded", s(20));
        }
        return null;
      };
      sim.run(s(40), 2);
      assertNotNull(at429.get(), "demand made the pool mint");
      long resumed = sim.upstream.attemptMillis.stream().filter(t -> t > at429.get()).findFirst().orElseThrow();
      long pause = resumed - at429.get();
      assertTrue(pause >= 20_000 && pause <= 21_300, "paused " + pause + " ms");
      assertEquals(1, sim.pool.stats().upstreamErrors().get(UpstreamErrorKind.RATE_LIMITED));
      assertEquals(0, sim.pending, "callers that could not wait out the pause were told at once");
      assertEquals(0, sim.failed(Reason.ACQUIRE_TIMEOUT));
    });
  }

  @Test
  void authAndQuotaErrorsAreNotRetriedAndReachWaitersAtOnce(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      for (ApiException fatal : List.of(FakeUpstream.http(401, "invalid_api_key", null),
          FakeUpstream.http(429, "insufficient_quota", null))) {
        PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(0).setInitialInFlight(1));
        sim.upstream.failure = () -> fatal;
        sim.pool.start();
        sim.take();
        sim.advance(s(0.31));
        assertEquals(1, sim.failed(Reason.UPSTREAM_REJECTED), "waiter fails at once: " + sim.failures);
        assertSame(fatal, sim.lastFailure.getCause());
        sim.take();
        assertEquals(2, sim.failed(Reason.UPSTREAM_REJECTED), "new misses fail at once");
        sim.advance(s(59));
        assertEquals(1, sim.upstream.attemptMillis.size(), "not retried");
        sim.advance(s(2));
        assertEquals(2, sim.upstream.attemptMillis.size(), "one probe after fatalProbeInterval");
        assertEquals(CircuitState.OPEN, sim.pool.stats().circuit());
      }
    });
  }

  @Test
  void inFlightMintsStayUnderTheLimitAndTheLimitAdaptsDownOnErrorsAndBackUp(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMaxInFlight(32).setInitialInFlight(16)
          .setCircuitFailureThreshold(1000));
      sim.pool.start();
      sim.run(s(20), 200);
      int grown = sim.pool.stats().inFlightLimit();
      assertTrue(grown > 16, "limit grows with successes: " + grown);
      AtomicInteger n = new AtomicInteger();
      sim.upstream.failure = () -> n.incrementAndGet() <= 6 ? FakeUpstream.http(503, null, null) : null;
      // one cut per burst of failures, then additive increase: watch the lowest point
      int cut = grown;
      for (int i = 0; i < 100; i++) {
        sim.run(s(0.01), 200);
        cut = Math.min(cut, sim.pool.stats().inFlightLimit());
      }
      assertTrue(cut < grown, "limit cut on 5xx: " + grown + " -> " + cut + " " + sim.pool.stats());
      sim.run(s(20), 200);
      assertTrue(sim.pool.stats().inFlightLimit() > cut, "and grows back");
      assertTrue(sim.upstream.maxInFlightSeen <= 32, "never above maxInFlight: " + sim.upstream.maxInFlightSeen);
    });
  }

  @Test
  void deadOnArrivalSecretsAreDiscardedAndCannotCauseABusyLoop(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 10, new SecretPoolOptions().setMinIdle(2));
      sim.upstream.lifeShortfall = s(9); // 10 s secrets that arrive with ~1 s left
      sim.upstream.latency = () -> Duration.ofMillis(5);
      sim.pool.start();
      sim.run(Duration.ofMinutes(1), 2);
      SecretPoolStats st = sim.pool.stats();
      assertEquals(0, sim.served);
      assertTrue(st.mintAttempts() <= 150, "attempts per minute stay bounded by backoff: " + st.mintAttempts());
      assertEquals(st.minted(), st.discarded().get(DiscardReason.DEAD_ON_ARRIVAL));
      assertEquals(st.minted(), st.upstreamErrors().get(UpstreamErrorKind.SHORT_LIVED));
      assertEquals(0, sim.pending);
      assertBalanced(st);
    });
  }

  @Test
  void aMintTheClientNeverSettlesIsAbandonedAfterMintTimeout(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(1).setMintTimeout(s(2)));
      sim.upstream.hang = true;
      sim.pool.start();
      sim.advance(s(1));
      assertEquals(1, sim.pool.stats().inFlight());
      sim.advance(s(2.5));
      assertEquals(1, sim.pool.stats().upstreamErrors().get(UpstreamErrorKind.TIMEOUT));
      sim.upstream.hang = false;
      sim.advance(s(10));
      assertTrue(sim.pool.isReady(), "minting resumes after the stuck call is given up");
    });
  }

  // ---- 8. stats -----------------------------------------------------------------------------------------

  @Test
  void statsCountEveryOutcomeAndBalance(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      // acquireTimeout 1 s against 1 s mints: the waiter is queued (the pool knows mints of 0.3 s) and times out
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(2).setMaxWaiters(1)
          .setAcquireTimeout(s(1)));
      sim.pool.start();
      sim.advance(s(1));
      sim.upstream.latency = () -> s(1);
      for (int i = 0; i < 4; i++) {
        sim.take(); // 2 hits, 1 waiter, 1 rejected
      }
      sim.advance(s(1.1)); // the waiter times out
      sim.advance(Duration.ofMinutes(2)); // stock expires unused and is replaced
      SecretPoolStats st = sim.pool.stats();
      assertEquals(2, st.hits());
      assertEquals(1, st.timedOut());
      assertEquals(1, st.rejected().get(Reason.WAITERS_FULL));
      assertEquals(4, st.takes());
      assertTrue(st.expiredUnused() > 0);
      assertTrue(st.mintLatencyP99().toMillis() >= 300);
      assertEquals(st.floor(), s(30));
      assertBalanced(st);
      AtomicReference<String> text = new AtomicReference<>(st.toString());
      assertFalse(text.get().contains("ek_"), "stats carry no secret");
    });
  }
}
