package io.realtimesecrets.redis.impl;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Round trips and fallback time of one Redis-backed part. Thread safe: the adders take any thread, the
 * fallback stretch is guarded by {@code this}.
 */
final class CallStats {

  private final LongSupplier nanoTime;
  private final LongAdder roundTrips = new LongAdder();
  private final LongAdder roundTripNanos = new LongAdder();
  private boolean down;
  private long downSinceNanos;
  private long fallbackNanos;

  CallStats(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** A call Redis answered after {@code nanos}. */
  void roundTrip(long nanos) {
    roundTrips.increment();
    roundTripNanos.add(Math.max(0, nanos));
  }

  /** Redis did not answer: the fallback starts, unless it is on already. @return whether it just started */
  synchronized boolean down() {
    if (down) {
      return false;
    }
    down = true;
    downSinceNanos = nanoTime.getAsLong();
    return true;
  }

  /** Redis answered: the fallback ends, if it was on. @return whether it just ended */
  synchronized boolean up() {
    if (!down) {
      return false;
    }
    down = false;
    fallbackNanos += Math.max(0, nanoTime.getAsLong() - downSinceNanos);
    return true;
  }

  synchronized boolean isDown() {
    return down;
  }

  long roundTrips() {
    return roundTrips.sum();
  }

  Duration roundTripTime() {
    return Duration.ofNanos(roundTripNanos.sum());
  }

  synchronized Duration fallbackTime() {
    long total = fallbackNanos + (down ? Math.max(0, nanoTime.getAsLong() - downSinceNanos) : 0);
    return Duration.ofNanos(total);
  }
}
