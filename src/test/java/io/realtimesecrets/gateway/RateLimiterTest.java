package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.gateway.impl.RateLimiter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void allowsABurstThenRefillsAtTheConfiguredRate() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(2, 2, 100, now::get);
    assertEquals(0, limiter.tryAcquire("a"));
    assertEquals(0, limiter.tryAcquire("a"));
    long wait = limiter.tryAcquire("a");
    assertEquals(SECOND / 2, wait, "one token refills in half a second at 2/s");
    now.addAndGet(SECOND / 2);
    assertEquals(0, limiter.tryAcquire("a"));
    assertTrue(limiter.tryAcquire("a") > 0);
  }

  @Test
  void keepsEachClientInItsOwnBucket() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(1, 1, 100, now::get);
    assertEquals(0, limiter.tryAcquire("a"));
    assertTrue(limiter.tryAcquire("a") > 0);
    assertEquals(0, limiter.tryAcquire("b"));
  }

  @Test
  void forgetsRefilledClientsFirstToStayWithinItsBound() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(1, 1, 3, now::get);
    limiter.tryAcquire("a");
    limiter.tryAcquire("b");
    limiter.tryAcquire("c");
    now.addAndGet(10 * SECOND);
    limiter.tryAcquire("busy");
    assertTrue(limiter.trackedKeys() <= 3);
    // "busy" is still draining and must be remembered across further churn of refilled addresses
    for (int i = 0; i < 1000; i++) {
      now.addAndGet(2 * SECOND);
      limiter.tryAcquire("churn-" + i);
      assertTrue(limiter.trackedKeys() <= 3, "bounded at every step");
    }
  }

  @Test
  void staysBoundedUnderAFloodOfDrainingAddresses() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(1, 1, 50, now::get);
    for (int i = 0; i < 10_000; i++) {
      limiter.tryAcquire("flood-" + i);
    }
    assertTrue(limiter.trackedKeys() <= 50, "tracked " + limiter.trackedKeys());
  }

  @Test
  void neverForgetsAClientWhoseBucketIsStillDraining() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(1, 2, 3, now::get);
    // three clients empty their buckets: each needs 2 s to refill
    for (String k : new String[] {"a", "b", "c"}) {
      limiter.tryAcquire(k);
      limiter.tryAcquire(k);
    }
    // a flood of new addresses while they are still draining
    for (int i = 0; i < 1000; i++) {
      limiter.tryAcquire("flood-" + i);
    }
    now.addAndGet(SECOND / 2);
    for (String k : new String[] {"a", "b", "c"}) {
      assertTrue(limiter.tryAcquire(k) > 0, k + " must still be limited, not handed a fresh bucket");
    }
    assertTrue(limiter.trackedKeys() <= 3);
  }

  @Test
  void replacesTheLeastRecentlyUsedClientOnceItHasRefilled() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(1, 1, 2, now::get);
    limiter.tryAcquire("old");
    now.addAndGet(5 * SECOND);
    limiter.tryAcquire("busy"); // drained, refills in 1 s
    assertEquals(0, limiter.tryAcquire("new"), "the refilled 'old' bucket makes room for a new client");
    assertTrue(limiter.tryAcquire("busy") > 0, "'busy' kept its drained bucket");
    assertEquals(2, limiter.trackedKeys());
  }

  @Test
  void aFloodOfNewAddressesSharesOneBucketInsteadOfGainingFreshBursts() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(1, 1, 10, now::get);
    int allowed = 0;
    for (int i = 0; i < 1000; i++) {
      if (limiter.tryAcquire("flood-" + i) == 0) {
        allowed++;
      }
    }
    assertEquals(11, allowed, "10 tracked clients and one overflow burst, not 1000 bursts");
  }

  @Test
  void rejectsNonsensicalSettings() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1, 1, System::nanoTime));
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, 0, 1, System::nanoTime));
  }
}
