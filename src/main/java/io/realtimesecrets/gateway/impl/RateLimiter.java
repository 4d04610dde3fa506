package io.realtimesecrets.gateway.impl;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a remote address): each key may make {@code burst} calls at once and then
 * {@code perSecond} calls per second.
 *
 * <p>Memory is bounded by {@code maxKeys}. When a new key would exceed it, buckets that have refilled
 * completely are forgotten first: a full bucket is exactly what a new key gets, so dropping it loses
 * nothing. Only if every tracked key is still draining (a flood from more addresses than the bound) are
 * arbitrary keys dropped, which at worst grants those keys a fresh burst.
 *
 * <p>Thread safe: one lock per bucket, no global lock. Time comes from the injected nanosecond clock.
 */
public final class RateLimiter {

  private final double perNano;
  private final double burst;
  private final int maxKeys;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * Creates a limiter.
   *
   * @param perSecond refill rate, calls per second, positive
   * @param burst bucket size, at least 1
   * @param maxKeys most keys tracked at once, at least 1
   * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} in production)
   */
  public RateLimiter(double perSecond, int burst, int maxKeys, LongSupplier nanoClock) {
    if (perSecond <= 0 || burst < 1 || maxKeys < 1) {
      throw new IllegalArgumentException("perSecond must be positive, burst and maxKeys at least 1");
    }
    this.perNano = perSecond / 1_000_000_000d;
    this.burst = burst;
    this.maxKeys = maxKeys;
    this.nanoClock = nanoClock;
  }

  /**
   * Takes one call from the key's bucket.
   *
   * @param key the client key
   * @return 0 when the call may go ahead, otherwise the nanoseconds until it could
   */
  public long tryAcquire(String key) {
    long now = nanoClock.getAsLong();
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= maxKeys) {
        evict(now);
      }
      bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    }
    synchronized (bucket) {
      bucket.refill(now, perNano, burst);
      if (bucket.tokens >= 1d) {
        bucket.tokens -= 1d;
        return 0;
      }
      return Math.max(1L, (long) Math.ceil((1d - bucket.tokens) / perNano));
    }
  }

  /**
   * How many keys are tracked now.
   *
   * @return the count
   */
  public int trackedKeys() {
    return buckets.size();
  }

  private void evict(long now) {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      Bucket b = it.next();
      synchronized (b) {
        b.refill(now, perNano, burst);
        if (b.tokens >= burst) {
          it.remove();
        }
      }
    }
    // still full of draining buckets: drop arbitrary ones to keep the bound (the price is a fresh burst)
    for (Iterator<String> it = buckets.keySet().iterator(); it.hasNext() && buckets.size() >= maxKeys; ) {
      it.next();
      it.remove();
    }
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updated = now;
    }

    void refill(long now, double perNano, double burst) {
      long elapsed = now - updated;
      if (elapsed > 0) {
        tokens = Math.min(burst, tokens + elapsed * perNano);
        updated = now;
      }
    }
  }
}
