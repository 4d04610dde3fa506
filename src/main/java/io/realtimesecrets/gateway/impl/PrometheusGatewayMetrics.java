package io.realtimesecrets.gateway.impl;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@link GatewayMetrics} on a private {@link PrometheusMeterRegistry}. Only loaded when the registry is on
 * the class path (see {@link GatewayMetrics#create()}).
 */
final class PrometheusGatewayMetrics implements GatewayMetrics {

  private final PrometheusMeterRegistry registry;
  // one timer per profile and status, looked up without building a meter id on every request
  private final java.util.concurrent.ConcurrentHashMap<String, Timer[]> requestTimers =
      new java.util.concurrent.ConcurrentHashMap<>();

  // function meters hold their object weakly: the suppliers they read live here, as long as the gateway
  private final java.util.List<Object> readers = new java.util.concurrent.CopyOnWriteArrayList<>();

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
  public void registerFleetBudgetCounts(LongSupplier waits, LongSupplier pauses) {
    readers.add(waits);
    readers.add(pauses);
    FunctionCounter.builder("realtime_secrets_mint_budget_waits", waits, LongSupplier::getAsLong)
        .description("Answers of the fleet's mint budget that said wait (budget spent, shared pause, or the "
            + "fallback's pacing)")
        .register(registry);
    FunctionCounter.builder("realtime_secrets_mint_budget_pauses", pauses, LongSupplier::getAsLong)
        .description("Pauses this replica recorded in Redis for the fleet after a 429 with Retry-After")
        .register(registry);
  }

  @Override
  public void registerSharedStock(String profile, BooleanSupplier onFallback, LongSupplier hits,
      LongSupplier misses) {
    readers.add(hits);
    readers.add(misses);
    Gauge.builder("realtime_secrets_shared_stock_fallback", () -> onFallback.getAsBoolean() ? 1 : 0)
        .description("1 while Redis did not answer the profile's shared stock, so this replica serves from its "
            + "own stock and mints")
        .tag("profile", profile)
        .register(registry);
    for (String result : new String[] {"hit", "miss"}) {
      FunctionCounter.builder("realtime_secrets_shared_stock_takes", result.equals("hit") ? hits : misses,
              LongSupplier::getAsLong)
          .description("Takes from the fleet's shared stock by result (a failed call is a miss)")
          .tag("profile", profile)
          .tag("result", result)
          .register(registry);
    }
  }

  @Override
  public void registerRedisPart(String part, String profile, LongSupplier roundTrips, LongSupplier roundTripNanos,
      LongSupplier fallbackNanos) {
    readers.add(roundTrips);
    readers.add(fallbackNanos);
    FunctionTimer.builder("realtime_secrets_redis_round_trip", roundTrips, LongSupplier::getAsLong,
            x -> roundTripNanos.getAsLong(), TimeUnit.NANOSECONDS)
        .description("Calls Redis answered and their total time, by part (budget, stock)")
        .tag("part", part)
        .tag("profile", profile)
        .register(registry);
    FunctionCounter.builder("realtime_secrets_redis_fallback_seconds", fallbackNanos, f -> f.getAsLong() / 1e9)
        .description("Time spent on the fallback because Redis did not answer, by part (budget, stock)")
        .tag("part", part)
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
