package io.realtimesecrets.benchmarks.load;

import io.realtimesecrets.benchmarks.PngChart;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.GatewayProfile;
import io.realtimesecrets.gateway.TokenGateway;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.lang.management.ManagementFactory;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The open-loop soak: {@code GET /token} on the gateway at a constant arrival rate, whatever the answers do,
 * with each latency measured from the request's intended send time (so a stall delays the schedule's requests
 * and shows up in their latency: coordinated omission corrected). The gateway's pool refills over HTTPS from the
 * mock with the client's default options; the mock answers after a latency with jitter.
 *
 * <p>Every second it records latency percentiles of that second, served and failed calls, the pool's stock,
 * hits and waste (from the gateway's {@code /metrics}), mints at the mock, heap in use and the process RSS, to
 * a CSV and a PNG chart; at the end a summary (p50/p99/p99.9, hit ratio, waste, minted per served, errors).
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Open-loop soak through the gateway: constant arrival rate, latency from the intended send time.")
public final class Soak implements Callable<Integer> {

  @Option(names = "--rate", defaultValue = "100", description = "GET /token per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--seconds", defaultValue = "60", description = "Length of the run (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--latency-ms", defaultValue = "150", description = "Mock upstream latency (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(names = "--jitter-ms", defaultValue = "100",
      description = "Extra uniform random upstream latency, 0..jitter ms (default: ${DEFAULT-VALUE}).")
  long jitterMs;

  @Option(names = "--max-in-flight", defaultValue = "5000",
      description = "Safety bound: arrivals beyond this many unanswered calls are counted as failed, not sent (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--out", defaultValue = "results", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--name", defaultValue = "soak", description = "File name stem of the outputs (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--command", defaultValue = "", description = "The command line to record in the results.")
  String commandLine;

  private final Recorder interval = new Recorder(TimeUnit.MINUTES.toNanos(5), 3);
  private final Histogram total = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private volatile String firstError;

  record Sample(double t, double p50, double p99, double max, long served, long failed, long inFlight, double stock,
      double hits, double takes, double minted, double expiredUnused, double mintsInFlight, double mintsInFlightLimit,
      long mockMinted, double heapMb, double rssMb, double load) {
  }

  @Override
  public Integer call() throws Exception {
    System.setProperty("java.awt.headless", "true");
    Instant started = Instant.now();
    double loadBefore = load();
    Vertx serverVertx = Vertx.vertx();
    Vertx loadVertx = Vertx.vertx();
    MockUpstream mock = MockUpstream.create(serverVertx, new MockUpstreamOptions().setHost(Workload.HOST).setSsl(true)
        .setLatency(Duration.ofMillis(latencyMs)).setLatencyJitter(Duration.ofMillis(jitterMs)).setMaxRecordedSecrets(1000));
    Workload.await(mock.start(), 30);
    RealtimeSecretsClient client = RealtimeSecretsClient.create(serverVertx, new RealtimeSecretsClientOptions()
        .setBaseUrl(mock.baseUrl()).setApiKey(Workload.API_KEY).setTrustOptions(mock.trustOptions()));
    TokenGateway gateway = TokenGateway.create(serverVertx, client, new GatewayOptions().setHost(Workload.HOST)
        .setPort(0).setAllowAnonymous(true).setAccessLog(false).setAppHandlesAuthAndRateLimit(true)
        .addProfile(GatewayProfile.builder(GatewayProfile.DEFAULT_NAME).request(new JsonObject(Workload.REQUEST_JSON))
            .build()));
    Workload.await(gateway.start(), 120);
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(Workload.HOST))) {
      port = probe.getLocalPort();
    }
    Workload.await(serverVertx.createHttpServer().requestHandler(gateway.router()).listen(port, Workload.HOST), 30);
    HttpClient load = loadVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
        .setDefaultHost(Workload.HOST).setDefaultPort(port), new PoolOptions().setHttp1MaxSize(1024).setMaxWaitQueueSize(-1));
    long mintedBefore = mock.stats().mintedTotal();
    List<Sample> samples = new ArrayList<>();
    Path csv = out.resolve(name + ".csv");
    LoadBenchmark.writeString(csv, "seconds,p50_ms,p99_ms,max_ms,served,failed,in_flight,stock,pool_hits,pool_takes,"
        + "pool_minted,pool_expired_unused,pool_mints_in_flight,pool_mints_in_flight_limit,mock_minted,heap_mb,rss_mb,"
        + "load_average\n");
    System.out.printf("soak: %.0f /token per second for %d s, upstream %d ms + 0..%d ms jitter over TLS%n", rate,
        seconds, latencyMs, jitterMs);
    long period = (long) (1e9 / rate);
    long t0 = System.nanoTime();
    long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
    long nextSample = t0 + TimeUnit.SECONDS.toNanos(1);
    for (long i = 0; ; i++) {
      long intended = t0 + i * period;
      if (intended >= end) {
        break;
      }
      while (true) {
        long now = System.nanoTime();
        if (now >= nextSample) {
          samples.add(sample(samples, (now - t0) / 1e9, load, mock, csv));
          nextSample += TimeUnit.SECONDS.toNanos(1);
          continue;
        }
        if (now >= intended) {
          break;
        }
        LockSupport.parkNanos(Math.min(intended, nextSample) - now);
      }
      send(load, intended);
    }
    long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
      Thread.sleep(50);
    }
    samples.add(sample(samples, (System.nanoTime() - t0) / 1e9, load, mock, csv));
    long mintedDuring = mock.stats().mintedTotal() - mintedBefore;
    Sample last = samples.get(samples.size() - 1);
    double loadAfter = load();
    Workload.await(load.close(), 30);
    Workload.await(loadVertx.close(), 30);
    Workload.await(gateway.close(), 30);
    Workload.await(client.close(), 30);
    Workload.await(mock.close(), 30);
    Workload.await(serverVertx.close(), 30);

    double hitRatio = last.takes() == 0 ? 1 : last.hits() / last.takes();
    double waste = last.minted() == 0 ? 0 : last.expiredUnused() / last.minted();
    double maxHeap = samples.stream().mapToDouble(Sample::heapMb).max().orElse(0);
    double maxRss = samples.stream().mapToDouble(Sample::rssMb).max().orElse(0);
    String cmd = commandLine.isEmpty() ? "java -jar benchmarks/target/benchmarks.jar soak" : commandLine;
    String summary = String.format(Locale.ROOT, "# Open-loop soak through the gateway%n%n"
            + "Command: `%s`  %nStarted %s; %d cores, %s, %s; load average %.2f before, %.2f after.  %n"
            + "%.0f `GET /token` per second for %d s (constant arrival rate, latency from the intended send time); "
            + "upstream: the mock over TLS (h2 via ALPN, client default options), %d ms + 0..%d ms jitter.%n%n"
            + "| measure | value |%n|---|---:|%n"
            + "| calls sent / served / failed | %d / %d / %d |%n"
            + "| p50 / p99 / p99.9 / max | %.2f / %.2f / %.2f / %.2f ms |%n"
            + "| pool hit ratio (hits / takes) | %.4f |%n"
            + "| waste (expired unused / minted, whole pool life) | %.4f |%n"
            + "| minted at the mock during the run / served | %d / %d = %.3f |%n"
            + "| heap in use, peak of the 1 s samples | %.0f MiB |%n"
            + "| RSS, peak | %.0f MiB |%n"
            + "%s%nTime series: `%s.csv`; chart: `%s.png`.%n",
        cmd, started, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        ManagementFactory.getRuntimeMXBean().getInputArguments(), loadBefore, loadAfter, rate, seconds, latencyMs,
        jitterMs, total.getTotalCount() + failed.get(), served.get(), failed.get(), ms(total.getValueAtPercentile(50)),
        ms(total.getValueAtPercentile(99)), ms(total.getValueAtPercentile(99.9)), ms(total.getMaxValue()), hitRatio,
        waste, mintedDuring, served.get(), served.get() == 0 ? 0 : (double) mintedDuring / served.get(), maxHeap, maxRss,
        firstError == null ? "" : String.format("%nFirst error: %s%n", firstError), name, name);
    LoadBenchmark.writeString(out.resolve(name + ".md"), summary);
    chart(samples, out.resolve(name + ".png"));
    System.out.println();
    System.out.print(summary);
    return failed.get() == 0 ? 0 : 1;
  }

  private void send(HttpClient load, long intended) {
    if (inFlight.get() >= maxInFlight) {
      failed.incrementAndGet();
      return;
    }
    inFlight.incrementAndGet();
    Future<Buffer> f;
    try {
      f = load.request(HttpMethod.GET, "/token").compose(req -> req.send())
          .compose(resp -> resp.statusCode() == 200 ? resp.body()
              : resp.body().compose(b -> Future.failedFuture("HTTP " + resp.statusCode())));
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      long nanos = System.nanoTime() - intended;
      inFlight.decrementAndGet();
      if (ar.succeeded()) {
        long v = Math.min(nanos, total.getHighestTrackableValue());
        interval.recordValue(v);
        synchronized (total) {
          total.recordValue(v);
        }
        served.incrementAndGet();
      } else {
        failed.incrementAndGet();
        if (firstError == null) {
          firstError = ar.cause().toString();
        }
      }
    });
  }

  private Sample sample(List<Sample> samples, double t, HttpClient load, MockUpstream mock, Path csv) throws Exception {
    Histogram h = interval.getIntervalHistogram();
    double[] pool = new double[4]; // stock, hits, takes, minted, expired unused
    double[] extra = new double[3]; // expired unused, mints in flight, their limit
    try {
      String text = Workload.await(load.request(HttpMethod.GET, "/metrics").compose(r -> r.send())
          .compose(r -> r.body()), 10).toString();
      for (String line : text.split("\n")) {
        if (line.startsWith("#")) {
          continue;
        }
        double v;
        try {
          v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        } catch (RuntimeException e) {
          continue;
        }
        if (line.startsWith("realtime_pool_stock{")) {
          pool[0] += v;
        } else if (line.startsWith("realtime_pool_takes_total{")) {
          pool[2] += v;
          if (line.contains("result=\"hit\"")) {
            pool[1] += v;
          }
        } else if (line.startsWith("realtime_pool_minted_total{")) {
          pool[3] += v;
        } else if (line.startsWith("realtime_pool_expired_unused_total{")) {
          extra[0] += v;
        } else if (line.startsWith("realtime_pool_inflight{")) {
          extra[1] += v;
        } else if (line.startsWith("realtime_pool_inflight_limit{")) {
          extra[2] += v;
        }
      }
    } catch (Exception e) {
      // a sample without pool numbers; the run goes on
    }
    Sample s = new Sample(t, ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()),
        served.get(), failed.get(), inFlight.get(), pool[0], pool[1], pool[2], pool[3], extra[0], extra[1], extra[2],
        mock.stats().mintedTotal(), ResourceMeter.heapUsedBytes() / 1048576.0, rssMb(), load());
    Files.writeString(csv, String.format(Locale.ROOT, "%.1f,%.3f,%.3f,%.3f,%d,%d,%d,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%d,%.1f,%.1f,%.2f%n",
        s.t(), s.p50(), s.p99(), s.max(), s.served(), s.failed(), s.inFlight(), s.stock(), s.hits(), s.takes(),
        s.minted(), s.expiredUnused(), s.mintsInFlight(), s.mintsInFlightLimit(), s.mockMinted(), s.heapMb(), s.rssMb(), s.load()),
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    return s;
  }

  /** Two panels: latency of each second (p50, p99), and heap in use and RSS. */
  static void chart(List<Sample> samples, Path png) throws Exception {
    PngChart.write(samples, Sample::t, "seconds", List.of(
        new PngChart.Panel<>("GET /token latency per second (ms, from intended send)", List.of(
            new PngChart.Series<>("p50", new Color(0x1f77b4), Sample::p50),
            new PngChart.Series<>("p99", new Color(0xd62728), Sample::p99))),
        new PngChart.Panel<>("memory (MiB)", List.of(
            new PngChart.Series<>("heap in use", new Color(0x2ca02c), Sample::heapMb),
            new PngChart.Series<>("RSS", new Color(0x9467bd), Sample::rssMb)))), png);
  }

  private static double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (Exception e) {
      // not Linux: no RSS
    }
    return 0;
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
