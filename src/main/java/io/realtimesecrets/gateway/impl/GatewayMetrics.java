package io.realtimesecrets.gateway.impl;

import java.util.function.BooleanSupplier;

/**
 * The gateway's request metrics and their Prometheus rendering. Micrometer and its Prometheus registry are
 * optional dependencies: without them {@link #create()} returns a no-op whose {@link #scrape()} is
 * {@code null} (and {@code /metrics} answers 404).
 *
 * <p>Thread safe.
 */
public interface GatewayMetrics {

  /** Metrics that record nothing. */
  GatewayMetrics NONE = new GatewayMetrics() {
    @Override
    public void recordRequest(String profile, int status, long nanos) {
    }

    @Override
    public void registerReadiness(String profile, BooleanSupplier ready) {
    }

    @Override
    public Object registry() {
      return null;
    }

    @Override
    public String scrape() {
      return null;
    }
  };

  /**
   * Prometheus-backed metrics when {@code micrometer-registry-prometheus} is on the class path, else
   * {@link #NONE}.
   *
   * @return the metrics
   */
  static GatewayMetrics create() {
    try {
      Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", false,
          GatewayMetrics.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return NONE;
    }
    return PrometheusGatewayMetrics.create();
  }

  /**
   * Records one {@code /token} call.
   *
   * @param profile a configured profile name, or {@code unknown}
   * @param status the HTTP status answered
   * @param nanos the latency
   */
  void recordRequest(String profile, int status, long nanos);

  /**
   * Publishes a profile's readiness as a 0/1 gauge.
   *
   * @param profile the profile
   * @param ready reads its readiness
   */
  void registerReadiness(String profile, BooleanSupplier ready);

  /**
   * Publishes, as a 0/1 gauge, whether the fleet's mint budget is on its local fallback (Redis unreachable).
   *
   * @param onFallback reads the state
   */
  default void registerFleetBudget(BooleanSupplier onFallback) {
  }

  /**
   * The Micrometer registry (an {@code io.micrometer.core.instrument.MeterRegistry}), for sources to bind
   * their own meters to.
   *
   * @return the registry, or {@code null} without Micrometer
   */
  Object registry();

  /**
   * Everything recorded, in the Prometheus text exposition format.
   *
   * @return the text, or {@code null} without Micrometer
   */
  String scrape();
}
