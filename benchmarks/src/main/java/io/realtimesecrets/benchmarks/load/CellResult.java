package io.realtimesecrets.benchmarks.load;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/** One contender at one upstream latency: what the table, the JSON and the chart show. */
record CellResult(
    long latencyMs,
    String contender,
    long requested,
    long completed,
    long failed,
    double seconds,
    double throughput,
    double p50Ms,
    double p90Ms,
    double p99Ms,
    double p999Ms,
    double maxMs,
    int peakAddedThreads,
    long threadsStarted,
    double retainedHeapMb,
    double cpuMicrosPerOp,
    boolean timedOut,
    String firstError,
    Map<String, Object> details) {

  JsonObject toJson() {
    return new JsonObject()
        .put("latencyMs", latencyMs)
        .put("contender", contender)
        .put("requested", requested)
        .put("completed", completed)
        .put("failed", failed)
        .put("seconds", seconds)
        .put("throughputPerSecond", throughput)
        .put("p50Ms", p50Ms)
        .put("p90Ms", p90Ms)
        .put("p99Ms", p99Ms)
        .put("p999Ms", p999Ms)
        .put("maxMs", maxMs)
        .put("peakAddedThreads", peakAddedThreads)
        .put("threadsStarted", threadsStarted)
        .put("retainedHeapMb", retainedHeapMb)
        .put("processCpuMicrosPerOp", cpuMicrosPerOp)
        .put("timedOut", timedOut)
        .put("firstError", firstError)
        .put("details", new JsonObject(new java.util.LinkedHashMap<>(details)));
  }
}
