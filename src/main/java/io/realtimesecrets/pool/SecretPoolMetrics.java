package io.realtimesecrets.pool;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.realtimesecrets.pool.SecretPoolStats.DiscardReason;
import io.realtimesecrets.pool.SecretPoolStats.UpstreamErrorKind;
import io.realtimesecrets.pool.impl.PoolEvents;
import io.realtimesecrets.pool.impl.SecretPoolImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a pool's numbers to a Micrometer {@link MeterRegistry}, every meter tagged {@code pool=<name>}.
 *
 * <p>Micrometer is an optional dependency: this class is the only one in the pool that names Micrometer
 * types, and it is loaded only when the application calls {@link #bind}. A pool without it works and
 * still reports everything through {@link SecretPool#stats()}.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code realtime.pool.takes}</td><td>counter</td><td>{@code result}: hit, waited, timed_out,
 *   waiters_full, circuit_open, upstream_rejected, closed</td></tr>
 *   <tr><td>{@code realtime.pool.take.latency}</td><td>timer</td><td>{@code result} as above</td></tr>
 *   <tr><td>{@code realtime.pool.minted}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code realtime.pool.mint.attempts}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code realtime.pool.expired.unused}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code realtime.pool.discarded}</td><td>counter</td><td>{@code reason}: doa, closed</td></tr>
 *   <tr><td>{@code realtime.pool.upstream.errors}</td><td>counter</td><td>{@code kind}: rate_limited, quota,
 *   auth, bad_request, server, timeout, io, invalid_response, short_lived, other</td></tr>
 *   <tr><td>{@code realtime.pool.mint.latency}</td><td>timer</td><td>{@code outcome}: success, failure</td></tr>
 *   <tr><td>{@code realtime.pool.remaining.life}</td><td>summary (seconds)</td><td>remaining life at
 *   hand-out</td></tr>
 *   <tr><td>{@code realtime.pool.stock}, {@code .target}, {@code .waiters}, {@code .inflight},
 *   {@code .inflight.limit}, {@code .demand.rate}, {@code .circuit} (0 closed, 1 half-open, 2 open),
 *   {@code .clock.skew} (seconds), {@code .floor} (seconds)</td><td>gauges</td><td></td></tr>
 * </table>
 */
public final class SecretPoolMetrics implements AutoCloseable {

  private final MeterRegistry registry;
  private final SecretPoolImpl<?> pool;
  private final List<Meter> meters = new ArrayList<>();
  private final PoolEvents events;

  private SecretPoolMetrics(SecretPoolImpl<?> pool, MeterRegistry registry, String poolName) {
    this.registry = registry;
    this.pool = pool;
    Tags tags = Tags.of("pool", poolName);
    SecretPool<?> p = pool;
    for (String result : List.of("hit", "waited", "timed_out")) {
      ToDoubleFunction<SecretPool<?>> f = switch (result) {
        case "hit" -> x -> x.stats().hits();
        case "waited" -> x -> x.stats().waited();
        default -> x -> x.stats().timedOut();
      };
      meters.add(FunctionCounter.builder("realtime.pool.takes", p, f).tags(tags).tag("result", result)
          .description("takes by result").register(registry));
    }
    for (SecretPoolException.Reason r : SecretPoolException.Reason.values()) {
      if (r == SecretPoolException.Reason.ACQUIRE_TIMEOUT) {
        continue; // counted as timed_out
      }
      meters.add(FunctionCounter.builder("realtime.pool.takes", p, x -> x.stats().rejected().get(r)).tags(tags)
          .tag("result", r.name().toLowerCase(Locale.ROOT)).description("takes by result").register(registry));
    }
    meters.add(FunctionCounter.builder("realtime.pool.minted", p, x -> x.stats().minted()).tags(tags)
        .description("secrets received from the upstream").register(registry));
    meters.add(FunctionCounter.builder("realtime.pool.mint.attempts", p, x -> x.stats().mintAttempts()).tags(tags)
        .description("mint calls started").register(registry));
    meters.add(FunctionCounter.builder("realtime.pool.expired.unused", p, x -> x.stats().expiredUnused())
        .tags(tags).description("secrets retired at the floor without being handed out").register(registry));
    for (DiscardReason r : DiscardReason.values()) {
      meters.add(FunctionCounter.builder("realtime.pool.discarded", p, x -> x.stats().discarded().get(r))
          .tags(tags).tag("reason", r.tag()).description("secrets dropped").register(registry));
    }
    for (UpstreamErrorKind k : UpstreamErrorKind.values()) {
      meters.add(FunctionCounter.builder("realtime.pool.upstream.errors", p, x -> x.stats().upstreamErrors().get(k))
          .tags(tags).tag("kind", k.tag()).description("failed mint calls").register(registry));
    }
    gauge("realtime.pool.stock", tags, x -> x.stats().stock(), "secrets in stock");
    gauge("realtime.pool.target", tags, x -> x.stats().target(), "stock target");
    gauge("realtime.pool.waiters", tags, x -> x.stats().waiters(), "callers waiting");
    gauge("realtime.pool.inflight", tags, x -> x.stats().inFlight(), "mint calls in flight");
    gauge("realtime.pool.inflight.limit", tags, x -> x.stats().inFlightLimit(), "limit on mint calls in flight");
    gauge("realtime.pool.demand.rate", tags, x -> x.stats().demandPerSecond(), "takes per second (estimate)");
    gauge("realtime.pool.circuit", tags, x -> x.stats().circuit().gaugeValue(), "0 closed, 1 half-open, 2 open");
    gauge("realtime.pool.clock.skew", tags, x -> x.stats().clockSkew().toMillis() / 1000.0,
        "upstream Date minus local clock, seconds");
    gauge("realtime.pool.floor", tags, x -> x.stats().floor().toMillis() / 1000.0,
        "effective minRemainingLife, seconds");

    Map<String, Timer> takeTimers = new ConcurrentHashMap<>();
    Timer mintOk = Timer.builder("realtime.pool.mint.latency").tags(tags).tag("outcome", "success")
        .description("mint round trip").register(registry);
    Timer mintFailed = Timer.builder("realtime.pool.mint.latency").tags(tags).tag("outcome", "failure")
        .description("mint round trip").register(registry);
    DistributionSummary life = DistributionSummary.builder("realtime.pool.remaining.life").tags(tags)
        .baseUnit("seconds").description("remaining life of secrets at hand-out").register(registry);
    meters.add(mintOk);
    meters.add(mintFailed);
    meters.add(life);
    for (String result : List.of("hit", "waited", "timed_out", "waiters_full", "circuit_open", "upstream_rejected",
        "closed")) {
      Timer t = Timer.builder("realtime.pool.take.latency").tags(tags).tag("result", result)
          .description("time from take() to its outcome").register(registry);
      takeTimers.put(result, t);
      meters.add(t);
    }
    this.events = new PoolEvents() {
      @Override
      public void takeCompleted(String result, long latencyNanos) {
        Timer t = takeTimers.get(result);
        if (t != null) {
          t.record(latencyNanos, TimeUnit.NANOSECONDS);
        }
      }

      @Override
      public void handedOut(long remainingLifeNanos) {
        life.record(remainingLifeNanos / 1e9);
      }

      @Override
      public void mintCompleted(boolean success, long latencyNanos) {
        (success ? mintOk : mintFailed).record(latencyNanos, TimeUnit.NANOSECONDS);
      }
    };
    pool.addEvents(events);
  }

  private void gauge(String name, Tags tags, ToDoubleFunction<SecretPool<?>> f, String description) {
    meters.add(Gauge.builder(name, (SecretPool<?>) pool, f).tags(tags).description(description).strongReference(true)
        .register(registry));
  }

  /**
   * Registers the pool's meters.
   *
   * @param pool a pool made by {@link SecretPool#create}
   * @param registry the registry
   * @param poolName the value of the {@code pool} tag (a gateway uses its profile name)
   * @return a handle whose {@link #close()} removes the meters again
   * @throws IllegalArgumentException when the pool was not made by {@link SecretPool#create}
   */
  public static SecretPoolMetrics bind(SecretPool<?> pool, MeterRegistry registry, String poolName) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(poolName, "poolName");
    if (!(pool instanceof SecretPoolImpl<?> impl)) {
      throw new IllegalArgumentException("pool: must be created by SecretPool.create, got "
          + (pool == null ? "null" : pool.getClass().getName()));
    }
    return new SecretPoolMetrics(impl, registry, poolName);
  }

  /** Removes the meters and stops recording. */
  @Override
  public void close() {
    pool.removeEvents(events);
    for (Meter m : meters) {
      registry.remove(m);
    }
    meters.clear();
  }
}
