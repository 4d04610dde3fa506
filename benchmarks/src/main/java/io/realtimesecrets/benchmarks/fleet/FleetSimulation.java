package io.realtimesecrets.benchmarks.fleet;

import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolException;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.realtimesecrets.pool.SecretPoolStats;
import io.realtimesecrets.pool.VirtualPoolClock;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A fleet of N gateway replicas, each a real {@link SecretPool} with default options, sharing one organisation's
 * mint limit, on one {@link VirtualPoolClock}: ten minutes of fleet life run in about a second, and the same
 * configuration gives the same numbers on any machine, loaded or not.
 *
 * <p>The fleet's demand is fixed (Poisson arrivals at {@code demandFraction} of the organisation's limit) and
 * spread round-robin over the replicas, as a load balancer would. Three ways to run the fleet:
 * <ul>
 *   <li>{@link Mode#INDEPENDENT}: each pool paces itself (its own adaptive limiter, learning from 429s and the
 *       rate-limit headers) and keeps its own stock;</li>
 *   <li>{@link Mode#SHARED_BUDGET}: every pool also asks one fleet-wide budget before each mint
 *       ({@link SimulatedRedisBudget}: what {@code RedisMintBudget} does, with a simulated Redis round trip);</li>
 *   <li>{@link Mode#SHARED_STOCK}: the shared budget, and one fleet-wide stock instead of N local ones. The
 *       stock is an <b>in-memory stand-in</b> for the Redis shared stock, modelled by its semantics: every
 *       replica's take reads the one fleet stock (one Redis round trip; a replica keeps no stock of its own,
 *       so every take is a local miss), each secret goes to exactly one caller, a miss waits for a mint made
 *       for it, and the stock is sized and refilled by the pool's own planner from the whole fleet's demand
 *       (here: one {@link SecretPool} for the fleet behind the round trip).</li>
 * </ul>
 */
public final class FleetSimulation {

  /** How the replicas share (or not) the organisation's limit and their stock. */
  public enum Mode {
    /** No shared budget, a stock per replica. */
    INDEPENDENT("independent"),
    /** One fleet-wide mint budget, a stock per replica. */
    SHARED_BUDGET("shared budget"),
    /** One fleet-wide mint budget and one fleet-wide stock (in-memory stand-in). */
    SHARED_STOCK("shared budget + stock");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    /** @return the name in tables and charts */
    public String label() {
      return label;
    }
  }

  /**
   * One run's settings.
   *
   * @param replicas the number of replicas
   * @param mode how they share
   * @param orgLimitPerSecond the organisation's mint limit (a token bucket of this many per second, burst of one
   *     second's worth)
   * @param demandFraction the fleet's takes per second as a fraction of {@code orgLimitPerSecond}
   * @param duration virtual time to run
   * @param ttlSeconds the life of each secret ({@code expires_after.seconds} of the template)
   * @param minLatencyMillis the fastest mint round trip
   * @param maxLatencyMillis the slowest mint round trip (uniform in between)
   * @param redisRoundTripMillis added to every shared-budget ask and shared-stock take
   * @param budgetFraction the shared budget in mints per second, as a fraction of {@code orgLimitPerSecond}
   * @param seed the seed of arrivals and latencies
   */
  public record Config(int replicas, Mode mode, double orgLimitPerSecond, double demandFraction, Duration duration,
      long ttlSeconds, long minLatencyMillis, long maxLatencyMillis, long redisRoundTripMillis, double budgetFraction,
      long seed) {

    /** Default organisation limit: 20 mints per second (1 200 per minute). */
    public static final double DEFAULT_ORG_LIMIT_PER_SECOND = 20;
    /** Default demand: 75% of the organisation's limit (15 takes per second). */
    public static final double DEFAULT_DEMAND_FRACTION = 0.75;
    /** Default run: 10 virtual minutes. */
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(10);
    /** Default secret life: 60 s, so that waste shows within 10 minutes (the pool's floor is then 30 s). */
    public static final long DEFAULT_TTL_SECONDS = 60;
    /** Default mint round trip: 150 to 350 ms. */
    public static final long DEFAULT_MIN_LATENCY_MILLIS = 150;
    /** Default mint round trip: 150 to 350 ms. */
    public static final long DEFAULT_MAX_LATENCY_MILLIS = 350;
    /** Default simulated Redis round trip: 1 ms. */
    public static final long DEFAULT_REDIS_ROUND_TRIP_MILLIS = 1;
    /** Default shared budget: 90% of the organisation's limit, the rest left to other users of the key. */
    public static final double DEFAULT_BUDGET_FRACTION = 0.9;
    /** Default seed. */
    public static final long DEFAULT_SEED = 1;

    /**
     * The defaults for {@code replicas} in {@code mode}.
     *
     * @param replicas the number of replicas
     * @param mode how they share
     * @return the configuration
     */
    public static Config of(int replicas, Mode mode) {
      return new Config(replicas, mode, DEFAULT_ORG_LIMIT_PER_SECOND, DEFAULT_DEMAND_FRACTION, DEFAULT_DURATION,
          DEFAULT_TTL_SECONDS, DEFAULT_MIN_LATENCY_MILLIS, DEFAULT_MAX_LATENCY_MILLIS,
          DEFAULT_REDIS_ROUND_TRIP_MILLIS, DEFAULT_BUDGET_FRACTION, DEFAULT_SEED);
    }

    /**
     * This configuration for another mode.
     *
     * @param other the mode
     * @return the copy
     */
    public Config withMode(Mode other) {
      return new Config(replicas, other, orgLimitPerSecond, demandFraction, duration, ttlSeconds, minLatencyMillis,
          maxLatencyMillis, redisRoundTripMillis, budgetFraction, seed);
    }

    /**
     * This configuration with another duration.
     *
     * @param other the virtual time to run
     * @return the copy
     */
    public Config withDuration(Duration other) {
      return new Config(replicas, mode, orgLimitPerSecond, demandFraction, other, ttlSeconds, minLatencyMillis,
          maxLatencyMillis, redisRoundTripMillis, budgetFraction, seed);
    }

    /** @return the fleet's takes per second */
    public double demandPerSecond() {
      return orgLimitPerSecond * demandFraction;
    }
  }

  /**
   * One run's outcome.
   *
   * @param config the settings
   * @param asked takes asked
   * @param served takes that got a secret
   * @param failed takes that failed (the pool's fail-fast 503s, timeouts)
   * @param failedByReason failed takes by {@link SecretPoolException.Reason}
   * @param pending takes still waiting when the run ended
   * @param mintCalls mint calls the upstream received
   * @param rateLimited mint calls it refused with 429
   * @param minted secrets minted
   * @param expiredUnused secrets retired at the floor without being handed out
   * @param takeP50Millis median virtual latency of served takes
   * @param takeP99Millis 99th percentile of it
   * @param takeMaxMillis the slowest served take
   * @param takeP99FirstMinuteMillis the 99th percentile of served takes asked in the first virtual minute (the
   *     fleet's cold start, when every stock is filling)
   * @param meanFleetStock the fleet's stock (all replicas, or the shared one), averaged over each second
   * @param maxFleetStock the largest fleet stock seen at a second's end
   * @param stockPerSecond the fleet's stock at the end of each second
   * @param rateLimitedPerSecond the 429s of each second
   */
  public record Result(Config config, long asked, long served, long failed, Map<String, Long> failedByReason,
      long pending, long mintCalls, long rateLimited, long minted, long expiredUnused, double takeP50Millis,
      double takeP99Millis, double takeMaxMillis, double takeP99FirstMinuteMillis, double meanFleetStock, int maxFleetStock, List<Integer> stockPerSecond,
      List<Long> rateLimitedPerSecond) {

    /** @return secrets retired unused per secret minted */
    public double waste() {
      return minted == 0 ? 0 : (double) expiredUnused / minted;
    }

    /** @return secrets minted per take served */
    public double mintedPerServed() {
      return served == 0 ? 0 : (double) minted / served;
    }

    /** @return 429s per mint call */
    public double rateLimitedRatio() {
      return mintCalls == 0 ? 0 : (double) rateLimited / mintCalls;
    }

    /** The totals, without the per-second series. */
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%d replicas, %s, demand %.2f: asked %d, served %d, failed %d %s, "
          + "pending %d; mint calls %d, 429s %d, minted %d, expired unused %d (waste %.3f); take p50 %.1f ms, "
          + "p99 %.1f ms, max %.1f ms, p99 in the 1st minute %.1f ms; fleet stock mean %.1f, max %d",
          config.replicas(), config.mode().label(), config.demandFraction(), asked, served, failed, failedByReason,
          pending, mintCalls, rateLimited, minted, expiredUnused, waste(), takeP50Millis, takeP99Millis,
          takeMaxMillis, takeP99FirstMinuteMillis, meanFleetStock, maxFleetStock);
    }
  }

  private FleetSimulation() {
  }

  /**
   * Runs one configuration on a new context of {@code vertx} (every pool, timer and take on that context's
   * thread, driven by the virtual clock) and waits for it. Call it from a thread that is not an event loop;
   * the run holds its event loop for its whole (real) duration, so give {@code vertx} a generous
   * {@code maxEventLoopExecuteTime} to keep the blocked-thread checker quiet.
   *
   * @param vertx the Vert.x instance (not closed)
   * @param config the settings
   * @return the outcome
   * @throws Exception when the run fails or takes more than ten real minutes
   */
  public static Result run(Vertx vertx, Config config) throws Exception {
    CompletableFuture<Result> done = new CompletableFuture<>();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      try {
        done.complete(new Run(vertx, config).simulate());
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    return done.get(10, TimeUnit.MINUTES);
  }

  /** One run's state; lives on one context. */
  private static final class Run {
    private final Vertx vertx;
    private final Config config;
    private final VirtualPoolClock clock = new VirtualPoolClock();
    private final SimulatedUpstream upstream;
    private final List<SecretPool<ClientSecret>> pools = new ArrayList<>();
    private final Random arrivals;
    private final Histogram takeMicros = new Histogram(3_600_000_000L, 3);
    private final Histogram firstMinuteTakeMicros = new Histogram(3_600_000_000L, 3);
    private final long firstMinuteEndNanos = clock.nanoTime() + Duration.ofMinutes(1).toNanos();
    private final Map<String, Long> failedByReason = new TreeMap<>();
    private final List<Integer> stockPerSecond = new ArrayList<>();
    private final List<Long> rateLimitedPerSecond = new ArrayList<>();
    private long asked;
    private long served;
    private long failed;
    private long rateLimitedAtLastSample;
    private long stockSum;
    private int stockMax;

    Run(Vertx vertx, Config config) {
      this.vertx = vertx;
      this.config = config;
      this.arrivals = new Random(config.seed());
      this.upstream = new SimulatedUpstream(clock, config.seed() * 31 + 7, config.orgLimitPerSecond(),
          config.minLatencyMillis(), config.maxLatencyMillis(), config.ttlSeconds());
    }

    Result simulate() {
      SimulatedRedisBudget budget = config.mode() == Mode.INDEPENDENT ? null
          : new SimulatedRedisBudget(clock, config.orgLimitPerSecond() * config.budgetFraction(),
              config.redisRoundTripMillis());
      ClientSecretRequest request = ClientSecretRequest.fromJson("{\"expires_after\":{\"anchor\":\"created_at\","
          + "\"seconds\":" + config.ttlSeconds() + "},\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}");
      int poolCount = config.mode() == Mode.SHARED_STOCK ? 1 : config.replicas();
      for (int i = 0; i < poolCount; i++) {
        SecretPoolOptions options = new SecretPoolOptions();
        if (budget != null) {
          options.setMintBudget(budget);
        }
        SecretPool<ClientSecret> pool = SecretPool.create(vertx, upstream, request, options, clock);
        pools.add(pool);
        pool.start(); // the whole fleet is deployed at t = 0; a start that times out keeps trying
      }
      clock.setTimer(1000, this::sample);
      drive();
      List<SecretPoolStats> stats = pools.stream().map(SecretPool::stats).toList();
      long minted = stats.stream().mapToLong(SecretPoolStats::minted).sum();
      long expiredUnused = stats.stream().mapToLong(SecretPoolStats::expiredUnused).sum();
      for (SecretPool<ClientSecret> pool : pools) {
        pool.close();
      }
      int seconds = Math.max(1, stockPerSecond.size());
      return new Result(config, asked, served, failed, Map.copyOf(failedByReason), asked - served - failed,
          upstream.calls, upstream.rateLimited, minted, expiredUnused, percentileMillis(takeMicros, 50),
          percentileMillis(takeMicros, 99), takeMicros.getTotalCount() == 0 ? 0 : takeMicros.getMaxValue() / 1000.0,
          percentileMillis(firstMinuteTakeMicros, 99), (double) stockSum / seconds,
          stockMax, List.copyOf(stockPerSecond), List.copyOf(rateLimitedPerSecond));
    }

    private static double percentileMillis(Histogram h, double p) {
      return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1000.0;
    }

    /** Poisson arrivals for the whole fleet, round-robin over the replicas, in whole virtual milliseconds. */
    private void drive() {
      long end = clock.nanoTime() + config.duration().toNanos();
      double rate = config.demandPerSecond();
      long next = 0;
      for (;;) {
        long now = clock.nanoTime();
        long gapMillis = Math.max(1, Math.round(-Math.log(1 - arrivals.nextDouble()) / rate * 1000));
        if (now + gapMillis * 1_000_000L > end) {
          clock.advance(Duration.ofNanos(end - now));
          return;
        }
        clock.advance(Duration.ofMillis(gapMillis));
        take((int) (next++ % config.replicas()));
      }
    }

    private void take(int replica) {
      asked++;
      long startNanos = clock.nanoTime();
      if (config.mode() == Mode.SHARED_STOCK) {
        // the replica keeps no stock: the take reads the fleet's stock, one Redis round trip away
        SecretPool<ClientSecret> fleetStock = pools.get(0);
        if (config.redisRoundTripMillis() > 0) {
          clock.setTimer(config.redisRoundTripMillis(), () -> fleetStock.take().onComplete(r -> settled(r, startNanos)));
        } else {
          fleetStock.take().onComplete(r -> settled(r, startNanos));
        }
      } else {
        pools.get(replica).take().onComplete(r -> settled(r, startNanos));
      }
    }

    private void settled(AsyncResult<ClientSecret> result, long startNanos) {
      if (result.succeeded()) {
        served++;
        long micros = Math.max(0, (clock.nanoTime() - startNanos) / 1000);
        takeMicros.recordValue(micros);
        if (startNanos - firstMinuteEndNanos < 0) {
          firstMinuteTakeMicros.recordValue(micros);
        }
      } else {
        failed++;
        String reason = result.cause() instanceof SecretPoolException e ? e.reason().name() : "OTHER";
        failedByReason.merge(reason, 1L, Long::sum);
      }
    }

    private void sample() {
      int stock = pools.stream().mapToInt(p -> p.stats().stock()).sum();
      stockPerSecond.add(stock);
      stockSum += stock;
      stockMax = Math.max(stockMax, stock);
      rateLimitedPerSecond.add(upstream.rateLimited - rateLimitedAtLastSample);
      rateLimitedAtLastSample = upstream.rateLimited;
      clock.setTimer(1000, this::sample);
    }
  }
}
