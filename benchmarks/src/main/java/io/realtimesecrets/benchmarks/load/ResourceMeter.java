package io.realtimesecrets.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * Threads, heap and CPU of this JVM around one contender. Thread and heap numbers are deltas against the moment
 * before the contender was created, so they are what the contender added (the mock upstream's own threads and
 * heap are in the baseline). CPU is the whole process (contender, mock and driver share it).
 */
final class ResourceMeter {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final int liveBefore;
  private final long heapBefore;
  private long startedBeforeRun;
  private long cpuBeforeRun;

  private ResourceMeter(int liveBefore, long heapBefore) {
    this.liveBefore = liveBefore;
    this.heapBefore = heapBefore;
  }

  /** Takes the baseline (runs GC) and resets the JVM's peak thread count. */
  static ResourceMeter baseline() throws InterruptedException {
    // let the previous contender's threads (OkHttp, ForkJoin, event loops) finish exiting: up to 5 s
    int last = THREADS.getThreadCount();
    for (int i = 0; i < 50; i++) {
      Thread.sleep(100);
      int now = THREADS.getThreadCount();
      if (now >= last && i >= 5) {
        break;
      }
      last = now;
    }
    long heap = heapAfterGc();
    THREADS.resetPeakThreadCount();
    return new ResourceMeter(THREADS.getThreadCount(), heap);
  }

  /** Marks the start of the measured phase. */
  void runStarts() {
    startedBeforeRun = THREADS.getTotalStartedThreadCount();
    cpuBeforeRun = processCpuNanos();
  }

  /** Threads started during the measured phase. */
  long threadsStartedInRun() {
    return THREADS.getTotalStartedThreadCount() - startedBeforeRun;
  }

  /** Process CPU spent since {@link #runStarts()}, in ns. */
  long cpuNanosInRun() {
    return processCpuNanos() - cpuBeforeRun;
  }

  /** Peak live threads since the baseline, minus the live threads at the baseline. */
  int peakAddedThreads() {
    return THREADS.getPeakThreadCount() - liveBefore;
  }

  /** Heap in use after a full GC now, minus the same at the baseline: what the contender keeps. */
  long retainedHeapBytes() {
    return heapAfterGc() - heapBefore;
  }

  /** Heap in use now, without a GC. */
  static long heapUsedBytes() {
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  static long heapAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }
}
