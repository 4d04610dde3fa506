package io.realtimesecrets.pool.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RateLimitInfo;
import io.realtimesecrets.client.UpstreamException;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.realtimesecrets.pool.SecretPoolStats.CircuitState;
import io.realtimesecrets.pool.VirtualPoolClock;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool's parts alone, without a pool, a context or an upstream. */
class PoolPartsTest {

  private static final long MS = 1_000_000L;

  private final VirtualPoolClock clock = new VirtualPoolClock();

  private static ApiException http(int status, Duration retryAfter) {
    return new ApiException(status, "error", null, null, "scripted", "req_x", retryAfter, 1);
  }

  @Test
  void theGovernorCountsCallsThatFailTogetherAsOneEventAndALaterFailureAsTheNext() {
    MintGovernor g = new MintGovernor(new SecretPoolOptions().setCircuitFailureThreshold(2), clock);
    long t0 = clock.nanoTime();
    List<MintGovernor.MintCall> burst = List.of(g.launched(t0, false), g.launched(t0, false), g.launched(t0, false));
    for (MintGovernor.MintCall c : burst) {
      g.settled(c);
      g.transientFailure(c, t0 + 300 * MS, null, http(503, null));
    }
    assertEquals(1, g.consecutiveFailures(), "one burst, one event");
    assertEquals(CircuitState.CLOSED, g.circuit());
    assertEquals(11, g.limit(), "one cut of 16 by 0.7, not three");
    assertEquals(1, g.room(), "after a failure, one call at a time");
    MintGovernor.MintCall later = g.launched(t0 + 2000 * MS, false);
    g.settled(later);
    MintGovernor.Verdict v = g.transientFailure(later, t0 + 2300 * MS, null, http(503, null));
    assertTrue(v.circuitOpened());
    assertEquals(CircuitState.OPEN, g.circuit());
  }

  @Test
  void theGovernorTreatsA429WithRetryAfterAsAPauseCappedAtMaxRetryAfterNeverAsACircuitStep() {
    MintGovernor g = new MintGovernor(new SecretPoolOptions().setCircuitFailureThreshold(1)
        .setMaxRetryAfter(Duration.ofSeconds(30)), clock);
    long t0 = clock.nanoTime();
    MintGovernor.MintCall c = g.launched(t0, false);
    g.settled(c);
    MintGovernor.Verdict v = g.transientFailure(c, t0, Duration.ofSeconds(10_000_000_000L), http(429, null));
    assertFalse(v.circuitOpened());
    assertEquals(CircuitState.CLOSED, g.circuit());
    assertEquals(30_000 * MS, v.pauseNanos(), "capped at maxRetryAfter, no overflow");
    assertFalse(g.mayMint(t0 + 29_999 * MS));
    assertTrue(g.mayMint(t0 + 30_001 * MS));
  }

  @Test
  void theGovernorSpendsTheLearnedAllowanceThenWaitsForTheWindowToEnd() {
    MintGovernor g = new MintGovernor(new SecretPoolOptions(), clock);
    long t0 = clock.nanoTime();
    MintGovernor.MintCall c = g.launched(t0, false);
    g.settled(c);
    g.observed(new RateLimitInfo(20, 1, Duration.ofMillis(500), Instant.EPOCH), c, t0);
    assertEquals(Long.MIN_VALUE, g.paceReadyAt(t0), "one request left: it may go now");
    g.launched(t0, false);
    assertEquals(t0 + 500 * MS, g.paceReadyAt(t0 + MS), "none left: wait for the window to end");
    assertTrue(g.paceReadyAt(t0 + 500 * MS) <= t0 + 500 * MS, "a new window opens");
  }

  @Test
  void theWaiterQueueLetsAnyWaiterLeaveAtOnceAndKeepsTheOthersInOrder() {
    WaiterQueue<String> q = new WaiterQueue<>();
    Waiter<String> a = new Waiter<>(Promise.promise(), null, 0, 10);
    Waiter<String> b = new Waiter<>(Promise.promise(), null, 1, 11);
    Waiter<String> c = new Waiter<>(Promise.promise(), null, 2, 12);
    q.add(a);
    q.add(b);
    q.add(c);
    assertTrue(q.remove(b));
    assertFalse(q.remove(b), "a waiter leaves once");
    assertEquals(2, q.sizeView());
    assertEquals(List.of(a), q.removeDue(10));
    assertSame(c, q.pollFirst());
    assertTrue(q.isEmpty());
  }

  @Test
  void thePlannerStartsMintsForWaitersEvenWithMaxIdleAtIntegerMaxValue() {
    RefillPlanner p = new RefillPlanner(new SecretPoolOptions().setMinIdle(0).setMaxIdle(Integer.MAX_VALUE),
        10_000 * MS);
    assertEquals(3, p.mintsToStart(0, 3, 0, 0, 0, 16), "sums in long: no wrap to a negative room");
    assertEquals(0, p.mintsToStart(0, 0, 5, 5, 0, 16));
  }

  private static MintResult<EphemeralSecret> answer(Instant expiresAt, Instant date) {
    EphemeralSecret secret = new EphemeralSecret() {
      @Override
      public String secretValue() {
        return "ek_test_parts";
      }

      @Override
      public Instant expiresAt() {
        return expiresAt;
      }

      @Override
      public String toJson() {
        return "{}";
      }
    };
    return new MintResult<>(secret, date, "req_1", 1, RateLimitInfo.UNKNOWN);
  }

  @Test
  void theExpiryEstimatorCapsAWrongLocalClockByTheRequestedLifeAndRejectsAbsurdExpiries() {
    ExpiryEstimator e = new ExpiryEstimator(clock, 60_000 * MS);
    long t0 = clock.nanoTime();
    clock.setWallClockOffset(Duration.ofSeconds(-30)); // local clock 30 s behind: expires_at looks 90 s away
    Instant trueNow = clock.trueNow();
    long deadline = e.deadline(t0, t0, answer(trueNow.plusSeconds(60), null));
    assertEquals(t0 + 59_000 * MS, deadline, "no Date: the requested 60 s (less 1 s rounding) bounds it");
    assertThrows(UpstreamException.class, () -> e.deadline(t0, t0,
        answer(Instant.ofEpochSecond(10_000_000_000_000_000L), trueNow)));
    assertThrows(UpstreamException.class, () -> e.deadline(t0, t0, answer(trueNow.plus(Duration.ofDays(2)), trueNow)));
  }
}
