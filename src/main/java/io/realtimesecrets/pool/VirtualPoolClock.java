package io.realtimesecrets.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A {@link PoolClock} that only moves when told to: {@link #advance(Duration)} runs every timer that falls
 * due, in order, each at its own instant. An hour of pool life runs in milliseconds, and the same inputs
 * give the same run.
 *
 * <p>Public so that applications can test their own code around a pool (a gateway, say) the way the pool
 * itself is tested, rather than sleeping in tests.
 *
 * <p><b>Threading:</b> not for concurrent use. Drive it from the pool's context (for example inside one
 * {@code context.runOnContext(...)} task that creates the pool, takes and advances), so that timers run
 * inline and the pool never has to hop contexts; anything else makes the run depend on thread timing.
 */
public final class VirtualPoolClock implements PoolClock {

  private static final class Timer implements Comparable<Timer> {
    final long id;
    final long dueNanos;
    final Runnable task;
    boolean cancelled;

    Timer(long id, long dueNanos, Runnable task) {
      this.id = id;
      this.dueNanos = dueNanos;
      this.task = task;
    }

    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(dueNanos, o.dueNanos);
      return c != 0 ? c : Long.compare(id, o.id);
    }
  }

  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final java.util.HashMap<Long, Timer> byId = new java.util.HashMap<>();
  private final long originNanos;
  private final long originWallMillis;
  private long nanos;
  private long wallOffsetMillis;
  private long nextId = 1;
  // seeded: a simulated hour replays exactly, run after run
  private final java.util.Random jitter = new java.util.Random(20261125L);

  /** A clock whose wall time starts at 2026-01-01T00:00:00Z and whose monotonic time starts at 10^12 ns. */
  public VirtualPoolClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /**
   * A clock whose wall time starts at {@code wallStart}.
   *
   * @param wallStart the initial wall-clock instant
   */
  public VirtualPoolClock(Instant wallStart) {
    // a large non-zero origin catches code that treats nanoTime() as an absolute value
    this.originNanos = 1_000_000_000_000L;
    this.nanos = originNanos;
    this.originWallMillis = wallStart.toEpochMilli();
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public long currentTimeMillis() {
    return originWallMillis + (nanos - originNanos) / 1_000_000L + wallOffsetMillis;
  }

  /**
   * Shifts the local wall clock (not the monotonic clock) by a fixed offset, to simulate a host whose clock
   * is wrong.
   *
   * @param offset positive for a clock ahead of true time
   */
  public void setWallClockOffset(Duration offset) {
    this.wallOffsetMillis = offset.toMillis();
  }

  /**
   * True time: the wall clock without the offset of {@link #setWallClockOffset(Duration)}.
   *
   * @return the true instant
   */
  public Instant trueNow() {
    return Instant.ofEpochMilli(originWallMillis).plusNanos(nanos - originNanos);
  }

  /**
   * Time elapsed since the clock was created.
   *
   * @return the elapsed virtual time
   */
  public Duration elapsed() {
    return Duration.ofNanos(nanos - originNanos);
  }

  @Override
  public long setTimer(long delayMillis, Runnable task) {
    long id = nextId++;
    Timer t = new Timer(id, nanos + Math.max(1, delayMillis) * 1_000_000L, task);
    timers.add(t);
    byId.put(id, t);
    return id;
  }

  @Override
  public void cancelTimer(long id) {
    Timer t = byId.remove(id);
    if (t != null) {
      t.cancelled = true;
    }
  }

  /**
   * How many timers are armed and not yet fired or cancelled.
   *
   * @return the number of pending timers
   */
  public int pendingTimers() {
    return byId.size();
  }

  /**
   * Moves time forward by {@code duration}, running every timer that falls due on the way (including timers
   * those timers set), each with the clock at its due instant.
   *
   * @param duration how far to move, not negative
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration: must not be negative");
    }
    long target = nanos + duration.toNanos();
    for (;;) {
      Timer t = timers.peek();
      if (t == null || t.dueNanos > target) {
        break;
      }
      timers.poll();
      if (t.cancelled) {
        continue;
      }
      byId.remove(t.id);
      nanos = Math.max(nanos, t.dueNanos);
      t.task.run();
    }
    nanos = target;
  }

  @Override
  public String toString() {
    return "VirtualPoolClock{elapsed=" + elapsed() + ", pendingTimers=" + pendingTimers() + '}';
  }

  /** Deterministic jitter from a fixed seed, so every run of a simulation is the same run. */
  @Override
  public synchronized double nextJitter() {
    return jitter.nextDouble();
  }
}
