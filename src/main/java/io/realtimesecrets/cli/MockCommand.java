package io.realtimesecrets.cli;

import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.FaultRule;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code realtime-secrets mock}: runs the embedded OpenAI stand-in until stopped (Ctrl-C or SIGTERM).
 *
 * <p>Prints exactly one line on stdout, {@code mock upstream listening on http://HOST:PORT/v1}, once it listens.
 */
@Command(name = "mock", mixinStandardHelpOptions = true, sortOptions = false,
    descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
    header = "Run a local stand-in for the OpenAI Realtime credential endpoints.",
    description = {"Prints 'mock upstream listening on URL' once it listens, and 'mock: stopped' when it stops"
        + " (Ctrl-C or SIGTERM).",
        "FAULT is a status 400..599 (e.g. 429 or 503:2 for Retry-After 2 s), quota, reset, stall[:MS], malformed,"
            + " truncated, html, expired or huge[:BYTES]. One request can ask for a fault with the header '"
            + MockUpstream.FAULT_HEADER + ": FAULT'."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:stopped by SIGTERM or Ctrl-C",
        "1:could not start (port in use, host not local)",
        "2:bad usage: unknown flag, invalid value, contradictory fault flags"})
public final class MockCommand implements Callable<Integer> {

  // Each flag declares its value label and, for numbers, its range (a Flags converter): see Flags.

  @Spec
  CommandSpec spec;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = MockUpstreamOptions.DEFAULT_HOST,
      description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "0", converter = Flags.Port.class,
      description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "Key callers must send; without it any non-empty key is accepted.")
  String apiKey;

  @Option(names = "--latency-ms", paramLabel = "N", defaultValue = "0", converter = Flags.Millis.class,
      description = "Fixed delay before each answer, in ms (default: ${DEFAULT-VALUE}).")
  Duration latency;

  @Option(names = "--jitter-ms", paramLabel = "N", defaultValue = "0", converter = Flags.Millis.class,
      description = "Random extra delay up to N ms per answer (default: ${DEFAULT-VALUE}).")
  Duration jitter;

  @Option(names = "--clock-offset-ms", paramLabel = "N", defaultValue = "0",
      description = "Pretend the server clock is off by N ms; negative: behind (default: ${DEFAULT-VALUE}).")
  long clockOffsetMs;

  @Option(names = "--fault", paramLabel = "FAULT", description = "Fault to inject (see above).")
  String fault;

  @Option(names = "--fault-rate", paramLabel = "P", converter = Flags.Probability.class,
      description = "Probability per request of --fault, more than 0 and at most 1 (default: 1 unless --fault-next).")
  Double faultRate;

  @Option(names = "--fault-next", paramLabel = "N", converter = Flags.AtLeastOne.class,
      description = "Inject --fault into the next N requests only.")
  Integer faultNext;

  @Option(names = "--retry-after", paramLabel = "S", converter = Flags.Seconds.class,
      description = "Seconds announced in Retry-After by a 429 or other status --fault.")
  Duration retryAfter;

  @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "10000", converter = Flags.AtLeastOne.class,
      description = "Requests per minute in the x-ratelimit headers (default: ${DEFAULT-VALUE}).")
  int rateLimit;

  @Option(names = "--enforce-rate-limit", description = "Answer 429 once --rate-limit is exhausted.")
  boolean enforceRateLimit;

  @Option(names = "--lenient",
      description = "Accept request fields the API does not know (default: refuse them with its 400 unknown_parameter).")
  boolean lenient;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for fault probabilities and jitter.")
  Long seed;

  @Option(names = "--tls", description = "Serve HTTPS with a bundled self-signed localhost certificate"
      + " (its PEM path is printed on stderr).")
  boolean tls;

  /**
   * Builds the mock's options from the flags.
   *
   * @return the options
   * @throws ParameterException when flags contradict each other or a value is out of range
   */
  MockUpstreamOptions toOptions() {
    MockUpstreamOptions o = new MockUpstreamOptions().setHost(host).setPort(port).setApiKey(apiKey)
        .setLatency(latency).setLatencyJitter(jitter)
        .setClockOffset(Duration.ofMillis(clockOffsetMs)).setRateLimitRequestsPerMinute(rateLimit)
        .setRateLimitEnforced(enforceRateLimit).setRandomSeed(seed).setSsl(tls)
        .setLenient(lenient);
    if (fault == null) {
      if (faultRate != null || faultNext != null || retryAfter != null) {
        throw new ParameterException(spec.commandLine(), "--fault-rate, --fault-next and --retry-after need --fault");
      }
      return o;
    }
    Fault f;
    try {
      f = Fault.parse(fault);
    } catch (IllegalArgumentException e) {
      throw Flags.usage(spec, "--fault", fault, "expected a status 400..599 (e.g. 429, or 503:2 for Retry-After"
          + " 2 s), quota, reset, stall[:MS], malformed, truncated, html, expired or huge[:BYTES]");
    }
    if (retryAfter != null) {
      if (f.kind() != Fault.Kind.RATE_LIMITED && f.kind() != Fault.Kind.STATUS) {
        throw new ParameterException(spec.commandLine(),
            "--retry-after: applies to a 429 or other status --fault only, not --fault " + fault);
      }
      f = Fault.status(f.status(), retryAfter);
    }
    if (faultNext != null && faultRate != null) {
      throw new ParameterException(spec.commandLine(), "use either --fault-next or --fault-rate, not both");
    }
    return o.addFaultRule(faultNext != null ? FaultRule.next(faultNext, f)
        : FaultRule.withProbability(faultRate == null ? 1.0 : faultRate, f));
  }

  /**
   * Starts the mock on {@code vertx} and prints its address on {@code out}; does not block. Tests call this
   * after {@code new CommandLine(command).parseArgs(...)}.
   *
   * @param vertx the Vert.x instance
   * @param out where the "listening" line goes
   * @return the started mock
   */
  public Future<MockUpstream> start(Vertx vertx, PrintStream out) {
    MockUpstreamOptions options;
    try {
      options = toOptions();
    } catch (ParameterException e) {
      return Future.failedFuture(e);
    }
    return MockUpstream.create(vertx, options).start().map(mock -> {
      out.println("mock upstream listening on " + mock.baseUrl());
      out.flush();
      return mock;
    });
  }

  @Override
  public Integer call() throws Exception {
    MockUpstreamOptions checked = toOptions(); // flag errors surface as usage errors before anything starts
    PrintStream err = System.err;
    try {
      Flags.requireFreePort(checked.getHost(), checked.getPort());
    } catch (Flags.StartException e) {
      err.println("mock: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Vertx vertx = Vertx.vertx();
    MockUpstream mock;
    try {
      // blocking the main thread (never an event loop) until the server listens
      mock = MainThread.await(start(vertx, System.out), Duration.ofSeconds(30));
    } catch (java.util.concurrent.TimeoutException e) {
      err.println("mock: did not start within 30 s on " + checked.getHost() + ":" + checked.getPort());
      vertx.close();
      return 1;
    } catch (Exception e) {
      err.println("mock: cannot start on " + checked.getHost() + ":" + checked.getPort() + ": "
          + ServeCommand.describe(e));
      vertx.close();
      return 1;
    }
    if (tls) {
      Path pem = Files.createTempFile("realtime-secrets-mock-", ".pem");
      Files.writeString(pem, mock.certificatePem());
      pem.toFile().deleteOnExit();
      err.println("mock: trust the certificate in " + pem);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        stop(mock, vertx, err);
      } finally {
        stopped.countDown();
      }
    }, "mock-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
    return 0;
  }

  /**
   * Closes the mock and Vert.x, saying so on {@code err}: {@code mock: stopped}. What SIGTERM runs. Blocks the
   * calling thread (never an event loop) for at most 10 s.
   *
   * @param mock the started mock
   * @param vertx its Vert.x
   * @param err where the messages go
   */
  static void stop(MockUpstream mock, Vertx vertx, PrintStream err) {
    err.println("mock: stopping");
    try {
      MainThread.await(mock.close().eventually(() -> vertx.close()), Duration.ofSeconds(10));
      err.println("mock: stopped");
    } catch (Exception e) {
      err.println("mock: stopped (the server did not close cleanly: " + ServeCommand.describe(e) + ")");
    }
    err.flush();
  }
}
