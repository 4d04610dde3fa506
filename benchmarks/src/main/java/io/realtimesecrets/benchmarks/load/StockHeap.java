package io.realtimesecrets.benchmarks.load;

import io.realtimesecrets.benchmarks.InMemoryUpstreamClient;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Heap per stocked secret: pools stocked to each size in turn from {@link InMemoryUpstreamClient} (every mint
 * decodes a fresh full GA response, with its source text kept, as the real client does), heap in use after a
 * full GC with the pool stocked minus the same before it was created. The bytes per secret are the slope
 * between the smallest and the largest stock, so fixed costs (the pool, its context, its timers) cancel out.
 */
@Command(name = "stock-heap", mixinStandardHelpOptions = true,
    description = "Heap bytes per stocked secret: heap after GC with pools of several stock sizes.")
public final class StockHeap implements Callable<Integer> {

  @Option(names = "--stocks", split = ",", defaultValue = "10000,100000",
      description = "Stock sizes, smallest first (default: ${DEFAULT-VALUE}).")
  List<Integer> stocks;

  @Option(names = "--out", defaultValue = "results", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--name", defaultValue = "stock-heap",
      description = "File name stem of the outputs (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--command", defaultValue = "", description = "The command line to record in the results.")
  String commandLine;

  @Override
  public Integer call() throws Exception {
    Instant started = Instant.now();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Vertx vertx = Vertx.vertx();
    List<long[]> rows = new ArrayList<>();
    try {
      for (int n : stocks) {
        long before = ResourceMeter.heapAfterGc();
        SecretPool<ClientSecret> pool = SecretPool.create(vertx, new InMemoryUpstreamClient(),
            ClientSecretRequest.minimal(), new SecretPoolOptions().setMinIdle(n).setMaxIdle(n)
                .setMaxInFlight(256).setInitialInFlight(256).setPrewarmConcurrency(256)
                .setAcquireTimeout(Duration.ofSeconds(300)));
        Workload.await(pool.start(), 600);
        // start() completes at minIdle; wait until the whole stock is there
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (pool.stats().stock() < n && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        int stocked = pool.stats().stock();
        long after = ResourceMeter.heapAfterGc();
        rows.add(new long[] {n, stocked, after - before});
        System.out.printf(Locale.ROOT, "stock %,d: heap +%,d bytes (%.0f bytes per secret, fixed costs included)%n",
            stocked, after - before, (after - before) / (double) Math.max(1, stocked));
        Workload.await(pool.close(), 60);
      }
    } finally {
      Workload.await(vertx.close(), 30);
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long[] small = rows.get(0);
    long[] large = rows.get(rows.size() - 1);
    double perSecret = (large[2] - small[2]) / (double) Math.max(1, large[1] - small[1]);
    String cmd = commandLine.isEmpty() ? "java -jar benchmarks/target/benchmarks.jar stock-heap" : commandLine;
    StringBuilder md = new StringBuilder("# Heap per stocked secret\n\n");
    md.append("Command: `").append(cmd).append("`  \n");
    md.append(String.format(Locale.ROOT, "Started %s; %d cores, %s, max heap %d MiB; load average %.2f before, "
            + "%.2f after.  %nEach secret: a full GA client-secret response decoded from the %d-byte fixture (fresh "
            + "`ek_` value each), its source text kept, in a `SecretPool` stock. Heap = in use after `System.gc()`.%n%n",
        started, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
            + System.getProperty("java.runtime.version"), Runtime.getRuntime().maxMemory() >> 20, loadBefore,
        loadAfter, InMemoryUpstreamClient.responseBytes()));
    md.append("| stock | heap added | bytes per secret (fixed costs included) |\n|---:|---:|---:|\n");
    JsonArray json = new JsonArray();
    for (long[] r : rows) {
      md.append(String.format(Locale.ROOT, "| %,d | %,d | %.0f |%n", r[1], r[2], r[2] / (double) Math.max(1, r[1])));
      json.add(new JsonObject().put("stock", r[1]).put("heapBytes", r[2]));
    }
    md.append(String.format(Locale.ROOT, "%n**%.0f bytes per stocked secret** (slope between %,d and %,d); "
        + "100,000 secrets: %.0f MiB of heap.%n", perSecret, small[1], large[1], perSecret * 100_000 / (1 << 20)));
    System.out.print("\n" + md);
    LoadBenchmark.writeString(out.resolve(name + ".md"), md.toString());
    LoadBenchmark.writeString(out.resolve(name + ".json"), new JsonObject().put("command", cmd)
        .put("startedAt", started.toString())
        .put("machine", new JsonObject().put("availableProcessors", Runtime.getRuntime().availableProcessors())
            .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
            .put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20)
            .put("jvmArgs", new JsonArray(new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments()))))
        .put("loadAverageBeforeAndAfter", new JsonArray().add(loadBefore).add(loadAfter))
        .put("rows", json).put("bytesPerSecret", perSecret).encodePrettily() + "\n");
    return 0;
  }
}
