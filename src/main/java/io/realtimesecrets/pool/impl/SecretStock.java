package io.realtimesecrets.pool.impl;

import io.realtimesecrets.model.EphemeralSecret;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The secrets ready to hand out, oldest (first to retire) first.
 *
 * <p>The only part of the pool touched off its event loop: {@link #pollValid} runs on the caller's thread on
 * a hit. A secret belongs to whoever removes it ({@code pollFirst}/{@code remove} succeed for exactly one
 * thread), so each goes to exactly one caller. Only the pool's event loop adds.
 *
 * @param <R> the response type
 */
final class SecretStock<R extends EphemeralSecret> {

  private final ConcurrentSkipListSet<StockedSecret<R>> secrets =
      new ConcurrentSkipListSet<>(StockedSecret.OLDEST_FIRST);
  private final AtomicInteger size = new AtomicInteger();
  private final PoolCounters counters;

  SecretStock(PoolCounters counters) {
    this.counters = counters;
  }

  /** Any thread: the oldest secret still above its floor at {@code now}, or null; older ones are retired. */
  StockedSecret<R> pollValid(long now) {
    for (;;) {
      StockedSecret<R> s = secrets.pollFirst();
      if (s == null) {
        return null;
      }
      size.decrementAndGet();
      if (now < s.retireAtNanos()) {
        return s;
      }
      // the floor is enforced here, whatever the timers did (lazy retirement)
      counters.expiredUnused.increment();
    }
  }

  /** Pool event loop only. */
  void add(StockedSecret<R> s) {
    // count first: a hit on another thread may poll it the moment it is added, and the gauge must not dip below 0
    size.incrementAndGet();
    secrets.add(s);
  }

  /** Pool event loop only: retires every secret whose floor has passed. */
  void retireExpired(long now) {
    for (;;) {
      StockedSecret<R> head = firstOrNull();
      if (head == null || head.retireAtNanos() > now) {
        return;
      }
      if (secrets.remove(head)) {
        size.decrementAndGet();
        counters.expiredUnused.increment();
      }
    }
  }

  /**
   * Stock that still covers demand: secrets whose (jittered) replacement is not due by {@code now}, given
   * the mint lead time and the largest replacement jitter.
   */
  int effective(long now, long leadNanos, long maxJitterNanos) {
    int count = size.get();
    long horizon = saturatedAdd(now, saturatedAdd(leadNanos, maxJitterNanos));
    for (StockedSecret<R> s : secrets) {
      if (s.retireAtNanos() > horizon) {
        break; // ordered by retirement: nothing further is due for replacement
      }
      if (s.replaceBaseNanos() - leadNanos <= now) {
        count--;
      }
    }
    return Math.max(0, count);
  }

  /** Pool event loop only: drops everything, returning how many were dropped. */
  int drain() {
    int n = 0;
    for (StockedSecret<R> s; (s = secrets.pollFirst()) != null; ) {
      size.decrementAndGet();
      n++;
    }
    return n;
  }

  int size() {
    return size.get();
  }

  private StockedSecret<R> firstOrNull() {
    try {
      return secrets.first();
    } catch (NoSuchElementException e) {
      return null;
    }
  }

  private static long saturatedAdd(long a, long b) {
    return SaturatingMath.add(a, b);
  }
}
