package io.realtimesecrets.benchmarks.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Starts operations at a constant arrival rate for a fixed time (open loop) from one scheduling thread, whatever
 * the answers do, and records each latency from the operation's intended start. Every contender measured at the
 * same rate does the same amount of work per second, so CPU per operation compares like with like (a closed loop
 * runs each contender at its own top speed, where batching on the event loops makes a request cheaper).
 * Operations that would exceed {@code maxOutstanding} in flight are not started and are counted as skipped.
 */
final class FixedRateDriver {

  /** What one phase measured; {@code elapsedNanos} runs until the last answer (or the drain timeout). */
  record Outcome(Histogram histogram, long sent, long completed, long failed, long skipped, long elapsedNanos,
      String firstError) {

    double throughput() {
      return completed * 1e9 / Math.max(1, elapsedNanos);
    }
  }

  private FixedRateDriver() {
  }

  static Outcome run(Contender contender, double perSecond, double seconds, int maxOutstanding)
      throws InterruptedException {
    ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(2), 3);
    AtomicLong outstanding = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    long period = (long) (1e9 / perSecond);
    long total = (long) (perSecond * seconds);
    long sent = 0;
    long skipped = 0;
    long t0 = System.nanoTime();
    while (sent < total) {
      long intended = t0 + sent * period;
      long now = System.nanoTime();
      if (now < intended) {
        LockSupport.parkNanos(intended - now);
        continue;
      }
      sent++;
      if (outstanding.get() >= maxOutstanding) {
        skipped++;
        continue;
      }
      outstanding.incrementAndGet();
      try {
        contender.start(err -> {
          if (err == null) {
            histogram.recordValue(Math.min(System.nanoTime() - intended, histogram.getHighestTrackableValue()));
            completed.incrementAndGet();
          } else {
            failed.incrementAndGet();
            firstError.compareAndSet(null, err);
          }
          outstanding.decrementAndGet();
        });
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        firstError.compareAndSet(null, e);
        outstanding.decrementAndGet();
      }
    }
    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (outstanding.get() > 0 && System.nanoTime() < drainDeadline) {
      LockSupport.parkNanos(100_000);
    }
    long elapsed = System.nanoTime() - t0;
    Throwable err = firstError.get();
    return new Outcome(histogram.copy(), sent, completed.get(), failed.get(), skipped, elapsed,
        err == null ? null : err.getClass().getSimpleName() + ": " + err.getMessage());
  }
}
