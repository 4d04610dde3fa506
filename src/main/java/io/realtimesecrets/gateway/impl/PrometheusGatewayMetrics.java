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

  private PrometheusGatewayMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  static GatewayMetrics create() {
    return new PrometheusGatewayMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  @Override
  public void recordRequest(String profile, int status, long nanos) {
    Timer.builder("realtime_secrets_gateway_requests")
        .description("Calls to /token by profile and HTTP status")
        .tag("profile", profile)
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void registerReadiness(String profile, BooleanSupplier ready) {
    Gauge.builder("realtime_secrets_gateway_profile_ready", () -> ready.getAsBoolean() ? 1 : 0)
        .description("1 once the profile's pool has warmed (per-user profiles: once started)")
        .tag("profile", profile)
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
