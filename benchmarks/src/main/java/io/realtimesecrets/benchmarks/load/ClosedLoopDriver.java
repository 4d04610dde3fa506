package io.realtimesecrets.benchmarks.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Keeps {@code concurrency} operations in flight until {@code count} have been issued or the time budget is
 * spent, recording each operation's latency (issue to completion, including any time the contender blocks the
 * caller) in an HdrHistogram.
 *
 * <p>Each in-flight slot is a chain: when an operation completes, its callback issues the next one on the
 * completing thread, as an application would. An operation that completes before {@code start} returns (a warm
 * pool) is continued by a loop, not by recursion.
 */
final class ClosedLoopDriver {

  /** What one phase measured. */
  record Outcome(Histogram histogram, long completed, long failed, long elapsedNanos, boolean timedOut,
      String firstError) {

    double throughput() {
      return completed * 1e9 / Math.max(1, elapsedNanos);
    }
  }

  private final Contender contender;
  private final long count;
  private final int concurrency;
  private final long deadlineNanos;
  private final AtomicLong tickets = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Throwable> firstError = new AtomicReference<>();
  private final ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(2), 3);
  private final CountDownLatch slotsDone;

  private ClosedLoopDriver(Contender contender, long count, int concurrency, long maxNanos) {
    this.contender = contender;
    this.count = count;
    this.concurrency = concurrency;
    this.deadlineNanos = System.nanoTime() + maxNanos;
    this.slotsDone = new CountDownLatch(concurrency);
  }

  /**
   * Runs one phase and waits for it (at most the budget plus a grace for operations in flight).
   *
   * @return the outcome
   */
  static Outcome run(Contender contender, long count, int concurrency, long maxNanos) throws InterruptedException {
    ClosedLoopDriver d = new ClosedLoopDriver(contender, count, concurrency, maxNanos);
    long t0 = System.nanoTime();
    for (int i = 0; i < concurrency; i++) {
      d.runSlot();
    }
    boolean finished = d.slotsDone.await(maxNanos + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
    long elapsed = System.nanoTime() - t0;
    Throwable err = d.firstError.get();
    boolean timedOut = !finished || d.tickets.get() < count || d.completed.get() + d.failed.get() < count;
    return new Outcome(d.histogram.copy(), d.completed.get(), d.failed.get(), elapsed, timedOut,
        err == null ? null : err.getClass().getSimpleName() + ": " + err.getMessage());
  }

  private boolean takeTicket() {
    return System.nanoTime() < deadlineNanos && tickets.incrementAndGet() <= count;
  }

  private void runSlot() {
    while (true) {
      if (!takeTicket()) {
        slotsDone.countDown();
        return;
      }
      // 0 = in start(), 1 = start() returned first, 2 = completed while still in start()
      AtomicInteger state = new AtomicInteger();
      long t0 = System.nanoTime();
      try {
        contender.start(err -> {
          record(t0, err);
          if (!state.compareAndSet(0, 2)) {
            runSlot();
          }
        });
      } catch (Throwable t) {
        if (state.compareAndSet(0, 2)) {
          record(t0, t);
        }
      }
      if (state.compareAndSet(0, 1)) {
        return; // the callback continues this slot
      }
    }
  }

  private void record(long t0, Throwable err) {
    long nanos = System.nanoTime() - t0;
    if (err == null) {
      histogram.recordValue(Math.min(nanos, histogram.getHighestTrackableValue()));
      completed.incrementAndGet();
    } else {
      failed.incrementAndGet();
      firstError.compareAndSet(null, err);
    }
  }
}
