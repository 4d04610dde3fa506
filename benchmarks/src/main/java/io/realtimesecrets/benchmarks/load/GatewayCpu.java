package io.realtimesecrets.benchmarks.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The gateway's own CPU cost, isolated from the upstream's: the mock runs in another process (on another core,
 * see {@code gateway-cpu.sh}), and this process, pinned to its own core, measures its CPU time per operation
 * for three contenders at the same constant rate, in interleaved rounds:
 *
 * <ul>
 *   <li>{@code bare}: a bare Vert.x endpoint answering a fixed mock response body, driven over keep-alive HTTP
 *       by the in-process load client: the floor of serving one HTTP request here, driver included;</li>
 *   <li>{@code direct}: {@code RealtimeSecretsClient.createClientSecret} against the mock: the client's CPU per
 *       mint (the mock's CPU is in the other process);</li>
 *   <li>{@code gateway}: {@code GET /token} on the gateway, same driver, its pool refilling from the mock with the
 *       same client: CPU per served token, which includes the mint that replaces it.</li>
 * </ul>
 *
 * <p>The target: gateway ≤ 1.15 × (bare + direct), per round and over all rounds.
 */
@Command(name = "gateway-cpu", mixinStandardHelpOptions = true,
    description = "The gateway's CPU per served token vs a bare endpoint's CPU per request + the client's CPU per "
        + "mint, at one constant rate, upstream mock in another process.")
public final class GatewayCpu implements Callable<Integer> {

  static final List<String> ALL = List.of("bare", "direct", "gateway");

  @Option(names = "--upstream", required = true,
      description = "Base URL of the mock upstream in another process, e.g. http://127.0.0.1:PORT/v1.")
  String upstream;

  @Option(names = "--contenders", split = ",", defaultValue = "bare,direct,gateway",
      description = "Contenders to run; the ratio needs all three (default: ${DEFAULT-VALUE}).")
  List<String> contenders;

  @Option(names = "--upstream-pid", defaultValue = "0",
      description = "Process id of that mock (Linux): its CPU per operation is reported too (default: not read).")
  long upstreamPid;

  @Option(names = "--rate", defaultValue = "2000",
      description = "Operations per second, the same for every contender (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--rounds", defaultValue = "5", description = "Interleaved rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--round-seconds", defaultValue = "4",
      description = "Seconds per contender per round (default: ${DEFAULT-VALUE}).")
  double roundSeconds;

  @Option(names = "--warmup-seconds", defaultValue = "8",
      description = "Unmeasured seconds per contender at the rate before the rounds (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(names = "--settle-seconds", defaultValue = "10",
      description = "After a gateway phase, at most this long for its pool to mint as many as it served; that "
          + "time's CPU counts for the gateway (default: ${DEFAULT-VALUE}).")
  double settleSeconds;

  @Option(names = "--stock", defaultValue = "1000",
      description = "The gateway pool's stock (minIdle = maxIdle) (default: ${DEFAULT-VALUE}).")
  int stock;

  @Option(names = "--connections", defaultValue = "64",
      description = "Load client connections, and the client's maxConnections to the mock (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--server-instances", defaultValue = "1",
      description = "Event loops serving bare and gateway (default: ${DEFAULT-VALUE}: the process has one core).")
  int serverInstances;

  @Option(names = "--max-outstanding", defaultValue = "1000",
      description = "Operations in flight beyond which the driver skips (and counts) a send (default: ${DEFAULT-VALUE}).")
  int maxOutstanding;

  @Option(names = "--target", defaultValue = "1.15",
      description = "Ratio the gateway must stay within (default: ${DEFAULT-VALUE}).")
  double target;

  @Option(names = "--out", defaultValue = "results", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--name", defaultValue = "gateway-cpu",
      description = "File name stem of the outputs (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--command", defaultValue = "", description = "The command line to record in the results.")
  String commandLine;

  /** One contender in one round. */
  private final List<Double> mintedPerServed = new ArrayList<>();
  private List<String> order = ALL;

  private static long gatewayMints(Map<String, Contender> open) {
    Contender g = open.get("gateway");
    return g == null ? 0 : ((HttpEndpointContender) g).mintsCompleted();
  }

  record Cell(long completed, long failed, long skipped, long cpuNanos, long upstreamCpuNanos, long contextSwitches,
      double p50Ms, double p99Ms, String firstError) {

    double contextSwitchesPerOp() {
      return completed == 0 ? Double.NaN : contextSwitches / (double) completed;
    }

    double cpuMicrosPerOp() {
      return completed == 0 ? Double.NaN : cpuNanos / 1000.0 / completed;
    }

    double upstreamCpuMicrosPerOp() {
      return completed == 0 || upstreamCpuNanos < 0 ? Double.NaN : upstreamCpuNanos / 1000.0 / completed;
    }
  }

  @Override
  public Integer call() throws Exception {
    Instant started = Instant.now();
    for (String c : contenders) {
      if (!ALL.contains(c)) {
        System.err.println("unknown contender '" + c + "'; known: " + ALL);
        return 2;
      }
    }
    order = ALL.stream().filter(contenders::contains).toList();
    Map<String, Contender> open = new LinkedHashMap<>();
    if (order.contains("bare")) {
      open.put("bare", new HttpEndpointContender(false, upstream, connections, 0, serverInstances));
    }
    if (order.contains("direct")) {
      open.put("direct", new DirectContender(upstream, connections));
    }
    if (order.contains("gateway")) {
      open.put("gateway", new HttpEndpointContender(true, upstream, connections, stock, serverInstances));
    }
    List<Map<String, Cell>> table = new ArrayList<>();
    List<double[]> loads = new ArrayList<>();
    List<Double> idle = new ArrayList<>();
    try {
      for (Contender c : open.values()) {
        c.open();
      }
      System.out.printf(Locale.ROOT, "warm-up: %.0f s per contender at %.0f/s (not measured)%n", warmupSeconds, rate);
      for (Contender c : open.values()) {
        FixedRateDriver.Outcome w = FixedRateDriver.run(c, rate, warmupSeconds, maxOutstanding);
        System.out.printf(Locale.ROOT, "  %-8s %d completed, %d failed, %d skipped%n", c.name(), w.completed(),
            w.failed(), w.skipped());
      }
      for (int r = 0; r < rounds; r++) {
        Map<String, Cell> round = new LinkedHashMap<>();
        double loadBefore = loadAverage();
        for (int i = 0; i < order.size(); i++) {
          String n = order.get((i + r) % order.size());
          long cpu0 = ResourceMeter.processCpuNanos();
          long up0 = upstreamCpuNanos();
          long switches0 = contextSwitches();
          long mints0 = gatewayMints(open);
          FixedRateDriver.Outcome o = FixedRateDriver.run(open.get(n), rate, roundSeconds, maxOutstanding);
          if (n.equals("gateway")) {
            // the phase ends when the pool has replaced what it handed out (its refill is part of a token's cost)
            long deadline = System.nanoTime() + (long) (settleSeconds * 1e9);
            while (gatewayMints(open) - mints0 < o.completed() && System.nanoTime() < deadline) {
              Thread.sleep(5);
            }
            mintedPerServed.add((gatewayMints(open) - mints0) / (double) Math.max(1, o.completed()));
          }
          long cpu = ResourceMeter.processCpuNanos() - cpu0;
          long up1 = upstreamCpuNanos();
          long switches = contextSwitches() - switches0;
          Histogram h = o.histogram();
          round.put(n, new Cell(o.completed(), o.failed(), o.skipped(), cpu, up0 < 0 || up1 < 0 ? -1 : up1 - up0,
              switches,
              h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50) / 1e6,
              h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1e6, o.firstError()));
        }
        // this process doing nothing (every contender open): the background its measured phases include
        long idle0 = ResourceMeter.processCpuNanos();
        long idleT0 = System.nanoTime();
        Thread.sleep((long) (roundSeconds * 1000));
        idle.add((ResourceMeter.processCpuNanos() - idle0) / 1e6 / ((System.nanoTime() - idleT0) / 1e9));
        loads.add(new double[] {loadBefore, loadAverage()});
        Map<String, Cell> ordered = new LinkedHashMap<>();
        for (String n : order) {
          ordered.put(n, round.get(n));
        }
        table.add(ordered);
        System.out.printf(Locale.ROOT, "round %d: bare %.1f, direct %.1f, gateway %.1f µs/op: ratio %.3f "
                + "(load average %.2f -> %.2f; idle %.1f ms CPU/s)%n", r + 1, cell(ordered, "bare").cpuMicrosPerOp(),
            cell(ordered, "direct").cpuMicrosPerOp(), cell(ordered, "gateway").cpuMicrosPerOp(), ratio(ordered),
            loads.get(r)[0], loads.get(r)[1], idle.get(r));
      }
    } finally {
      for (Contender c : open.values()) {
        c.close();
      }
    }
    write(started, table, loads, idle, open);
    return 0;
  }

  private static final Cell NOT_RUN = new Cell(0, 0, 0, 0, -1, 0, 0, 0, null);

  private static Cell cell(Map<String, Cell> round, String name) {
    return round.getOrDefault(name, NOT_RUN);
  }

  private static double ratio(Map<String, Cell> round) {
    return cell(round, "gateway").cpuMicrosPerOp()
        / (cell(round, "bare").cpuMicrosPerOp() + cell(round, "direct").cpuMicrosPerOp());
  }

  private void write(Instant started, List<Map<String, Cell>> table, List<double[]> loads, List<Double> idle,
      Map<String, Contender> open) throws IOException {
    Duration took = Duration.between(started, Instant.now());
    // totals over all rounds: CPU summed, operations summed
    Map<String, long[]> totals = new LinkedHashMap<>();
    for (String n : ALL) {
      long ops = 0;
      long cpu = 0;
      long up = 0;
      long bad = 0;
      long switches = 0;
      for (Map<String, Cell> round : table) {
        Cell c = cell(round, n);
        switches += c.contextSwitches();
        ops += c.completed();
        cpu += c.cpuNanos();
        up = up < 0 || c.upstreamCpuNanos() < 0 ? -1 : up + c.upstreamCpuNanos();
        bad += c.failed() + c.skipped();
      }
      totals.put(n, new long[] {ops, cpu, up, bad, switches});
    }
    double bare = perOp(totals.get("bare"), 1);
    double direct = perOp(totals.get("direct"), 1);
    double gateway = perOp(totals.get("gateway"), 1);
    double overall = gateway / (bare + direct);
    String cmd = commandLine.isEmpty() ? "java -jar benchmarks/target/benchmarks.jar gateway-cpu" : commandLine;
    StringBuilder md = new StringBuilder();
    md.append("# The gateway's own CPU cost, isolated\n\n");
    md.append("Command: `").append(cmd).append("`  \n");
    md.append(String.format(Locale.ROOT, "Started %s, took %d s. This process: %d core(s) visible (pinned), %s; "
            + "the mock upstream in another process (pid %s) on another core.  %n",
        started, took.toSeconds(), Runtime.getRuntime().availableProcessors(), java(),
        upstreamPid > 0 ? Long.toString(upstreamPid) : "not given"));
    md.append(String.format(Locale.ROOT, "Each contender: %.0f operations/s (constant arrival rate), %.0f s warm-up, "
            + "then %d interleaved rounds of %.0f s (rotating order); a gateway phase ends when its pool has minted as "
            + "many secrets as it served (at most %.0f s more). CPU = this process's CPU time / operations completed "
            + "(load driver included for `bare` and `gateway`; 10 ms resolution); mock CPU from /proc (10 ms ticks); "
            + "thread switches = voluntary + involuntary context switches of this process's threads per operation.%n%n",
        rate, warmupSeconds, rounds, roundSeconds, settleSeconds));
    md.append("| round | load average | idle CPU ms/s | `bare` µs/request | `direct` µs/mint | `gateway` µs/token | minted per served | gateway ÷ (bare + direct) |\n");
    md.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
    JsonArray roundsJson = new JsonArray();
    for (int r = 0; r < table.size(); r++) {
      Map<String, Cell> round = table.get(r);
      md.append(String.format(Locale.ROOT, "| %d | %.2f → %.2f | %.1f | %.1f | %.1f | %.1f | %.3f | %.3f |%n", r + 1,
          loads.get(r)[0], loads.get(r)[1], idle.get(r), cell(round, "bare").cpuMicrosPerOp(),
          cell(round, "direct").cpuMicrosPerOp(), cell(round, "gateway").cpuMicrosPerOp(), (r < mintedPerServed.size() ? mintedPerServed.get(r) : Double.NaN),
          ratio(round)));
      JsonObject rj = new JsonObject().put("round", r + 1)
          .put("loadAverageBeforeAndAfter", new JsonArray().add(loads.get(r)[0]).add(loads.get(r)[1]))
          .put("ratio", ratio(round)).put("idleCpuMillisPerSecond", idle.get(r))
          .put("gatewayMintedPerServed", (r < mintedPerServed.size() ? mintedPerServed.get(r) : Double.NaN));
      round.forEach((n, c) -> rj.put(n, new JsonObject().put("completed", c.completed()).put("failed", c.failed())
          .put("skipped", c.skipped()).put("cpuMicrosPerOp", c.cpuMicrosPerOp())
          .put("contextSwitchesPerOp", c.contextSwitchesPerOp())
          .put("upstreamCpuMicrosPerOp", Double.isNaN(c.upstreamCpuMicrosPerOp()) ? null : c.upstreamCpuMicrosPerOp())
          .put("p50Ms", c.p50Ms()).put("p99Ms", c.p99Ms()).put("firstError", c.firstError())));
      roundsJson.add(rj);
    }
    md.append(String.format(Locale.ROOT, "| all | | | **%.1f** | **%.1f** | **%.1f** | | **%.3f** (target ≤ %.2f: %s) |%n%n",
        bare, direct, gateway, overall, target, overall <= target ? "met" : "not met"));
    md.append("| contender | operations | failed or skipped | thread switches/op | mock CPU µs/op | p50 ms | p99 ms (last round) |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    Map<String, Cell> last = table.get(table.size() - 1);
    for (String n : order) {
      long[] t = totals.get(n);
      md.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %.1f | %s | %.2f | %.2f |%n", n, t[0], t[3],
          t[4] / (double) Math.max(1, t[0]),
          t[2] < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", perOp(t, 2)), last.get(n).p50Ms(), last.get(n).p99Ms()));
    }
    JsonObject doc = new JsonObject()
        .put("benchmark", "realtime-secrets gateway CPU, isolated (interleaved rounds, constant rate)")
        .put("command", cmd)
        .put("startedAt", started.toString())
        .put("tookSeconds", took.toSeconds())
        .put("machine", new JsonObject().put("availableProcessors", Runtime.getRuntime().availableProcessors())
            .put("java", java())
            .put("jvmArgs", new JsonArray(new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments()))))
        .put("settings", new JsonObject().put("rate", rate).put("rounds", rounds).put("roundSeconds", roundSeconds)
            .put("warmupSeconds", warmupSeconds).put("settleSeconds", settleSeconds).put("stock", stock).put("connections", connections)
            .put("serverInstances", serverInstances).put("request", Workload.REQUEST_JSON))
        .put("details", details(open))
        .put("rounds", roundsJson)
        .put("overall", new JsonObject().put("bareMicrosPerRequest", bare).put("directMicrosPerMint", direct)
            .put("gatewayMicrosPerToken", gateway).put("ratio", overall).put("target", target)
            .put("met", overall <= target));
    LoadBenchmark.writeString(out.resolve(name + ".md"), md.toString());
    LoadBenchmark.writeString(out.resolve(name + ".json"), doc.encodePrettily() + "\n");
    System.out.println();
    System.out.print(md);
  }

  private static JsonObject details(Map<String, Contender> open) {
    JsonObject d = new JsonObject();
    open.forEach((n, c) -> d.put(n, new JsonObject(new LinkedHashMap<>(c.details()))));
    return d;
  }

  private static double perOp(long[] t, int index) {
    return t[0] == 0 ? Double.NaN : t[index] / 1000.0 / t[0];
  }

  private static String java() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** Voluntary + involuntary context switches of all this process's threads so far (Linux), or 0. */
  private static long contextSwitches() {
    long sum = 0;
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          for (String line : Files.readAllLines(t.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
              sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (IOException | RuntimeException e) {
          // the thread exited meanwhile
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return sum;
  }

  /** The mock's user + system CPU from /proc/PID/stat (clock ticks of 10 ms), or -1. */
  private long upstreamCpuNanos() {
    if (upstreamPid <= 0) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(upstreamPid), "stat"));
      // fields after the command name (which may contain spaces) in parentheses
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
      return ticks * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
