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
  void rejectsNonsensicalSettings() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1, 1, System::nanoTime));
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, 0, 1, System::nanoTime));
  }
}
