package io.realtimesecrets.benchmarks.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** Writes the run as a Markdown table (also as .txt), JSON and an SVG chart of latency percentiles. */
final class Report {

  private Report() {
  }

  static void write(Path dir, JsonObject doc, List<CellResult> results) throws IOException {
    String md = markdown(doc, results);
    LoadBenchmark.writeString(dir.resolve("load-results.md"), md);
    LoadBenchmark.writeString(dir.resolve("load-results.txt"), md);
    LoadBenchmark.writeString(dir.resolve("load-results.json"), doc.encodePrettily() + "\n");
    LoadBenchmark.writeString(dir.resolve("load-latency.svg"), svg(results));
  }

  private static Optional<CellResult> find(List<CellResult> rs, long latency, String name) {
    return rs.stream().filter(r -> r.latencyMs() == latency && r.contender().equals(name) && r.completed() > 0)
        .findFirst();
  }

  private static TreeSet<Long> latencies(List<CellResult> rs) {
    TreeSet<Long> s = new TreeSet<>();
    rs.forEach(r -> s.add(r.latencyMs()));
    return s;
  }

  /** Ratios per latency; absent when a side is missing. */
  static JsonArray ratios(List<CellResult> rs) {
    JsonArray out = new JsonArray();
    for (long l : latencies(rs)) {
      JsonObject o = new JsonObject().put("latencyMs", l);
      Optional<CellResult> pool = find(rs, l, "pool");
      Optional<CellResult> direct = find(rs, l, "direct");
      Optional<CellResult> oj = find(rs, l, "openai-java");
      Optional<CellResult> ojt = find(rs, l, "openai-java-tuned");
      Optional<CellResult> gw = find(rs, l, "gateway");
      Optional<CellResult> bare = find(rs, l, "bare");
      if (pool.isPresent() && direct.isPresent()) {
        o.put("directP99OverPoolP99", direct.get().p99Ms() / pool.get().p99Ms());
        o.put("poolThroughputOverDirect", pool.get().throughput() / direct.get().throughput());
      }
      if (direct.isPresent() && oj.isPresent()) {
        o.put("directThroughputOverOpenaiJava", direct.get().throughput() / oj.get().throughput());
        o.put("openaiJavaPeakThreadsOverDirect",
            (double) oj.get().peakAddedThreads() / Math.max(1, direct.get().peakAddedThreads()));
      }
      if (direct.isPresent() && ojt.isPresent()) {
        o.put("directThroughputOverOpenaiJavaTuned", direct.get().throughput() / ojt.get().throughput());
        o.put("openaiJavaTunedPeakThreadsOverDirect",
            (double) ojt.get().peakAddedThreads() / Math.max(1, direct.get().peakAddedThreads()));
      }
      if (gw.isPresent() && bare.isPresent()) {
        o.put("gatewayThroughputOverBare", gw.get().throughput() / bare.get().throughput());
      }
      Optional<CellResult> gwm = find(rs, l, "gateway-memory");
      if (gwm.isPresent() && bare.isPresent()) {
        o.put("gatewayMemoryThroughputOverBare", gwm.get().throughput() / bare.get().throughput());
      }
      out.add(o);
    }
    return out;
  }

  /** The targets, each with the measured value and whether it is met. */
  static JsonArray targets(List<CellResult> rs, int concurrency) {
    JsonArray out = new JsonArray();
    long slow = latencies(rs).stream().filter(l -> l > 0).findFirst().orElse(-1L);
    Optional<CellResult> pool = find(rs, slow, "pool");
    Optional<CellResult> direct = find(rs, slow, "direct");
    if (pool.isPresent() && direct.isPresent()) {
      double v = direct.get().p99Ms() / pool.get().p99Ms();
      out.add(target("pool p99 at least 50x lower than direct p99 at " + slow + " ms", v, 50, "x"));
    }
    Optional<CellResult> d0 = find(rs, 0, "direct");
    Optional<CellResult> oj = find(rs, 0, "openai-java");
    Optional<CellResult> ojt = find(rs, 0, "openai-java-tuned");
    if (d0.isPresent() && oj.isPresent()) {
      out.add(target("direct throughput at least 3x openai-java (defaults), 0 ms, " + concurrency + " in flight",
          d0.get().throughput() / oj.get().throughput(), 3, "x"));
      out.add(target("direct uses a fraction of openai-java's threads (peak added threads, ratio below 1)",
          (double) d0.get().peakAddedThreads() / Math.max(1, oj.get().peakAddedThreads()), -1, "x"));
    }
    if (d0.isPresent() && ojt.isPresent()) {
      out.add(target("direct throughput ahead of openai-java tuned, 0 ms, " + concurrency + " in flight",
          d0.get().throughput() / ojt.get().throughput(), 1.0000001, "x"));
    }
    for (long l : latencies(rs)) {
      Optional<CellResult> gw = find(rs, l, "gateway");
      Optional<CellResult> bare = find(rs, l, "bare");
      if (gw.isPresent() && bare.isPresent()) {
        out.add(target("gateway throughput at least 70% of the bare endpoint, " + l + " ms upstream",
            gw.get().throughput() / bare.get().throughput(), 0.70, "x"));
      }
      Optional<CellResult> gwm = find(rs, l, "gateway-memory");
      if (gwm.isPresent() && bare.isPresent()) {
        out.add(target("gateway-memory (gateway HTTP path, in-memory refill) at least 70% of bare, " + l
            + " ms upstream", gwm.get().throughput() / bare.get().throughput(), 0.70, "x"));
      }
    }
    return out;
  }

  /** threshold below 0 means "value must be below -threshold". */
  private static JsonObject target(String what, double value, double threshold, String unit) {
    boolean met = threshold < 0 ? value < -threshold : value >= threshold;
    return new JsonObject().put("target", what).put("value", value)
        .put("threshold", Math.abs(threshold)).put("met", met);
  }

  static String markdown(JsonObject doc, List<CellResult> rs) {
    StringBuilder sb = new StringBuilder();
    JsonObject m = doc.getJsonObject("machine");
    JsonObject s = doc.getJsonObject("settings");
    sb.append("# Load benchmark results\n\n");
    sb.append(String.format(Locale.ROOT, "Machine: %d cores, %s, max heap %d MB. Run took %d s, started %s.%n%n",
        m.getInteger("availableProcessors"), m.getString("java"), m.getLong("maxHeapMb"),
        doc.getLong("tookSeconds"), doc.getString("startedAt")));
    sb.append("Command: `").append(doc.getString("command")).append("`\n\n");
    sb.append(String.format(Locale.ROOT,
        "Workload: %s in flight, request `%s`, mock upstream in the same JVM on 127.0.0.1.%n",
        s.getInteger("concurrency"), s.getString("request")));
    for (long l : latencies(rs)) {
      CellResult any = rs.stream().filter(r -> r.latencyMs() == l).findFirst().get();
      sb.append(String.format(Locale.ROOT, "%n## Upstream latency %d ms (%d ops per contender)%n%n", l,
          any.requested()));
      sb.append("| contender | ops/s | p50 ms | p99 ms | p99.9 ms | max ms | threads added (peak) | threads started "
          + "| heap retained MB | process CPU µs/op | failed |\n");
      sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (CellResult r : rs) {
        if (r.latencyMs() != l) {
          continue;
        }
        sb.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %s | %s | %d | %d | %.1f | %.0f | %d%s |%n",
            r.contender(), r.throughput(), f(r.p50Ms()), f(r.p99Ms()), f(r.p999Ms()), f(r.maxMs()),
            r.peakAddedThreads(), r.threadsStarted(), r.retainedHeapMb(), r.cpuMicrosPerOp(), r.failed(),
            r.timedOut() ? " (time cap)" : ""));
      }
      JsonObject ratio = doc.getJsonArray("ratios").stream().map(JsonObject.class::cast)
          .filter(o -> o.getLong("latencyMs") == l).findFirst().orElse(new JsonObject());
      sb.append("\nRatios: ");
      StringBuilder rsb = new StringBuilder();
      ratio.forEach(e -> {
        if (!e.getKey().equals("latencyMs")) {
          rsb.append(rsb.length() == 0 ? "" : ", ").append(e.getKey()).append(" = ")
              .append(String.format(Locale.ROOT, "%.2f", ((Number) e.getValue()).doubleValue()));
        }
      });
      sb.append(rsb).append("\n");
    }
    sb.append("\n## Targets\n\n| target | measured | met |\n|---|---:|---|\n");
    doc.getJsonArray("targets").stream().map(JsonObject.class::cast).forEach(t -> sb.append(String.format(
        Locale.ROOT, "| %s | %.2f | %s |%n", t.getString("target"), t.getDouble("value"),
        t.getBoolean("met") ? "yes" : "**no**")));
    if (!doc.getJsonArray("skipped").isEmpty()) {
      sb.append("\nSkipped (time cap): ").append(doc.getJsonArray("skipped").encode()).append("\n");
    }
    sb.append("\nThreads added = peak live JVM threads during the contender's life minus live threads before it was"
        + " created (its own Vert.x instances, OkHttp and ForkJoin threads; for gateway/bare this includes the load"
        + " client's Vert.x). Threads started = threads created during the measured phase. Heap retained = heap"
        + " used after GC with the contender open, minus before. CPU is the whole process (contender, mock and"
        + " driver share 2 cores).\n");
    return sb.toString();
  }

  private static String f(double ms) {
    return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms)
        : ms >= 1 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.3f", ms);
  }

  /** Horizontal bars, log-scale ms: p50, p99, p99.9 per contender, one panel per latency. */
  static String svg(List<CellResult> rs) {
    String[] colors = {"#4c78a8", "#f58518", "#e45756"};
    String[] labels = {"p50", "p99", "p99.9"};
    int left = 150;
    int width = 900;
    int plotW = width - left - 90;
    int barH = 9;
    int rowH = 3 * barH + 10;
    double minMs = 0.001;
    double maxMs = Math.max(1, rs.stream().mapToDouble(CellResult::p999Ms).max().orElse(1));
    double lo = Math.log10(minMs);
    double hi = Math.ceil(Math.log10(maxMs));
    StringBuilder body = new StringBuilder();
    int y = 40;
    for (long l : latencies(rs)) {
      body.append(String.format(Locale.ROOT,
          "<text x='10' y='%d' font-size='14' font-weight='bold'>Upstream latency %d ms</text>%n", y, l));
      y += 12;
      int top = y;
      for (CellResult r : rs) {
        if (r.latencyMs() != l || r.completed() == 0) {
          continue;
        }
        body.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='12' text-anchor='end'>%s</text>%n",
            left - 8, y + rowH / 2, r.contender()));
        double[] v = {r.p50Ms(), r.p99Ms(), r.p999Ms()};
        for (int i = 0; i < 3; i++) {
          double x = (Math.log10(Math.max(minMs, v[i])) - lo) / (hi - lo) * plotW;
          body.append(String.format(Locale.ROOT,
              "<rect x='%d' y='%d' width='%.1f' height='%d' fill='%s'><title>%s %s: %s ms</title></rect>%n",
              left, y + i * barH, Math.max(1, x), barH - 1, colors[i], r.contender(), labels[i], f(v[i])));
          body.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='9'>%s</text>%n",
              left + Math.max(1, x) + 3, y + i * barH + barH - 2, f(v[i])));
        }
        y += rowH;
      }
      for (double d = lo; d <= hi + 1e-9; d++) {
        double x = left + (d - lo) / (hi - lo) * plotW;
        body.append(String.format(Locale.ROOT,
            "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#ccc' stroke-dasharray='2,2'/>%n", x, top, x, y));
        body.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='10' text-anchor='middle'>%s</text>%n",
            x, y + 12, f(Math.pow(10, d))));
      }
      y += 40;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif'>%n", width, y));
    sb.append("<rect width='100%' height='100%' fill='white'/>\n");
    sb.append("<text x='10' y='20' font-size='15'>Latency per secret (ms, log scale), loopback, same run</text>\n");
    for (int i = 0; i < 3; i++) {
      sb.append(String.format(Locale.ROOT,
          "<rect x='%d' y='10' width='12' height='10' fill='%s'/><text x='%d' y='19' font-size='11'>%s</text>%n",
          width - 260 + i * 80, colors[i], width - 244 + i * 80, labels[i]));
    }
    sb.append(body).append("</svg>\n");
    return sb.toString();
  }
}
