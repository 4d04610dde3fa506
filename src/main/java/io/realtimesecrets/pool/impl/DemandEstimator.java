package io.realtimesecrets.pool.impl;

/**
 * Takes per second as two exponentially weighted moving averages, fed once per tick: the estimate is the
 * larger, so it rises with the fast one and falls with the slow one (fast attack, slow decay). Confined to
 * the pool's context.
 */
final class DemandEstimator {

  private final double tauFastSeconds;
  private final double tauSlowSeconds;
  private double fast;
  private double slow;

  DemandEstimator(double tauFastSeconds, double tauSlowSeconds) {
    this.tauFastSeconds = tauFastSeconds;
    this.tauSlowSeconds = tauSlowSeconds;
  }

  void update(long takes, double intervalSeconds) {
    if (intervalSeconds <= 0) {
      return;
    }
    double rate = takes / intervalSeconds;
    // exact decay for the real interval, so a late timer does not distort the average
    fast += (1 - Math.exp(-intervalSeconds / tauFastSeconds)) * (rate - fast);
    slow += (1 - Math.exp(-intervalSeconds / tauSlowSeconds)) * (rate - slow);
  }

  double rate() {
    return Math.max(fast, slow);
  }
}
