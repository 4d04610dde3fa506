package io.realtimesecrets.gateway.impl;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

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
   * Publishes the fleet budget's counts: "wait" answers and the pauses this replica recorded for the fleet.
   *
   * @param waits reads the count of "wait" answers
   * @param pauses reads the count of pauses recorded
   */
  default void registerFleetBudgetCounts(LongSupplier waits, LongSupplier pauses) {
  }

  /**
   * Publishes a profile's shared stock: whether it is on its fallback (0/1), and its takes by result.
   *
   * @param profile the profile
   * @param onFallback reads whether the last call to Redis failed
   * @param hits reads the takes that got a secret
   * @param misses reads the takes that got none (empty, or Redis failed)
   */
  default void registerSharedStock(String profile, BooleanSupplier onFallback, LongSupplier hits,
      LongSupplier misses) {
  }

  /**
   * Publishes the round trips and fallback time of a part that uses Redis.
   *
   * @param part {@code budget} or {@code stock}
   * @param profile the profile of a stock, {@code all} for the budget (shared by every profile)
   * @param roundTrips reads the count of calls Redis answered
   * @param roundTripNanos reads their total time
   * @param fallbackNanos reads the total time spent on the fallback
   */
  default void registerRedisPart(String part, String profile, LongSupplier roundTrips, LongSupplier roundTripNanos,
      LongSupplier fallbackNanos) {
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
