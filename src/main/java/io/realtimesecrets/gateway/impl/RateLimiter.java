package io.realtimesecrets.gateway.impl;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a client address, see {@link ClientAddress}): each key may make {@code burst}
 * calls at once and then {@code perSecond} calls per second.
 *
 * <p>Memory is bounded by {@code maxKeys}, and every call costs O(1) whatever the number of keys: buckets
 * are kept in least-recently-used order, and a new key at the bound replaces the least recently used
 * bucket only if that bucket has refilled completely (a full bucket is exactly what a new key gets, so
 * forgetting it loses nothing). A bucket still draining is never forgotten: while the least recently used
 * bucket is still draining (more than {@code maxKeys} clients within one refill window, i.e. a flood), new
 * keys share one overflow bucket of the same size, so a flood of fresh addresses gains no fresh bursts and
 * the clients being limited stay limited.
 *
 * <p>Thread safe: one short lock around O(1) work. Time comes from the injected nanosecond clock.
 */
public final class RateLimiter {

  private final double perNano;
  private final double burst;
  private final int maxKeys;
  private final LongSupplier nanoClock;
  // access order: the first entry is the least recently used
  private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);
  private final Bucket overflow;

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
    this.overflow = new Bucket(burst, nanoClock.getAsLong());
  }

  /**
   * Takes one call from the key's bucket.
   *
   * @param key the client key
   * @return 0 when the call may go ahead, otherwise the nanoseconds until it could
   */
  public long tryAcquire(String key) {
    long now = nanoClock.getAsLong();
    synchronized (buckets) {
      Bucket bucket = buckets.get(key);
      if (bucket == null) {
        bucket = admit(key, now);
      }
      bucket.refill(now, perNano, burst);
      if (bucket.tokens >= 1d) {
        bucket.tokens -= 1d;
        return 0;
      }
      return Math.max(1L, (long) Math.ceil((1d - bucket.tokens) / perNano));
    }
  }

  private Bucket admit(String key, long now) {
    if (buckets.size() >= maxKeys) {
      Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
      Bucket lru = eldest.next().getValue();
      lru.refill(now, perNano, burst);
      if (lru.tokens < burst) {
        return overflow;
      }
      eldest.remove();
    }
    Bucket fresh = new Bucket(burst, now);
    buckets.put(key, fresh);
    return fresh;
  }

  /**
   * How many keys are tracked now (the overflow bucket not counted).
   *
   * @return the count
   */
  public int trackedKeys() {
    synchronized (buckets) {
      return buckets.size();
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
