package io.realtimesecrets.gateway.impl;

import io.micrometer.core.instrument.MeterRegistry;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolMetrics;

/** Binds a pool's meters; a class of its own so that sources load without Micrometer on the class path. */
final class PoolMetricsBinding {

  private PoolMetricsBinding() {
  }

  static AutoCloseable bind(SecretPool<?> pool, Object meterRegistry, String profile) {
    return SecretPoolMetrics.bind(pool, (MeterRegistry) meterRegistry, profile);
  }
}
