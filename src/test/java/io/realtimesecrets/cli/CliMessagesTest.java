package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.LogCapture;
import io.realtimesecrets.mock.MockUpstream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the command line says, as a user reads it: usage errors name the flag and the value typed (never an
 * options field, a Java type or a toString), help is whole, and every option has a value label.
 */
class CliMessagesTest {

  @TempDir
  Path dir;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  // the serve command logs through System.Logger, which is java.util.logging here
  @RegisterExtension
  final LogCapture log = LogCapture.of("io.realtimesecrets.cli.serve");

  int run(Object command, String... args) {
    CommandLine cl = command == null ? Main.commandLine() : Main.commandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  int run(String... args) {
    return run(null, args);
  }

  /** A mint command with no environment, so nothing reaches a real upstream. */
  static MintCommand mint(ByteArrayOutputStream stderr) {
    return new MintCommand(Map.of(), new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  static String firstLineOf(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
  }

  String firstLine() {
    return err.toString().lines().findFirst().orElse("");
  }

  // --- usage, help ----------------------------------------------------------------------------------------

  @Test
  void noArgumentsPrintsTheUsageOnStderrAndExitsWith2() {
    assertEquals(2, run());
    assertTrue(err.toString().startsWith("Usage: realtime-secrets"), err.toString());
    assertTrue(err.toString().contains("serve") && err.toString().contains("mint"), err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void helpListsTheCommandsAndHelpCommandPrintsThatCommandsFlags() {
    assertEquals(0, run("help"));
    assertTrue(out.toString().contains("Commands:"), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("help", "serve"));
    assertTrue(out.toString().contains("--instances=N"), out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void theCommandListShowsEachCommandsWholeSummaryOnOneLine() {
    run("help");
    for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
      String header = String.join(" ", sub.getCommandSpec().usageMessage().header());
      String name = sub.getCommandName();
      assertTrue(out.toString().lines().anyMatch(l -> l.matches("\\s+" + name + "\\s+" + java.util.regex.Pattern.quote(header))),
          "'" + name + "  " + header + "' is not one line of:\n" + out);
    }
  }

  @Test
  void everyOptionHasAValueLabelAndItsWholeDescriptionInHelp() {
    List<String> problems = new ArrayList<>();
    for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      String help = normalize(sub.getUsageMessage(CommandLine.Help.Ansi.OFF));
      for (OptionSpec option : spec.options()) {
        if (option.arity().max() > 0 && option.paramLabel().startsWith("<")) {
          problems.add(spec.name() + " " + option.longestName() + ": no value label");
        }
        String description = normalize(String.join(" ", option.description()));
        if (!help.contains(description)) {
          problems.add(spec.name() + " " + option.longestName() + ": description cut in --help: " + description);
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyFlagOfEveryCommandIsInDocsCliMd() throws Exception {
    String doc = Files.readString(Path.of("docs/cli.md"), StandardCharsets.UTF_8);
    List<String> missing = new ArrayList<>();
    for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
      for (OptionSpec option : sub.getCommandSpec().options()) {
        String shown = option.arity().max() > 0 ? option.longestName() + " " + option.paramLabel()
            : option.longestName();
        if (!option.usageHelp() && !option.versionHelp() && !doc.contains("`" + shown + "`")) {
          missing.add(sub.getCommandName() + ": `" + shown + "`");
        }
      }
    }
    assertEquals(List.of(), missing, "flags to add to their command's table in docs/cli.md");
  }

  static String normalize(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }

  @Test
  void mintHelpListsTheExitCodes() {
    assertEquals(0, run("mint", "--help"));
    String help = out.toString();
    assertTrue(help.contains("Exit codes:"), help);
    assertTrue(help.matches("(?s).*\\n\\s+0\\s+minted.*\\n\\s+1\\s+the upstream refused.*\\n\\s+2\\s+bad usage.*"),
        help);
  }

  @Test
  void anUnknownFlagIsNamedWithASuggestionAndWhereToLook() {
    assertEquals(2, run("mint", "--bod"));
    assertEquals("mint: Unknown option: '--bod'", firstLine());
    assertTrue(err.toString().contains("--body"), err.toString());
    assertTrue(err.toString().contains("try: realtime-secrets mint --help"), err.toString());
  }

  // --- numbers --------------------------------------------------------------------------------------------

  @Test
  void invalidNumbersAreErrorsNamingTheFlagAndTheValue() {
    String[][] cases = {
        {"serve: --instances -3: must be 1 or more", "serve", "--instances", "-3"},
        {"serve: --instances 0: must be 1 or more", "serve", "--instances", "0"},
        {"serve: --instances abc: must be a whole number", "serve", "--instances", "abc"},
        {"serve: --port 70000: must be between 0 and 65535 (0: any free port)", "serve", "--port", "70000"},
        {"serve: --rate-limit -1: must be 0 or more", "serve", "--rate-limit", "-1"},
        {"serve: --mock-latency-ms -5: must be 0 or more milliseconds", "serve", "--mock-latency-ms", "-5"},
        {"mint: --timeout-ms 0: must be 1 or more milliseconds", "mint", "--timeout-ms", "0"},
        {"mint: --max-retries -1: must be 0 or more", "mint", "--max-retries", "-1"},
        {"mint: --max-retries 2.5: must be a whole number", "mint", "--max-retries", "2.5"},
        {"mock: --latency-ms -5: must be 0 or more milliseconds", "mock", "--latency-ms", "-5"},
        {"mock: --jitter-ms -1: must be 0 or more milliseconds", "mock", "--jitter-ms", "-1"},
        {"mock: --port -3: must be between 0 and 65535 (0: any free port)", "mock", "--port", "-3"},
        {"mock: --rate-limit 0: must be 1 or more", "mock", "--rate-limit", "0"},
        {"mock: --fault-next 0: must be 1 or more", "mock", "--fault", "503", "--fault-next", "0"},
        {"mock: --fault-rate 1.5: must be more than 0 and at most 1", "mock", "--fault", "503", "--fault-rate", "1.5"},
        {"mock: --retry-after -2: must be 0 or more seconds", "mock", "--fault", "429", "--retry-after", "-2"},
        {"mock: --clock-offset-ms soon: must be a whole number", "mock", "--clock-offset-ms", "soon"},
    };
    for (String[] c : cases) {
      err.getBuffer().setLength(0);
      String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      assertEquals(2, run(args), String.join(" ", args));
      assertEquals(c[0], firstLine(), String.join(" ", args));
      assertTrue(err.toString().contains("try: realtime-secrets " + c[1] + " --help"), err.toString());
    }
  }

  @Test
  void theRangeConvertersAcceptTheirBoundsAndNameTheRule() {
    assertEquals(0, new Flags.Port().convert("0"));
    assertEquals(65_535, new Flags.Port().convert("65535"));
    assertEquals(0.5, new Flags.PositiveNumber().convert("0.5"));
    assertEquals(Duration.ofMillis(1), new Flags.PositiveMillis().convert("1"));
    assertEquals(1.0, new Flags.Probability().convert("1"));
    CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class,
        () -> new Flags.PositiveNumber().convert("0"));
    assertEquals("must be more than 0", e.getMessage());
    assertEquals("must be a number",
        assertThrows(CommandLine.TypeConversionException.class, () -> new Flags.AnyDouble().convert("NaN")).getMessage());
  }

  // --- files ----------------------------------------------------------------------------------------------

  @Test
  void aMissingConfigFileIsNamedWithTheFlag() {
    Path missing = dir.resolve("gateway.json");
    assertEquals(2, run("serve", "--port", "0", "--config", missing.toString()));
    assertEquals("serve: --config " + missing + ": no such file", firstLine());
  }

  @Test
  void aTruncatedConfigFileGivesLineColumnAndWhatIsWrong() throws Exception {
    Path file = Files.writeString(dir.resolve("gateway.json"),
        "{\"profiles\": {\"voice\": {\"request\": {\"session\": {\"type\": \"realtime\"");
    assertEquals(2, run("serve", "--port", "0", "--config", file.toString()));
    assertEquals("serve: --config " + file + ": line 1, column 67: unexpected end of JSON", firstLine());
    assertFalse(err.toString().contains("Source") || err.toString().contains("Exception"), err.toString());
  }

  @Test
  void aConfigFileWithAStrayCharacterSaysWhichAndWhere() throws Exception {
    Path file = Files.writeString(dir.resolve("gateway.json"), "{\n  \"profiles\": {\"voice\": {}},\n  }\n");
    assertEquals(2, run("serve", "--port", "0", "--config", file.toString()));
    assertEquals("serve: --config " + file + ": line 3, column 3: unexpected character '}', expected a field name"
        + " in double quotes", firstLine());
  }

  @Test
  void mintBodyProblemsNameTheFlagAndTheFile() throws Exception {
    Path truncated = Files.writeString(dir.resolve("body.json"), "{\"session\":{\"type\":\"realtime\"");
    Path array = Files.writeString(dir.resolve("array.json"), "[1]");
    Path invalid = Files.writeString(dir.resolve("speed.json"),
        "{\"session\":{\"type\":\"realtime\",\"audio\":{\"output\":{\"speed\":3}}}}");
    String[][] cases = {
        {"mint: --body " + dir.resolve("nope.json") + ": no such file", dir.resolve("nope.json").toString()},
        {"mint: --body " + dir + ": is a directory, not a file", dir.toString()},
        {"mint: --body " + truncated + ": line 1, column 30: unexpected end of JSON", truncated.toString()},
        {"mint: --body " + array + ": line 1, column 1: expected a JSON object ('{'), found an array", array.toString()},
        {"mint: --body " + invalid + ": session.audio.output.speed: must be between 0.25 and 1.5", invalid.toString()},
    };
    for (String[] c : cases) {
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      assertEquals(2, run(mint(stderr), "mint", "--body", c[1]), c[1]);
      assertEquals(c[0], firstLineOf(stderr));
      assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("try: realtime-secrets mint --help"));
    }
  }

  @Test
  void anUnknownEndpointListsTheNamesItAccepts() {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    assertEquals(2, run(mint(stderr), "mint", "--endpoint", "realtime"));
    assertEquals("mint: --endpoint realtime: expected one of client_secrets, translations, sessions,"
        + " transcription_sessions", firstLineOf(stderr));
  }

  @Test
  void aMalformedBaseUrlFromTheFlagOrTheEnvironmentNamesWhereItCameFrom() {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    assertEquals(2, run(mint(stderr), "mint", "--base-url", "ftp://example.test/v1"));
    assertEquals("mint: --base-url ftp://example.test/v1: must be an absolute http:// or https:// URL",
        firstLineOf(stderr));
    ByteArrayOutputStream envErr = new ByteArrayOutputStream();
    MintCommand fromEnv = new MintCommand(Map.of("OPENAI_BASE_URL", "ftp://example.test/v1"),
        new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(envErr, true, StandardCharsets.UTF_8));
    assertEquals(2, run(fromEnv, "mint"));
    assertEquals("mint: OPENAI_BASE_URL ftp://example.test/v1: must be an absolute http:// or https:// URL",
        firstLineOf(envErr));
  }

  // --- serve ----------------------------------------------------------------------------------------------

  @Test
  void aNonLoopbackHostWithoutATokenNamesEveryWayOut() {
    assertEquals(2, run("serve", "--host", "0.0.0.0", "--port", "0"));
    assertEquals("serve: --host 0.0.0.0: not a loopback address, so /token needs --auth-token TOKEN (or"
        + " GATEWAY_AUTH_TOKEN), --jwt-jwks SOURCE to verify users' tokens, or --allow-anonymous when a proxy"
        + " in front authenticates callers", firstLine());
  }

  @Test
  void anEmptyAuthTokenAndABadCorsOriginAreNamed() {
    assertEquals(2, run("serve", "--port", "0", "--auth-token", " "));
    assertEquals("serve: --auth-token: must not be blank", firstLine());
    err.getBuffer().setLength(0);
    assertEquals(2, run("serve", "--port", "0", "--cors-origin", "https://app.example.com/"));
    assertTrue(firstLine().startsWith("serve: --cors-origin https://app.example.com/: must be an origin"),
        firstLine());
  }

  @Test
  void anUnknownHostIsAUsageError() {
    assertEquals(2, run("serve", "--host", "no-such-host.invalid", "--allow-anonymous", "--port", "0"));
    assertEquals("serve: --host no-such-host.invalid: unknown host name", firstLine());
  }

  @Test
  void aBusyPortIsNamedBeforeTheEmbeddedMockStarts() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = busy.getLocalPort();
      ServeCommand serve = new ServeCommand();
      new CommandLine(serve).parseArgs("--port", Integer.toString(port));
      Flags.StartException e = assertThrows(Flags.StartException.class, () -> serve.start(Map.of()));
      assertEquals("--port " + port + ": already in use on 127.0.0.1 (another process listens there; choose"
          + " another --port, or 0 for any free port)", e.getMessage());
      assertTrue(log.messages().stream().noneMatch(l -> l.contains("embedded mock")), "the mock started: " + log);
      // and as the user sees it, exit code 1
      int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("serve", "--port", Integer.toString(port)));
      assertEquals(1, code);
      assertEquals("serve: --port " + port + ": already in use on 127.0.0.1 (another process listens there;"
          + " choose another --port, or 0 for any free port)", firstLine());
    }
  }

  @Test
  void theCurlHintCarriesTheAuthHeaderButNeverTheToken() throws Exception {
    assertEquals("try: curl -s http://127.0.0.1:8080/token", ServeCommand.curlHint("http://127.0.0.1:8080", null));
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--port", "0", "--instances", "1", "--auth-token", "tok-secret-hint");
    ServeCommand.Running running = serve.start(Map.of());
    try {
      String hint;
      hint = log.messages().stream().filter(l -> l.startsWith("try: curl")).findFirst().orElse("(none)");
      assertTrue(log.lines().stream().noneMatch(l -> l.contains("tok-secret-hint")), log.toString());
      assertEquals("try: curl -s -H \"Authorization: Bearer <the --auth-token value>\" " + running.url + "/token", hint);
    } finally {
      running.stop();
    }
    log.clear();
    ServeCommand fromEnv = new ServeCommand();
    new CommandLine(fromEnv).parseArgs("--port", "0", "--instances", "1");
    running = fromEnv.start(Map.of("GATEWAY_AUTH_TOKEN", "tok-secret-env"));
    try {
      assertTrue(log.messages().contains("try: curl -s -H \"Authorization: Bearer $GATEWAY_AUTH_TOKEN\" "
          + running.url + "/token"), log.toString());
    } finally {
      running.stop();
    }
  }

  // --- mock -----------------------------------------------------------------------------------------------

  @Test
  void aBusyMockPortIsNamed() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = busy.getLocalPort();
      PrintStream systemErr = System.err;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      int code;
      try {
        code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("mock", "--port", Integer.toString(port)));
      } finally {
        System.setErr(systemErr);
      }
      assertEquals(1, code);
      assertEquals("mock: --port " + port + ": already in use on 127.0.0.1 (another process listens there; choose"
          + " another --port, or 0 for any free port)", captured.toString(StandardCharsets.UTF_8).trim());
    }
  }

  @Test
  void theMockSaysWhenItStops() throws Exception {
    MockCommand command = new MockCommand();
    new CommandLine(command).parseArgs("--port", "0");
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    MockUpstream mock = MainThread.await(command.start(vertx, new PrintStream(new ByteArrayOutputStream())),
        Duration.ofSeconds(30));
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    MockCommand.stop(mock, vertx, new PrintStream(said, true, StandardCharsets.UTF_8));
    assertEquals(List.of("mock: stopping", "mock: stopped"), said.toString(StandardCharsets.UTF_8).lines().toList());
    try (ServerSocket again = new ServerSocket(mock.port(), 1, InetAddress.getByName("127.0.0.1"))) {
      assertEquals(mock.port(), again.getLocalPort(), "the port is free again");
    }
  }
}
