package io.realtimesecrets.benchmarks.fleet;

import io.realtimesecrets.benchmarks.PngChart;
import io.realtimesecrets.benchmarks.fleet.FleetSimulation.Config;
import io.realtimesecrets.benchmarks.fleet.FleetSimulation.Mode;
import io.realtimesecrets.benchmarks.fleet.FleetSimulation.Result;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet-sim}: the {@link FleetSimulation} for each number of replicas and each mode, written as
 * {@code <name>.json}, {@code <name>.md} (the table) and {@code <name>.png} (fleet stock and upstream 429s per
 * second, for the largest fleet, every mode).
 */
@Command(name = "fleet-sim", mixinStandardHelpOptions = true,
    description = "Virtual-time simulation of N gateway replicas (real SecretPools) sharing one organisation mint "
        + "limit: independent, shared budget, shared budget + shared stock (in-memory stand-in).")
public final class FleetSim implements Callable<Integer> {

  // held here: java.util.logging keeps only weak references, and a collected logger forgets its level
  private static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("io.realtimesecrets");

  @Option(names = "--replicas", split = ",", defaultValue = "1,3,10,30,100",
      description = "Fleet sizes (default: ${DEFAULT-VALUE}).")
  List<Integer> replicas;

  @Option(names = "--modes", split = ",", defaultValue = "INDEPENDENT,SHARED_BUDGET,SHARED_STOCK",
      description = "Modes: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  List<Mode> modes;

  @Option(names = "--org-limit", defaultValue = "20",
      description = "Organisation limit, mints per second (token bucket, burst of one second) (default: ${DEFAULT-VALUE}).")
  double orgLimit;

  @Option(names = "--demand", split = ",", defaultValue = "0.75,0.1",
      description = "Fleet demands as fractions of the organisation limit, each a scenario; Poisson arrivals, "
          + "round-robin over replicas (default: ${DEFAULT-VALUE}).")
  List<Double> demands;

  @Option(names = "--minutes", defaultValue = "10", description = "Virtual minutes per run (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--ttl-seconds", defaultValue = "60", description = "Life of each secret (default: ${DEFAULT-VALUE}).")
  long ttlSeconds;

  @Option(names = "--latency-ms", split = ",", defaultValue = "150,350",
      description = "Mint round trip, uniform between MIN,MAX ms (default: ${DEFAULT-VALUE}).")
  List<Long> latencyMs;

  @Option(names = "--redis-rtt-ms", defaultValue = "1",
      description = "Simulated Redis round trip per budget ask and shared-stock take (default: ${DEFAULT-VALUE}).")
  long redisRttMs;

  @Option(names = "--budget-fraction", defaultValue = "0.9",
      description = "Shared budget as a fraction of the organisation limit (default: ${DEFAULT-VALUE}).")
  double budgetFraction;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of arrivals and latencies (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "results", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--name", defaultValue = "fleet-sim", description = "File name stem of the outputs (default: ${DEFAULT-VALUE}).")
  String name;

  @Override
  public Integer call() throws Exception {
    System.setProperty("java.awt.headless", "true");
    if (latencyMs.size() != 2 || latencyMs.get(0) > latencyMs.get(1) || latencyMs.get(0) < 1) {
      throw new IllegalArgumentException("--latency-ms: MIN,MAX with 1 <= MIN <= MAX");
    }
    // the whole run holds one event loop on purpose (virtual time): the blocked-thread warning would be noise
    Vertx vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(1).setMaxEventLoopExecuteTimeUnit(TimeUnit.HOURS));
    // each replica logs every Retry-After it honours at INFO: a hundred replicas' worth says nothing the counts don't
    LIBRARY_LOG.setLevel(java.util.logging.Level.WARNING);
    Instant started = Instant.now();
    List<Result> results = new ArrayList<>();
    try {
      for (double demand : demands) {
        for (int n : replicas) {
          for (Mode mode : modes) {
            Config config = new Config(n, mode, orgLimit, demand, Duration.ofMillis((long) (minutes * 60_000)), ttlSeconds,
                latencyMs.get(0), latencyMs.get(1), redisRttMs, budgetFraction, seed);
            long t0 = System.nanoTime();
            Result r = FleetSimulation.run(vertx, config);
            results.add(r);
            System.out.printf(Locale.ROOT, "demand %.2f N=%3d %-22s 429s %6d (%.1f%% of %d calls)  waste %.3f  take p99 %7.1f ms (1st min %7.1f)  "
                + "stock %.1f  minted/served %.3f  failed %d  (%.1f s real)%n", demand, n, mode.label(), r.rateLimited(),
                100 * r.rateLimitedRatio(), r.mintCalls(), r.waste(), r.takeP99Millis(), r.takeP99FirstMinuteMillis(),
                r.meanFleetStock(),
                r.mintedPerServed(), r.failed(), (System.nanoTime() - t0) / 1e9);
          }
        }
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    Files.createDirectories(out);
    String command = "java -jar target/benchmarks.jar fleet-sim --replicas " + join(replicas) + " --org-limit "
        + fmt(orgLimit) + " --demand " + join(demands) + " --minutes " + fmt(minutes) + " --ttl-seconds " + ttlSeconds
        + " --latency-ms " + join(latencyMs) + " --redis-rtt-ms " + redisRttMs + " --budget-fraction "
        + fmt(budgetFraction) + " --seed " + seed + " --name " + name;
    Files.writeString(out.resolve(name + ".json"), json(results, command, started).encodePrettily() + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(out.resolve(name + ".md"), markdown(results, command), StandardCharsets.UTF_8);
    int chartN = replicas.stream().mapToInt(Integer::intValue).max().orElse(1);
    chart(results.stream().filter(r -> r.config().replicas() == chartN).toList(), demands, out.resolve(name + ".png"));
    System.out.printf("wrote %s.json, %s.md, %s.png in %s%n", name, name, name, out);
    return 0;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String join(List<? extends Number> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }

  static JsonObject json(List<Result> results, String command, Instant started) {
    JsonArray runs = new JsonArray();
    for (Result r : results) {
      Config c = r.config();
      runs.add(new JsonObject()
          .put("demandFraction", c.demandFraction()).put("demandPerSecond", c.demandPerSecond())
          .put("replicas", c.replicas()).put("mode", c.mode().name()).put("modeLabel", c.mode().label())
          .put("asked", r.asked()).put("served", r.served()).put("failed", r.failed())
          .put("failedByReason", new JsonObject(new java.util.TreeMap<>(r.failedByReason())))
          .put("pendingAtEnd", r.pending())
          .put("upstreamMintCalls", r.mintCalls()).put("upstream429s", r.rateLimited())
          .put("upstream429Ratio", round(r.rateLimitedRatio())).put("minted", r.minted())
          .put("expiredUnused", r.expiredUnused()).put("waste", round(r.waste()))
          .put("takeP50Ms", r.takeP50Millis()).put("takeP99Ms", r.takeP99Millis()).put("takeMaxMs", r.takeMaxMillis())
          .put("takeP99FirstMinuteMs", r.takeP99FirstMinuteMillis())
          .put("meanFleetStock", round(r.meanFleetStock())).put("maxFleetStock", r.maxFleetStock())
          .put("mintedPerServed", round(r.mintedPerServed()))
          .put("fleetStockPerSecond", new JsonArray(new ArrayList<>(r.stockPerSecond())))
          .put("upstream429sPerSecond", new JsonArray(new ArrayList<>(r.rateLimitedPerSecond()))));
    }
    Config c = results.isEmpty() ? null : results.get(0).config();
    JsonObject model = new JsonObject()
        .put("clock", "VirtualPoolClock (virtual time; deterministic for a seed)")
        .put("replica", "a real SecretPool with default SecretPoolOptions")
        .put("upstream", "one organisation limit: token bucket of orgLimitPerSecond mints/s, burst of one second's "
            + "worth; beyond it 429 with whole-second Retry-After; mint latency uniform in latencyMs")
        .put("demand", "Poisson arrivals at demandFraction x orgLimitPerSecond for the whole fleet, round-robin over replicas")
        .put("sharedBudget", "one MintBudget on the virtual clock shared by every pool (even spacing, no burst, a "
            + "waiting caller's mint may borrow one interval ahead of the refills, shared Retry-After pause), each "
            + "answer one redisRttMs later: RedisMintBudget's rules without Redis")
        .put("sharedStock", "IN-MEMORY STAND-IN, not RedisSecretStock: one fleet-wide stock (one SecretPool fed "
            + "the whole fleet's demand) that every replica's take reads one redisRttMs away; replicas keep no stock");
    if (c != null) {
      model.put("orgLimitPerSecond", c.orgLimitPerSecond()).put("virtualSeconds", c.duration().toSeconds())
          .put("ttlSeconds", c.ttlSeconds()).put("latencyMs", new JsonArray(List.of(c.minLatencyMillis(), c.maxLatencyMillis())))
          .put("redisRttMs", c.redisRoundTripMillis()).put("budgetFraction", c.budgetFraction())
          .put("budgetPerSecond", c.orgLimitPerSecond() * c.budgetFraction()).put("seed", c.seed());
    }
    return new JsonObject().put("benchmark", "fleet-sim").put("command", command).put("started", started.toString())
        .put("model", model).put("runs", runs);
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  static String markdown(List<Result> results, String command) {
    StringBuilder sb = new StringBuilder("# Fleet simulation: N replicas, one organisation limit\n\n");
    if (!results.isEmpty()) {
      Config c = results.get(0).config();
      sb.append(String.format(Locale.ROOT, "Virtual time (`VirtualPoolClock`), %d virtual s per run, seed %d. "
          + "Organisation limit %s mints/s (token bucket, burst of 1 s), fleet demand a fixed fraction of it "
          + "(Poisson, round-robin over the replicas), secret life %d s, mint round trip %d-%d ms, shared budget %s mints/s, "
          + "Redis round trip %d ms. The shared stock is an in-memory stand-in for the Redis stock, modelled by "
          + "its semantics.%n%n", c.duration().toSeconds(), c.seed(), fmt(c.orgLimitPerSecond()),
          c.ttlSeconds(), c.minLatencyMillis(),
          c.maxLatencyMillis(), fmt(c.orgLimitPerSecond() * c.budgetFraction()), c.redisRoundTripMillis()));
    }
    sb.append("`").append(command).append("`\n\n");
    sb.append("| demand | replicas | mode | upstream 429s | 429s / mint calls | waste | take p99 ms "
        + "| take p99 ms, 1st minute | mean fleet stock | minted / served | served | failed |\n"
        + "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Result r : results) {
      sb.append(String.format(Locale.ROOT, "| %.0f%% (%s/s) | %d | %s | %d | %.1f%% | %.3f | %.1f | %.1f | %.1f | %.3f | %d | %d |%n",
          100 * r.config().demandFraction(), fmt(r.config().demandPerSecond()), r.config().replicas(),
          r.config().mode().label(), r.rateLimited(), 100 * r.rateLimitedRatio(), r.waste(),
          r.takeP99Millis(), r.takeP99FirstMinuteMillis(), r.meanFleetStock(), r.mintedPerServed(), r.served(),
          r.failed()));
    }
    return sb.toString();
  }

  /** One point per second of the runs of one fleet size: each mode's stock and 429s. */
  private record Second(int t, double[] stock, double[] rateLimited) {
  }

  private static void chart(List<Result> largest, List<Double> demands, Path png) throws java.io.IOException {
    if (largest.isEmpty()) {
      return;
    }
    int n = largest.get(0).config().replicas();
    int seconds = largest.stream().mapToInt(r -> r.stockPerSecond().size()).min().orElse(0);
    List<Second> points = new ArrayList<>();
    for (int t = 0; t < seconds; t++) {
      double[] stock = new double[largest.size()];
      double[] limited = new double[largest.size()];
      for (int k = 0; k < largest.size(); k++) {
        stock[k] = largest.get(k).stockPerSecond().get(t);
        limited[k] = largest.get(k).rateLimitedPerSecond().get(t);
      }
      points.add(new Second(t + 1, stock, limited));
    }
    Color[] colors = {new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c)};
    List<PngChart.Panel<Second>> panels = new ArrayList<>();
    for (double demand : demands) {
      List<PngChart.Series<Second>> stock = new ArrayList<>();
      List<PngChart.Series<Second>> limited = new ArrayList<>();
      boolean any429 = false;
      for (int k = 0; k < largest.size(); k++) {
        Result r = largest.get(k);
        if (r.config().demandFraction() != demand) {
          continue;
        }
        int i = k;
        Color color = colors[r.config().mode().ordinal() % colors.length];
        stock.add(new PngChart.Series<>(r.config().mode().label(), color, s -> s.stock()[i]));
        limited.add(new PngChart.Series<>(r.config().mode().label(), color, s -> s.rateLimited()[i]));
        any429 |= r.rateLimited() > 0;
      }
      String scenario = String.format(Locale.ROOT, "%d replicas, demand %.0f%% of the limit", n, 100 * demand);
      panels.add(new PngChart.Panel<>("fleet stock (secrets ready, all replicas), " + scenario, stock));
      if (any429) {
        panels.add(new PngChart.Panel<>("upstream 429s per second, " + scenario, limited));
      }
    }
    PngChart.write(points, Second::t, "virtual seconds", panels, png);
  }
}
