package io.realtimesecrets.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of {@code java -jar target/realtime-secrets.jar}: {@code serve}, {@code mint}, {@code mock},
 * {@code help}. Every command line is built by {@link #commandLine(Object...)}, so usage errors look the same
 * everywhere (see {@link Flags}).
 */
@Command(name = "realtime-secrets", mixinStandardHelpOptions = true, version = "realtime-secrets 0.1.0",
    description = "Mint, pool and serve OpenAI Realtime ephemeral client secrets.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    footer = {"", "Run 'realtime-secrets help COMMAND' for the flags of one command."},
    subcommands = {ServeCommand.class, MintCommand.class, MockCommand.class, HelpCommand.class})
public final class Main implements Callable<Integer> {

  /** Exit code of a usage error (bad flag, bad value, no command). */
  static final int USAGE_ERROR = 2;

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
    // Vert.x and Netty would log through SLF4J when they find it (the fat jar has it, for JSON logs): keep them
    // on java.util.logging with everything else, so one configuration decides levels and format
    if (System.getProperty("vertx.logger-delegate-factory-class-name") == null) {
      System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.JULLogDelegateFactory");
    }
    io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
        io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
    try {
      io.micrometer.common.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
          io.micrometer.common.util.internal.logging.JdkLoggerFactory.INSTANCE);
    } catch (NoClassDefFoundError e) {
      // Micrometer is optional: without it there is nothing to route
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
    return commandLine().execute(args);
  }

  /**
   * The command line with every convention applied: help subcommand, number converters, one-line usage
   * errors naming the flag, exit code 2 for them.
   *
   * @param commands command objects to use instead of new instances (tests pass commands with a fake
   *     environment); matched by class
   * @return the command line
   */
  static CommandLine commandLine(Object... commands) {
    IFactory defaults = CommandLine.defaultFactory();
    IFactory factory = new IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        for (Object c : commands) {
          if (c.getClass() == cls) {
            return cls.cast(c);
          }
        }
        return defaults.create(cls);
      }
    };
    CommandLine cl = new CommandLine(new Main(), factory);
    Flags.registerNumberConverters(cl);
    cl.setParameterExceptionHandler(Main::usageError);
    return cl;
  }

  /** Prints {@code COMMAND: message}, picocli's suggestions, and where to find the flags; exit code 2. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandName() + ": " + describe(e));
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("try: " + cmd.getCommandSpec().qualifiedName() + " --help");
    err.flush();
    return USAGE_ERROR;
  }

  /** A converter's rule becomes {@code --flag value: rule}; every other message is already about flags. */
  static String describe(ParameterException e) {
    if (e.getCause() instanceof TypeConversionException && e.getArgSpec() instanceof OptionSpec) {
      return ((OptionSpec) e.getArgSpec()).longestName() + " " + e.getValue() + ": " + e.getCause().getMessage();
    }
    return e.getMessage();
  }

  @Override
  public Integer call() {
    // no command: the usage, on stderr, as a usage error
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE_ERROR;
  }
}
