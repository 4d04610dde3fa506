package io.realtimesecrets.benchmarks.load;

import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The TLS matrix: this library's client with default options against openai-java 4.101.0 (defaults, and tuned
 * OkHttp limits) minting from the mock over HTTPS, with the mock offering h2 or HTTP/1.1 only through ALPN, per
 * upstream latency and calls in flight. Within a cell the contenders run in interleaved rounds (a rotating
 * order, each for the same time), so a burst of other work on a shared machine falls on all of them alike and
 * the ratios stay meaningful when the absolute numbers do not.
 */
@Command(name = "tls", mixinStandardHelpOptions = true,
    description = "TLS matrix: direct (defaults) vs openai-java default/tuned over HTTPS, h2 and HTTP/1.1, interleaved rounds.")
public final class TlsMatrix implements Callable<Integer> {

  static final List<String> ALL = List.of("direct", "openai-java", "openai-java-tuned");

  @Option(names = "--protocols", split = ",", defaultValue = "h2,h1",
      description = "What the mock offers through ALPN: h2 (h2 and http/1.1) or h1 (http/1.1 only) (default: ${DEFAULT-VALUE}).")
  List<String> protocols;

  @Option(names = "--latencies", split = ",", defaultValue = "0,50",
      description = "Mock upstream latencies in ms (default: ${DEFAULT-VALUE}).")
  List<Long> latencies;

  @Option(names = "--concurrency", split = ",", defaultValue = "64,256",
      description = "Calls in flight (default: ${DEFAULT-VALUE}).")
  List<Integer> concurrency;

  @Option(names = "--contenders", split = ",", defaultValue = "direct,openai-java,openai-java-tuned",
      description = "Contenders (default: ${DEFAULT-VALUE}).")
  List<String> contenders;

  @Option(names = "--rounds", defaultValue = "3", description = "Interleaved rounds per cell (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--round-seconds", defaultValue = "4",
      description = "Measured seconds of one contender in one round (default: ${DEFAULT-VALUE}).")
  double roundSeconds;

  @Option(names = "--warmup-seconds", defaultValue = "3",
      description = "Unmeasured seconds per contender per cell, before the rounds (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(names = "--jvm-warmup-seconds", defaultValue = "8",
      description = "Before any cell, each contender runs this long per protocol at 0 ms, unmeasured, so the JIT "
          + "has compiled TLS, HTTP/2 and the shared code for all alike; 0 to skip (default: ${DEFAULT-VALUE}).")
  double jvmWarmupSeconds;

  @Option(names = "--mock-event-loops", defaultValue = "2",
      description = "Event loops of the mock upstream's own Vert.x (default: ${DEFAULT-VALUE}).")
  int mockEventLoops;

  @Option(names = "--max-seconds", defaultValue = "170",
      description = "Time cap of the whole run; cells not started by then are skipped (default: ${DEFAULT-VALUE}).")
  long maxSeconds;

  @Option(names = "--out", defaultValue = "results", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--name", defaultValue = "tls-matrix",
      description = "File name stem of the outputs (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--command", defaultValue = "", description = "The command line to record in the results.")
  String commandLine;

  /** What one contender measured over all rounds of one cell. */
  static final class Tally {
    final Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
    long completed;
    long failed;
    long elapsedNanos;
    long cpuNanos;
    int connections;
    String firstError;

    double throughput() {
      return completed * 1e9 / Math.max(1, elapsedNanos);
    }

    double cpuMicrosPerCall() {
      return completed == 0 ? 0 : cpuNanos / 1000.0 / completed;
    }
  }

  @Override
  public Integer call() throws Exception {
    for (String c : contenders) {
      if (!ALL.contains(c)) {
        System.err.println("unknown contender '" + c + "'; known: " + ALL);
        return 2;
      }
    }
    for (String p : protocols) {
      if (!p.equals("h1") && !p.equals("h2")) {
        System.err.println("--protocols takes h1 and h2");
        return 2;
      }
    }
    long runDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    Instant started = Instant.now();
    Vertx mockVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(mockEventLoops));
    JsonArray cells = new JsonArray();
    StringBuilder md = new StringBuilder();
    List<String> skipped = new ArrayList<>();
    try {
      if (jvmWarmupSeconds > 0) {
        System.out.printf("JVM warm-up: %.0f s per contender and protocol at 0 ms (not measured)%n", jvmWarmupSeconds);
        for (String protocol : protocols) {
          runCell(mockVertx, protocol, 0, concurrency.get(concurrency.size() - 1), null);
        }
      }
      for (String protocol : protocols) {
        for (long latency : latencies) {
          for (int c : concurrency) {
            String cell = protocol + " " + latency + " ms " + c + " in flight";
            if (System.nanoTime() > runDeadline) {
              skipped.add(cell);
              continue;
            }
            cells.add(runCell(mockVertx, protocol, latency, c, md));
          }
        }
      }
    } finally {
      Workload.await(mockVertx.close(), 30);
    }
    Duration took = Duration.between(started, Instant.now());
    JsonObject doc = new JsonObject()
        .put("benchmark", "realtime-secrets TLS matrix (interleaved rounds)")
        .put("command", commandLine.isEmpty() ? "java -jar benchmarks/target/benchmarks.jar tls" : commandLine)
        .put("startedAt", started.toString())
        .put("tookSeconds", took.toSeconds())
        .put("machine", new JsonObject()
            .put("availableProcessors", Runtime.getRuntime().availableProcessors())
            .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
            .put("jvmArgs", new JsonArray(new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments()))))
        .put("settings", new JsonObject().put("rounds", rounds).put("roundSeconds", roundSeconds)
            .put("warmupSeconds", warmupSeconds).put("jvmWarmupSeconds", jvmWarmupSeconds).put("mockEventLoops", mockEventLoops)
            .put("request", Workload.REQUEST_JSON))
        .put("cells", cells)
        .put("skipped", new JsonArray(skipped));
    String header = "# TLS matrix\n\nCommand: `" + doc.getString("command") + "`  \n"
        + "Started " + started + ", took " + took.toSeconds() + " s; " + doc.getJsonObject("machine").getInteger(
        "availableProcessors") + " cores, " + doc.getJsonObject("machine").getString("java") + ".  \n"
        + "JVM warm-up first: " + jvmWarmupSeconds + " s per contender and protocol at 0 ms. "
        + "Each cell: every contender warmed " + warmupSeconds + " s, then " + rounds + " interleaved rounds of "
        + roundSeconds + " s each (rotating order). CPU is the whole process per call (the mock's share included, "
        + "the same server work for every contender of a cell). `conns` = connections the contender opened at the mock."
        + (skipped.isEmpty() ? "" : "  \nSkipped (--max-seconds): " + String.join(", ", skipped)) + "\n";
    String text = header + md;
    LoadBenchmark.writeString(out.resolve(name + ".md"), text);
    LoadBenchmark.writeString(out.resolve(name + ".json"), doc.encodePrettily() + "\n");
    System.out.println();
    System.out.print(text);
    return 0;
  }

  private JsonObject runCell(Vertx mockVertx, String protocol, long latency, int c, StringBuilder md) throws Exception {
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    MockUpstream mock = MockUpstream.create(mockVertx, new MockUpstreamOptions().setHost(Workload.HOST).setSsl(true)
        .setHttp2(protocol.equals("h2")).setLatency(Duration.ofMillis(latency)).setMaxRecordedSecrets(1000));
    Workload.await(mock.start(), 30);
    Map<String, Tally> tallies = new LinkedHashMap<>();
    List<Contender> open = new ArrayList<>();
    System.out.printf("%n== TLS %s, upstream %d ms, %d in flight%s ==%n", protocol, latency, c,
        md == null ? " (JVM warm-up)" : "");
    try {
      TlsContenders.Trust trust = TlsContenders.Trust.of(mock.certificatePem());
      for (String name : contenders) {
        Contender k = switch (name) {
          case "direct" -> new TlsContenders.Direct(mock.baseUrl(), mock.trustOptions());
          case "openai-java" -> new TlsContenders.OpenAiJava(mock.baseUrl(), trust, false, c);
          case "openai-java-tuned" -> new TlsContenders.OpenAiJava(mock.baseUrl(), trust, true, c);
          default -> throw new IllegalArgumentException(name);
        };
        k.open();
        open.add(k);
        Tally t = new Tally();
        int before = mock.openConnections();
        ClosedLoopDriver.Outcome w = ClosedLoopDriver.run(k, Long.MAX_VALUE, c,
            nanos(md == null ? jvmWarmupSeconds : warmupSeconds));
        t.connections = mock.openConnections() - before;
        if (w.failed() > 0) {
          t.firstError = "warm-up: " + w.firstError();
        }
        tallies.put(name, t);
      }
      for (int r = 0; md != null && r < rounds; r++) {
        for (int i = 0; i < open.size(); i++) {
          Contender k = open.get((i + r) % open.size());
          Tally t = tallies.get(k.name());
          long cpu0 = ResourceMeter.processCpuNanos();
          ClosedLoopDriver.Outcome o = ClosedLoopDriver.run(k, Long.MAX_VALUE, c, nanos(roundSeconds));
          t.cpuNanos += ResourceMeter.processCpuNanos() - cpu0;
          t.histogram.add(o.histogram());
          t.completed += o.completed();
          t.failed += o.failed();
          t.elapsedNanos += o.elapsedNanos();
          if (o.firstError() != null && t.firstError == null) {
            t.firstError = o.firstError();
          }
        }
      }
    } finally {
      for (Contender k : open) {
        k.close();
      }
      Workload.await(mock.close(), 30);
    }
    if (md == null) {
      return null; // the JVM warm-up pass: nothing to report
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    double ceiling = latency == 0 ? Double.NaN : c * 1000.0 / latency;
    Tally tuned = tallies.get("openai-java-tuned");
    Tally sdk = tallies.get("openai-java");
    md.append(String.format(Locale.ROOT, "%n## TLS %s, upstream %d ms, %d in flight%s (load average %.2f before, %.2f after)%n%n",
        protocol.equals("h2") ? "(mock offers h2 + http/1.1)" : "(mock offers http/1.1 only)", latency, c,
        Double.isNaN(ceiling) ? "" : String.format(Locale.ROOT, ", ceiling %.0f calls/s", ceiling), loadBefore, loadAfter));
    md.append("| contender | calls/s | p50 ms | p99 ms | CPU µs/call | conns | × SDK default | × SDK tuned | failed |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    JsonArray rows = new JsonArray();
    tallies.forEach((name, t) -> {
      double p50 = t.histogram.getTotalCount() == 0 ? 0 : t.histogram.getValueAtPercentile(50) / 1e6;
      double p99 = t.histogram.getTotalCount() == 0 ? 0 : t.histogram.getValueAtPercentile(99) / 1e6;
      String xSdk = sdk == null ? "" : String.format(Locale.ROOT, "%.2f", t.throughput() / Math.max(1e-9, sdk.throughput()));
      String xTuned = tuned == null ? "" : String.format(Locale.ROOT, "%.2f", t.throughput() / Math.max(1e-9, tuned.throughput()));
      md.append(String.format(Locale.ROOT, "| `%s` | %.0f | %.1f | %.1f | %.0f | %d | %s | %s | %d%s |%n", name,
          t.throughput(), p50, p99, t.cpuMicrosPerCall(), t.connections, xSdk, xTuned, t.failed,
          t.firstError == null ? "" : " (" + t.firstError.replace('|', '/') + ")"));
      System.out.printf(Locale.ROOT, "  %-18s %8.0f calls/s  p50 %7.1f  p99 %7.1f ms  CPU %5.0f µs/call  conns %d  failed %d%n",
          name, t.throughput(), p50, p99, t.cpuMicrosPerCall(), t.connections, t.failed);
      rows.add(new JsonObject().put("contender", name).put("callsPerSecond", t.throughput()).put("p50Ms", p50)
          .put("p99Ms", p99).put("cpuMicrosPerCall", t.cpuMicrosPerCall()).put("connections", t.connections)
          .put("completed", t.completed).put("failed", t.failed).put("firstError", t.firstError));
    });
    return new JsonObject().put("protocol", protocol).put("latencyMs", latency).put("inFlight", c)
        .put("ceilingCallsPerSecond", Double.isNaN(ceiling) ? null : ceiling)
        .put("loadAverageBeforeAndAfter", new JsonArray().add(loadBefore).add(loadAfter)).put("rows", rows);
  }

  private static long nanos(double seconds) {
    return (long) (seconds * 1e9);
  }
}
