package io.realtimesecrets.benchmarks.load;

import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The loopback load benchmark: the same workload (N secrets, C in flight) for each contender in turn, against
 * the embedded mock upstream at each configured latency, in one JVM and one run.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Loopback load benchmark: pool vs direct vs openai-java, gateway vs bare HTTP, per upstream latency.")
public final class LoadBenchmark implements Callable<Integer> {

  static final List<String> ALL = List.of("pool", "direct", "openai-java", "openai-java-tuned", "gateway", "gateway-memory", "bare", "mock-raw");

  @Option(names = "--latencies", split = ",", defaultValue = "0,150",
      description = "Mock upstream latencies in ms, one table each (default: ${DEFAULT-VALUE}).")
  List<Long> latencies;

  @Option(names = "--counts", split = ",", defaultValue = "20000,5000",
      description = "Measured operations per contender, one per latency (last one repeats) (default: ${DEFAULT-VALUE}).")
  List<Long> counts;

  @Option(names = "--warmups", split = ",", defaultValue = "5000,1000",
      description = "Unmeasured warm-up operations per contender, one per latency (default: ${DEFAULT-VALUE}).")
  List<Long> warmups;

  @Option(names = "--jvm-warmup", defaultValue = "10000",
      description = "Before any measurement, each contender runs this many operations at 0 ms so the JIT has "
          + "compiled the shared code (mock, Vert.x, Jackson) for all alike; 0 to skip (default: ${DEFAULT-VALUE}).")
  long jvmWarmup;

  @Option(names = "--concurrency", defaultValue = "256", description = "Operations in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--contenders", split = ",", defaultValue = "pool,direct,openai-java,openai-java-tuned,gateway,gateway-memory,bare,mock-raw",
      description = "Which contenders, in this order (default: ${DEFAULT-VALUE}).")
  List<String> contenders;

  @Option(names = "--cell-seconds", defaultValue = "60",
      description = "Time cap of one phase (warm-up or measured) of one contender (default: ${DEFAULT-VALUE}).")
  long cellSeconds;

  @Option(names = "--max-seconds", defaultValue = "480",
      description = "Time cap of the whole run; cells not started by then are skipped (default: ${DEFAULT-VALUE}).")
  long maxSeconds;

  @Option(names = "--server-instances", defaultValue = "2",
      description = "HTTP server instances (event loops) for gateway and bare alike (default: ${DEFAULT-VALUE}).")
  int serverInstances;

  @Option(names = "--memory-stock", defaultValue = "2048",
      description = "Stock of the gateway-memory contender's pool (default: ${DEFAULT-VALUE}).")
  int memoryStock;

  @Option(names = "--mock-event-loops", defaultValue = "2",
      description = "Event loops of the mock upstream's own Vert.x (default: ${DEFAULT-VALUE}).")
  int mockEventLoops;

  @Option(names = "--out", defaultValue = "results", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--command", defaultValue = "",
      description = "The command line to record in the results (run.sh passes its own).")
  String commandLine;

  @Override
  public Integer call() throws Exception {
    for (String c : contenders) {
      if (!ALL.contains(c)) {
        System.err.println("unknown contender '" + c + "'; known: " + ALL);
        return 2;
      }
    }
    if (concurrency < 1 || serverInstances < 1) {
      System.err.println("--concurrency and --server-instances must be at least 1");
      return 2;
    }
    long runDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    Instant started = Instant.now();
    List<CellResult> results = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Vertx mockVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(mockEventLoops));
    List<Double> loadAverages = new ArrayList<>();
    loadAverages.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try {
      if (jvmWarmup > 0) {
        MockUpstream mock = MockUpstream.create(mockVertx, new MockUpstreamOptions().setHost(Workload.HOST)
            .setMaxRecordedSecrets(1000));
        Workload.await(mock.start(), 30);
        System.out.printf("JVM warm-up: %d ops per contender at 0 ms (not measured)%n", jvmWarmup);
        for (String name : contenders) {
          try (Contender c = contender(name, mock.baseUrl(), jvmWarmup)) {
            c.open();
            ClosedLoopDriver.run(c, jvmWarmup, concurrency, TimeUnit.SECONDS.toNanos(cellSeconds));
          }
        }
        Workload.await(mock.close(), 30);
      }
      for (int li = 0; li < latencies.size(); li++) {
        long latency = latencies.get(li);
        long count = pick(counts, li);
        long warmup = pick(warmups, li);
        MockUpstream mock = MockUpstream.create(mockVertx, new MockUpstreamOptions()
            .setHost(Workload.HOST)
            .setLatency(Duration.ofMillis(latency))
            .setMaxRecordedSecrets(1000));
        Workload.await(mock.start(), 30);
        try {
          System.out.printf("%n== upstream latency %d ms: %d ops per contender (+%d warm-up), %d in flight ==%n",
              latency, count, warmup, concurrency);
          for (String name : contenders) {
            if (System.nanoTime() > runDeadline) {
              skipped.add(name + "@" + latency + "ms");
              System.out.printf("  %-18s skipped: --max-seconds reached%n", name);
              continue;
            }
            results.add(runCell(name, mock.baseUrl(), latency, count, warmup));
          }
        } finally {
          Workload.await(mock.close(), 30);
        }
      }
    } finally {
      Workload.await(mockVertx.close(), 30);
    }
    loadAverages.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Duration took = Duration.between(started, Instant.now());
    JsonObject doc = document(results, skipped, started, took);
    doc.getJsonObject("machine").put("loadAverageBeforeAndAfter", new JsonArray(new ArrayList<>(loadAverages)));
    Report.write(out, doc, results);
    System.out.println();
    System.out.print(Report.markdown(doc, results));
    System.out.printf("%nwrote %s/{load-results.md,load-results.txt,load-results.json,load-latency.svg} in %d s%n",
        out, took.toSeconds());
    return 0;
  }

  private CellResult runCell(String name, String baseUrl, long latency, long count, long warmup) throws Exception {
    // the pool and gateway are stocked to cover warm-up + the measured run + one window in flight
    int stock = (int) Math.min(Integer.MAX_VALUE, count + warmup + concurrency);
    ResourceMeter meter = ResourceMeter.baseline();
    Contender c = contender(name, baseUrl, stock);
    long budget = TimeUnit.SECONDS.toNanos(cellSeconds);
    try {
      long t0 = System.nanoTime();
      c.open();
      long openMs = (System.nanoTime() - t0) / 1_000_000;
      ClosedLoopDriver.Outcome w = ClosedLoopDriver.run(c, warmup, concurrency, budget);
      meter.runStarts();
      ClosedLoopDriver.Outcome o = ClosedLoopDriver.run(c, count, concurrency, budget);
      long cpu = meter.cpuNanosInRun();
      long started = meter.threadsStartedInRun();
      int peak = meter.peakAddedThreads();
      double heapMb = meter.retainedHeapBytes() / (1024.0 * 1024.0);
      Map<String, Object> details = new LinkedHashMap<>(c.details());
      details.put("openMillis", openMs);
      details.put("warmUp", w.completed() + " ok, " + w.failed() + " failed in "
          + String.format("%.1f", w.elapsedNanos() / 1e9) + " s");
      Histogram h = o.histogram();
      CellResult r = new CellResult(latency, name, count, o.completed(), o.failed(), o.elapsedNanos() / 1e9,
          o.throughput(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
          ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), peak, started,
          heapMb, o.completed() == 0 ? 0 : cpu / 1000.0 / o.completed(), o.timedOut(), o.firstError(), details);
      System.out.printf("  %-18s %9.0f ops/s  p50 %8.2f  p99 %8.2f  p99.9 %8.2f ms  threads +%d (%d started)"
              + "  heap %+.1f MB%s%n", name, r.throughput(), r.p50Ms(), r.p99Ms(), r.p999Ms(), peak, started, heapMb,
          (o.failed() > 0 ? "  FAILED " + o.failed() + ": " + o.firstError() : "") + (o.timedOut() ? "  (time cap)" : ""));
      return r;
    } finally {
      c.close();
    }
  }

  private Contender contender(String name, String baseUrl, long stockWanted) {
    int stock = (int) Math.min(Integer.MAX_VALUE, stockWanted);
    return switch (name) {
      case "pool" -> new PoolContender(baseUrl, concurrency, stock);
      case "direct" -> new DirectContender(baseUrl, concurrency);
      case "openai-java" -> new OpenAiJavaContender(baseUrl, false, concurrency);
      case "openai-java-tuned" -> new OpenAiJavaContender(baseUrl, true, concurrency);
      case "gateway" -> new HttpEndpointContender(true, baseUrl, concurrency, stock, serverInstances);
      // an in-memory refill keeps up with any take rate: a small stock is enough, and keeps GC out of the numbers
      case "gateway-memory" -> HttpEndpointContender.gatewayInMemory(concurrency, Math.min(stock, memoryStock),
          serverInstances);
      case "bare" -> new HttpEndpointContender(false, baseUrl, concurrency, stock, serverInstances);
      case "mock-raw" -> HttpEndpointContender.rawMock(baseUrl, concurrency);
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static long pick(List<Long> values, int i) {
    return values.get(Math.min(i, values.size() - 1));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private JsonObject document(List<CellResult> results, List<String> skipped, Instant started, Duration took) {
    JsonArray cells = new JsonArray();
    results.forEach(r -> cells.add(r.toJson()));
    Runtime rt = Runtime.getRuntime();
    return new JsonObject()
        .put("benchmark", "realtime-secrets loopback load")
        .put("command", commandLine.isEmpty() ? "java -jar benchmarks/target/benchmarks.jar load" : commandLine)
        .put("startedAt", started.toString())
        .put("tookSeconds", took.toSeconds())
        .put("machine", new JsonObject()
            .put("availableProcessors", rt.availableProcessors())
            .put("maxHeapMb", rt.maxMemory() / (1024 * 1024))
            .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
            .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"))
            .put("jvmArgs", new JsonArray(new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments()))))
        .put("settings", new JsonObject()
            .put("latenciesMs", new JsonArray(new ArrayList<>(latencies)))
            .put("counts", new JsonArray(new ArrayList<>(counts)))
            .put("warmups", new JsonArray(new ArrayList<>(warmups)))
            .put("concurrency", concurrency)
            .put("contenders", new JsonArray(new ArrayList<>(contenders)))
            .put("cellSeconds", cellSeconds)
            .put("maxSeconds", maxSeconds)
            .put("serverInstances", serverInstances)
            .put("mockEventLoops", mockEventLoops)
            .put("request", Workload.REQUEST_JSON))
        .put("cells", cells)
        .put("skipped", new JsonArray(new ArrayList<>(skipped)))
        .put("ratios", Report.ratios(results))
        .put("targets", Report.targets(results, concurrency));
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static void writeString(Path p, String s) throws java.io.IOException {
    Files.createDirectories(p.toAbsolutePath().getParent());
    Files.writeString(p, s, StandardCharsets.UTF_8);
  }
}
