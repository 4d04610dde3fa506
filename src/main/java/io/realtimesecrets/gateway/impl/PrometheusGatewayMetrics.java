package io.realtimesecrets.gateway.impl;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@link GatewayMetrics} on a private {@link PrometheusMeterRegistry}. Only loaded when the registry is on
 * the class path (see {@link GatewayMetrics#create()}).
 */
final class PrometheusGatewayMetrics implements GatewayMetrics {

  private final PrometheusMeterRegistry registry;
  // one timer per profile and status, looked up without building a meter id on every request
  private final java.util.concurrent.ConcurrentHashMap<String, Timer[]> requestTimers =
      new java.util.concurrent.ConcurrentHashMap<>();

  private PrometheusGatewayMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  static GatewayMetrics create() {
    return new PrometheusGatewayMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  @Override
  public void recordRequest(String profile, int status, long nanos) {
    Timer[] byStatus = requestTimers.computeIfAbsent(profile, p -> new Timer[600]);
    int slot = status >= 0 && status < byStatus.length ? status : 0;
    Timer timer = byStatus[slot];
    if (timer == null) {
      // registration is idempotent, so a race here only registers the same meter twice
      timer = Timer.builder("realtime_secrets_gateway_requests")
          .description("Calls to /token by profile and HTTP status")
          .tag("profile", profile)
          .tag("status", Integer.toString(status))
          .register(registry);
      byStatus[slot] = timer;
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void registerReadiness(String profile, BooleanSupplier ready) {
    Gauge.builder("realtime_secrets_gateway_profile_ready", () -> ready.getAsBoolean() ? 1 : 0)
        .description("1 once the profile's pool has warmed (per-user profiles: once started)")
        .tag("profile", profile)
        .register(registry);
  }

  @Override
  public void registerFleetBudget(BooleanSupplier onFallback) {
    Gauge.builder("realtime_secrets_mint_budget_fallback", () -> onFallback.getAsBoolean() ? 1 : 0)
        .description("1 while Redis did not answer the fleet's mint budget, so this replica paces its mints "
            + "alone at mintRateLimit / replicas")
        .register(registry);
  }

  @Override
  public Object registry() {
    return registry;
  }

  @Override
  public String scrape() {
    return registry.scrape();
  }
}
