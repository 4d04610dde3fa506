package io.realtimesecrets.cli;

import io.realtimesecrets.model.impl.JsonSyntax;
import io.realtimesecrets.model.impl.UserFile;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line's one way of checking flags and saying what is wrong with them.
 *
 * <p>The convention (also in docs/cli.md): a usage error is one line on stderr,
 * {@code COMMAND: --FLAG VALUE: what is wrong}, naming the flag as the user typed it, never a field of an
 * options class, a Java type or a {@code toString()}; then a {@code try: ... --help} line; exit code 2.
 * A number's range is part of its option declaration, through one of the converters below, e.g.
 * {@code @Option(names = "--instances", paramLabel = "N", converter = Flags.AtLeastOne.class)}; so a flag
 * is checked before anything starts, and its message reads {@code serve: --instances -3: must be 1 or more}.
 */
final class Flags {

  private Flags() {
  }

  /**
   * A usage error that names the flag.
   *
   * @param spec the command
   * @param flag the flag as typed, e.g. {@code --body}
   * @param value the value the user gave, or {@code null} to leave it out
   * @param problem what is wrong, e.g. {@code no such file}
   * @return the exception to throw (picocli turns it into exit code 2)
   */
  static ParameterException usage(CommandSpec spec, String flag, Object value, String problem) {
    return new ParameterException(spec.commandLine(), message(flag, value, problem));
  }

  /**
   * The same usage error as an {@link IllegalArgumentException}, for code that also runs outside picocli
   * ({@code ServeCommand.start}, called by tests); the command turns it into exit code 2.
   *
   * @param flag the flag as typed
   * @param value the value the user gave, or {@code null}
   * @param problem what is wrong
   * @return the exception to throw
   */
  static IllegalArgumentException invalid(String flag, Object value, String problem) {
    return new IllegalArgumentException(message(flag, value, problem));
  }

  private static String message(String flag, Object value, String problem) {
    return flag + (value == null ? "" : " " + value) + ": " + problem;
  }

  /**
   * Reads the file a flag names.
   *
   * @param spec the command
   * @param flag the flag, e.g. {@code --body}
   * @param file the file
   * @return the text
   * @throws ParameterException e.g. {@code --body nope.json: no such file}
   */
  static String readFile(CommandSpec spec, String flag, String file) {
    try {
      return UserFile.read(Path.of(file));
    } catch (UserFile.UnreadableException e) {
      throw usage(spec, flag, file, e.getMessage());
    } catch (java.nio.file.InvalidPathException e) {
      throw usage(spec, flag, file, "is not a valid file name");
    }
  }

  /**
   * Checks that text a flag supplied is one JSON object.
   *
   * @param spec the command
   * @param flag the flag
   * @param source the file name, or {@code -} for stdin
   * @param text the text
   * @throws ParameterException e.g. {@code --body body.json: line 1, column 48: unexpected end of JSON}
   */
  static void requireJsonObject(CommandSpec spec, String flag, String source, String text) {
    String problem = JsonSyntax.objectProblem(text);
    if (problem != null) {
      throw usage(spec, flag, source, problem);
    }
  }

  /**
   * Checks, before anything starts, that {@code host:port} can be listened on, so a busy port is reported
   * by number instead of surfacing later as a bind failure (or after an embedded mock was started).
   *
   * @param host the {@code --host} value
   * @param port the {@code --port} value; 0 (any free port) is not checked
   * @throws StartException naming the flag and the port, when it is taken or the host is not local
   * @throws IllegalArgumentException when the host name is unknown (a usage error)
   */
  static void requireFreePort(String host, int port) throws StartException {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw invalid("--host", host, "unknown host name");
    }
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(address, port), 1);
    } catch (BindException e) {
      String reason = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (reason.contains("assign")) {
        throw new StartException("--host " + host + ": not an address of this machine");
      }
      if (reason.contains("permission")) {
        throw new StartException("--port " + port + ": permission denied (ports below 1024 need privileges)");
      }
      throw new StartException("--port " + port + ": already in use on " + host
          + " (another process listens there; choose another --port, or 0 for any free port)");
    } catch (IOException e) {
      throw new StartException("--port " + port + ": cannot listen on " + host + " (" + e.getMessage() + ")");
    }
  }

  /** Something the command could not start, described for the user; exit code 1. */
  static final class StartException extends Exception {
    private static final long serialVersionUID = 1L;

    StartException(String message) {
      super(message);
    }
  }

  // --- converters: a flag's range is declared with the flag --------------------------------------------

  private static long wholeNumber(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("must be a whole number");
    }
  }

  private static int intInRange(String value, long min, long max, String rule) {
    long n = wholeNumber(value);
    if (n < min || n > max) {
      throw new TypeConversionException(rule);
    }
    return (int) n;
  }

  /** Any whole number that fits an {@code int}; registered for every {@code int} option. */
  static final class AnyInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return intInRange(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "must be a whole number");
    }
  }

  /** Any whole number; registered for every {@code long} option. */
  static final class AnyLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return wholeNumber(value);
    }
  }

  /** Any number; registered for every {@code double} option. */
  static final class AnyDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        double d = Double.parseDouble(value.trim());
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException e) {
        throw new TypeConversionException("must be a number");
      }
    }
  }

  /** A TCP port, 0 to 65535 (0: any free port). */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return intInRange(value, 0, 65_535, "must be between 0 and 65535 (0: any free port)");
    }
  }

  /** A count of 0 or more. */
  static final class ZeroOrMore implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return intInRange(value, 0, Integer.MAX_VALUE, "must be 0 or more");
    }
  }

  /** A count of 1 or more. */
  static final class AtLeastOne implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return intInRange(value, 1, Integer.MAX_VALUE, "must be 1 or more");
    }
  }

  /** Milliseconds, 0 or more, as a {@link Duration}. */
  static final class Millis implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      long n = wholeNumber(value);
      if (n < 0) {
        throw new TypeConversionException("must be 0 or more milliseconds");
      }
      return Duration.ofMillis(n);
    }
  }

  /** Milliseconds, 1 or more, as a {@link Duration}: a timeout. */
  static final class PositiveMillis implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      long n = wholeNumber(value);
      if (n < 1) {
        throw new TypeConversionException("must be 1 or more milliseconds");
      }
      return Duration.ofMillis(n);
    }
  }

  /** Whole seconds, 0 or more, as a {@link Duration}. */
  static final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      long n = wholeNumber(value);
      if (n < 0) {
        throw new TypeConversionException("must be 0 or more seconds");
      }
      return Duration.ofSeconds(n);
    }
  }

  /** A number above 0, fractions allowed (a rate per second). */
  static final class PositiveNumber implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double d = new AnyDouble().convert(value);
      if (d <= 0) {
        throw new TypeConversionException("must be more than 0");
      }
      return d;
    }
  }

  /** A probability in (0, 1]. */
  static final class Probability implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double p = new AnyDouble().convert(value);
      if (p <= 0 || p > 1) {
        throw new TypeConversionException("must be more than 0 and at most 1");
      }
      return p;
    }
  }

  /**
   * Registers the plain number converters on a command line and its subcommands, so even a flag declared
   * without a converter says {@code must be a whole number} rather than {@code is not an int}.
   *
   * @param cl the command line, with its subcommands added
   */
  static void registerNumberConverters(CommandLine cl) {
    cl.registerConverter(Integer.class, new AnyInt()).registerConverter(int.class, new AnyInt())
        .registerConverter(Long.class, new AnyLong()).registerConverter(long.class, new AnyLong())
        .registerConverter(Double.class, new AnyDouble()).registerConverter(double.class, new AnyDouble());
  }
}
