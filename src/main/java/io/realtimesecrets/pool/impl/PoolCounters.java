package io.realtimesecrets.pool.impl;

import io.realtimesecrets.pool.SecretPoolException.Reason;
import io.realtimesecrets.pool.SecretPoolStats.DiscardReason;
import io.realtimesecrets.pool.SecretPoolStats.UpstreamErrorKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool's statistics counters. Written from the hit path (any thread) and from the pool's event loop,
 * read by {@code stats()} from any thread, hence adders and atomic arrays. Every secret the upstream returned
 * is counted here exactly once as minted and exactly once as handed out, expired unused, discarded or (not
 * here) in stock, which is what keeps {@code SecretPoolStats.isBalanced()} true.
 */
final class PoolCounters {

  final LongAdder hits = new LongAdder();
  final LongAdder waited = new LongAdder();
  final LongAdder timedOut = new LongAdder();
  final LongAdder expiredUnused = new LongAdder();
  final LongAdder minted = new LongAdder();
  final LongAdder mintAttempts = new LongAdder();
  private final AtomicLongArray rejected = new AtomicLongArray(Reason.values().length);
  private final AtomicLongArray discarded = new AtomicLongArray(DiscardReason.values().length);
  private final AtomicLongArray upstreamErrors = new AtomicLongArray(UpstreamErrorKind.values().length);
  private final LongAccumulator minRemainingAtHandOut = new LongAccumulator(Math::min, Long.MAX_VALUE);

  void rejected(Reason reason) {
    rejected.incrementAndGet(reason.ordinal());
  }

  void discarded(DiscardReason reason) {
    discarded.incrementAndGet(reason.ordinal());
  }

  void upstreamError(UpstreamErrorKind kind) {
    upstreamErrors.incrementAndGet(kind.ordinal());
  }

  void handedOut(long remainingNanos) {
    minRemainingAtHandOut.accumulate(remainingNanos);
  }

  Map<Reason, Long> rejected() {
    Map<Reason, Long> m = new EnumMap<>(Reason.class);
    for (Reason r : Reason.values()) {
      m.put(r, rejected.get(r.ordinal()));
    }
    return m;
  }

  Map<DiscardReason, Long> discarded() {
    Map<DiscardReason, Long> m = new EnumMap<>(DiscardReason.class);
    for (DiscardReason r : DiscardReason.values()) {
      m.put(r, discarded.get(r.ordinal()));
    }
    return m;
  }

  Map<UpstreamErrorKind, Long> upstreamErrors() {
    Map<UpstreamErrorKind, Long> m = new EnumMap<>(UpstreamErrorKind.class);
    for (UpstreamErrorKind k : UpstreamErrorKind.values()) {
      m.put(k, upstreamErrors.get(k.ordinal()));
    }
    return m;
  }

  /** The least remaining life at hand-out, or -1 before the first hand-out. */
  long minRemainingAtHandOut() {
    long v = minRemainingAtHandOut.get();
    return v == Long.MAX_VALUE ? -1 : v;
  }
}
