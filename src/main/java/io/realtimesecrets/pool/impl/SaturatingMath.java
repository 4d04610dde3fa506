package io.realtimesecrets.pool.impl;

import java.time.Duration;

/**
 * Long arithmetic that clamps instead of wrapping or throwing. Upstream answers and options can carry
 * absurd values ({@code Retry-After: 10000000000}, {@code maxIdle = Integer.MAX_VALUE}); a deadline that
 * wraps negative or a {@link Duration#toNanos()} that throws inside failure handling would skip the very
 * code that protects the upstream.
 */
final class SaturatingMath {

  private SaturatingMath() {
  }

  static long add(long a, long b) {
    long r = a + b;
    // overflow iff both operands have the sign opposite to the result
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  static long multiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return lo;
    }
    return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
  }

  /** The duration in nanoseconds, clamped to [0, Long.MAX_VALUE]; null counts as zero. */
  static long nanos(Duration d) {
    if (d == null || d.isNegative()) {
      return 0;
    }
    if (d.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L - 1) {
      return Long.MAX_VALUE;
    }
    return d.toNanos();
  }

  /** {@code value} clamped into an int range ({@code int} sizes summed as longs stay exact). */
  static int toInt(long value) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }
}
