package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code mint} command as a user runs it: output, exit codes and messages. */
class MintCommandTest {

  static final String KEY = "sk-cli-0123456789abcdefghijklmnop";
  static Vertx vertx;
  static MockUpstream mock;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void startMock() throws Exception {
    vertx = Vertx.vertx();
    mock = MainThread.await(MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY)).start(),
        Duration.ofSeconds(10));
  }

  @AfterAll
  static void stopMock() throws Exception {
    MainThread.await(mock.close().eventually(() -> vertx.close()), Duration.ofSeconds(60));
  }

  int run(Map<String, String> env, String stdin, String... args) {
    MintCommand command = new MintCommand(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    CommandLine cl = Main.commandLine(command); // usage errors go to the command line's err
    cl.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "mint";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    return cl.execute(withCommand);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withNoKeyAndNoBaseUrlItMintsAgainstTheEmbeddedMockAndSaysSo() {
    assertEquals(0, run(Map.of(), ""));
    JsonObject json = new JsonObject(out().trim());
    assertTrue(json.getString("value").startsWith("ek_"));
    assertTrue(err().contains("embedded mock"), err());
  }

  @Test
  void eachEndpointPrintsItsOwnResponseShape() {
    assertEquals(0, run(Map.of(), "", "--endpoint", "sessions"));
    JsonObject json = new JsonObject(out().trim());
    assertTrue(json.getJsonObject("client_secret").getString("value").startsWith("ek_"));
  }

  @Test
  void aBodyFromStdinGoesToTheGivenUpstream() {
    String body = "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":120},"
        + "\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\",\"instructions\":\"hi\"}}";
    long before = System.currentTimeMillis() / 1000;
    assertEquals(0, run(Map.of(), body, "--body", "-", "--base-url", mock.baseUrl(), "--api-key", KEY));
    JsonObject json = new JsonObject(out().trim());
    assertTrue(mock.wasMinted(json.getString("value")));
    long ttl = json.getLong("expires_at") - before;
    assertTrue(ttl >= 118 && ttl <= 121, "expires_after honoured: " + ttl);
    assertEquals("", err(), "no mock notice when a base URL is given");
  }

  @Test
  void anInvalidBodyFileIsAUsageErrorNamingTheField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("body.json");
    Files.writeString(file, "{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\",\"audio\":{\"output\":{\"speed\":3}}}}");
    assertEquals(2, run(Map.of(), "", "--body", file.toString()));
    assertTrue(err().contains("session.audio.output.speed: must be between 0.25 and 1.5"), err());
    assertEquals("", out());
  }

  @Test
  void aMissingBodyFileAndAnUnknownEndpointAreUsageErrors(@TempDir Path dir) {
    assertEquals(2, run(Map.of(), "", "--body", dir.resolve("nope.json").toString()));
    assertTrue(err().contains("nope.json"), err());
    assertEquals(2, run(Map.of(), "", "--endpoint", "realtime"));
    assertTrue(err().contains("expected one of client_secrets"), err());
  }

  @Test
  void aMalformedBaseUrlIsAUsageErrorNamingTheFlag() {
    assertEquals(2, run(Map.of(), "", "--base-url", "ftp://example.test/v1"));
    assertTrue(err().contains("--base-url"), err());
    assertEquals("", out());
  }

  @Test
  void anApiErrorGoesToStderrWithExitOneAndNoKey() {
    assertEquals(1, run(Map.of("OPENAI_API_KEY", "sk-wrong-0000000000000000000000", "OPENAI_BASE_URL", mock.baseUrl()), ""));
    assertTrue(err().contains("HTTP 401"), err());
    assertFalse(err().contains("sk-wrong-0000000000000000000000"), err());
    assertEquals("", out());
  }

  @Test
  void maxRetriesAndTimeoutApplyToTheOneCall() {
    mock.faults().next(1, Fault.status(503));
    assertEquals(1, run(Map.of(), "", "--base-url", mock.baseUrl(), "--api-key", KEY, "--max-retries", "0"));
    assertTrue(err().contains("HTTP 503"), err());
    mock.faults().next(1, Fault.stall());
    long start = System.nanoTime();
    assertEquals(1, run(Map.of(), "", "--base-url", mock.baseUrl(), "--api-key", KEY, "--max-retries", "0",
        "--timeout-ms", "500"));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < 5_000, "the 500 ms deadline held: " + ms);
    assertTrue(err().contains("no answer from"), err());
  }
}
