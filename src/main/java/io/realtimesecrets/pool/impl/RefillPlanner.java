package io.realtimesecrets.pool.impl;

import io.realtimesecrets.pool.SecretPoolOptions;

/**
 * How much stock the pool should hold and how many mints to start now: demand (fast-attack, slow-decay
 * estimate), mint latency (p99 of recent round trips), the usable window of a secret and the idle sleep.
 * Pure bookkeeping, owned by the pool's event-loop thread; the {@code *View} fields are for {@code stats()}.
 */
final class RefillPlanner {

  /** Reaction slack added to the lead time of the stock target. */
  static final long REACTION_SLACK_NANOS = 250_000_000L;

  private final SecretPoolOptions options;
  private final DemandEstimator demand;
  private final LatencyWindow latency;
  private final long tickNanos;
  private final long idleSleepNanos;
  private final int minIdle;
  private final int maxIdle;
  private int target;
  private long lastDemandNanos;
  private long lastTickNanos;
  private long lastWindowNanos = -1;
  private volatile int targetView;
  private volatile double demandView;
  private volatile long latencyP99View;

  RefillPlanner(SecretPoolOptions options, long mintTimeoutNanos) {
    this.options = options;
    this.tickNanos = options.getTick().toNanos();
    this.idleSleepNanos = options.getIdleSleepAfter().toNanos();
    this.minIdle = options.getMinIdle();
    this.maxIdle = options.getMaxIdle();
    this.target = minIdle;
    this.targetView = minIdle;
    this.demand = new DemandEstimator(options.getDemandTauFast().toNanos() / 1e9,
        options.getDemandTauSlow().toNanos() / 1e9);
    this.latency = new LatencyWindow(mintTimeoutNanos / 10);
  }

  void started(long now) {
    lastTickNanos = now;
    lastDemandNanos = now;
  }

  /** A caller asked for a secret (wakes a sleeping pool). */
  void demanded(long now) {
    lastDemandNanos = now;
  }

  void mintLatency(long rttNanos) {
    latency.record(rttNanos);
  }

  long latencyP99() {
    return latency.p99();
  }

  LatencyWindow latency() {
    return latency;
  }

  /** The usable window (arrival to retirement) of the last secret that arrived. */
  void lastWindowNanos(long window) {
    lastWindowNanos = window;
  }

  long lastWindowNanos() {
    return lastWindowNanos;
  }

  /** The periodic update: {@code takes} since the last tick. */
  void tick(long now, long takes, boolean ready) {
    if (takes > 0) {
      lastDemandNanos = now;
    }
    demand.update(takes, (now - lastTickNanos) / 1e9);
    lastTickNanos = now;
    double lambda = demand.rate();
    demandView = lambda;
    long p99 = latency.p99();
    latencyP99View = latency.hasSamples() ? p99 : 0;
    double leadSeconds = (p99 + tickNanos + REACTION_SLACK_NANOS) / 1e9;
    double base = lambda * leadSeconds;
    long t = (long) Math.ceil(base + options.getTargetSafetyZ() * Math.sqrt(base));
    long cap = maxIdle;
    if (lastWindowNanos > 0) {
      // a FIFO secret should wait at most ~ratio of its window in stock: beyond that, stock is waste
      cap = Math.min(cap, Math.max(minIdle, (long) (options.getWasteCapRatio() * lambda * lastWindowNanos / 1e9)));
    }
    target = (int) Math.max(minIdle, Math.min(t, cap));
    targetView = currentTarget(now, ready);
  }

  int currentTarget(long now, boolean ready) {
    if (idleSleepNanos > 0 && now - lastDemandNanos > idleSleepNanos) {
      return 0; // asleep: the next take wakes the pool
    }
    return ready ? target : Math.max(target, minIdle);
  }

  /** The lead time a replacement needs: one mint round trip plus one tick. */
  long leadNanos() {
    return latency.p99() + tickNanos;
  }

  long maxJitterNanos() {
    long cap = options.getMaxReplacementJitter().toNanos();
    return lastWindowNanos > 0 ? Math.min(cap, lastWindowNanos / 5) : cap;
  }

  /**
   * How many mints to start now. All sums are in {@code long}: {@code maxIdle} may be
   * {@code Integer.MAX_VALUE}, and an {@code int} sum would wrap negative and start nothing.
   *
   * @param target the current stock target
   * @param waiting callers waiting
   * @param effectiveStock stock not yet due for replacement
   * @param stock stock now
   * @param inFlight mints in flight (or asking the budget)
   * @param room what the governor allows on top of {@code inFlight}
   */
  int mintsToStart(int target, int waiting, int effectiveStock, int stock, int inFlight, int room) {
    long want = (long) target + waiting - effectiveStock - inFlight;
    long cap = (long) maxIdle + waiting - stock - inFlight;
    return SaturatingMath.toInt(Math.max(0, Math.min(want, Math.min(room, cap))));
  }

  int targetView() {
    return targetView;
  }

  double demandView() {
    return demandView;
  }

  long latencyP99View() {
    return latencyP99View;
  }
}
