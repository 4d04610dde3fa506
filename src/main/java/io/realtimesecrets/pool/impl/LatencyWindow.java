package io.realtimesecrets.pool.impl;

import java.util.Arrays;

/**
 * The 99th percentile of the last {@value #SIZE} mint round trips. Confined to the pool's context; the
 * percentile is recomputed at most once per tick, so recording stays O(1).
 */
final class LatencyWindow {

  static final int SIZE = 256;

  private final long[] samples = new long[SIZE];
  private final long[] scratch = new long[SIZE];
  private final long seedNanos;
  private int count;
  private int next;
  private boolean dirty;
  private long p99;

  LatencyWindow(long seedNanos) {
    this.seedNanos = seedNanos;
    this.p99 = seedNanos;
  }

  void record(long nanos) {
    samples[next] = nanos;
    next = (next + 1) % SIZE;
    if (count < SIZE) {
      count++;
    }
    dirty = true;
  }

  long p99() {
    if (dirty) {
      System.arraycopy(samples, 0, scratch, 0, count);
      Arrays.sort(scratch, 0, count);
      p99 = scratch[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)];
      dirty = false;
    }
    return count == 0 ? seedNanos : p99;
  }

  /** The median of the window (the typical round trip, for estimating waits), or the seed before any. */
  long p50() {
    if (count == 0) {
      return seedNanos;
    }
    System.arraycopy(samples, 0, scratch, 0, count);
    Arrays.sort(scratch, 0, count);
    dirty = true;
    return scratch[(count - 1) / 2];
  }

  boolean hasSamples() {
    return count > 0;
  }
}
