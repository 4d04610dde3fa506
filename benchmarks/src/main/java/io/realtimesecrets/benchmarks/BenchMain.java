package io.realtimesecrets.benchmarks;

import io.realtimesecrets.benchmarks.load.LoadBenchmark;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Entry point of {@code benchmarks.jar}: {@code load ...} runs the loopback load benchmark,
 * {@code jmh ...} hands the remaining arguments to JMH's own command line.
 */
public final class BenchMain {

  private BenchMain() {
  }

  /**
   * Runs the chosen benchmark.
   *
   * @param args {@code load|tls|soak|gateway-cpu|stock-heap [flags]} or {@code jmh [JMH flags]}
   * @throws Exception when JMH fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("tls")) {
      System.exit(new CommandLine(new io.realtimesecrets.benchmarks.load.TlsMatrix()).execute(
          Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals("soak")) {
      System.exit(new CommandLine(new io.realtimesecrets.benchmarks.load.Soak()).execute(
          Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals("gateway-cpu")) {
      System.exit(new CommandLine(new io.realtimesecrets.benchmarks.load.GatewayCpu()).execute(
          Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals("stock-heap")) {
      System.exit(new CommandLine(new io.realtimesecrets.benchmarks.load.StockHeap()).execute(
          Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals("fleet-sim")) {
      System.exit(new CommandLine(new io.realtimesecrets.benchmarks.fleet.FleetSim()).execute(
          Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals("load")) {
      System.exit(new CommandLine(new LoadBenchmark()).execute(Arrays.copyOfRange(args, 1, args.length)));
    }
    System.err.println("usage: java -jar benchmarks.jar load [--help] | tls [--help] | soak [--help] | gateway-cpu [--help]"
        + " | stock-heap [--help] | fleet-sim [--help] | jmh [JMH flags, e.g. -h]");
    System.exit(2);
  }
}
