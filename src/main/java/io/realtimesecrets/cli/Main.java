package io.realtimesecrets.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code java -jar target/realtime-secrets.jar}: {@code serve}, {@code mint}, {@code mock}.
 */
@Command(name = "realtime-secrets", mixinStandardHelpOptions = true, version = "realtime-secrets 0.1.0",
    description = "Mint, pool and serve OpenAI Realtime ephemeral client secrets.",
    subcommands = {ServeCommand.class, MintCommand.class, MockCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line.
   *
   * @param args arguments
   */
  public static void main(String[] args) {
    // one line per record on stderr, before anything touches java.util.logging
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$s %3$s - %5$s%6$s%n");
    }
    // log lines written while serve drains on SIGTERM must outlive the JDK's own logging shutdown hook
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", DrainingLogManager.class.getName());
    }
    System.exit(run(args));
  }

  /**
   * Runs the command line without exiting, for tests.
   *
   * @param args arguments
   * @return the exit code
   */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
