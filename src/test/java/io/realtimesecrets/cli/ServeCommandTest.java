package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The serve command: flags, refusals before anything starts, and a full start/serve/stop on the mock. */
class ServeCommandTest {

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static ServeCommand parse(String... args) {
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd;
  }

  private HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int execute(StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "serve";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    return cl.execute(withCommand);
  }

  @Test
  void refusesANonLoopbackAddressWithoutAnAuthTokenBeforeStartingAnything() {
    StringWriter err = new StringWriter();
    int code = execute(err, "--host", "0.0.0.0", "--port", "0");
    assertEquals(2, code);
    assertTrue(err.toString().contains("--auth-token"), err.toString());
    assertTrue(err.toString().contains("--allow-anonymous"), err.toString());
  }

  @Test
  void theMintRateLimitFlagSetsTheSharedCeilingAndWinsOverTheConfigFile() throws IOException {
    Path file = dir.resolve("rate.json");
    Files.writeString(file, "{\"mintRateLimit\":5,\"profiles\":{\"voice\":{}}}");
    assertEquals(5, parse("--config", file.toString()).gatewayOptions(Map.of()).getMintRateLimit());
    assertEquals(20, parse("--config", file.toString(), "--mint-rate-limit", "20").gatewayOptions(Map.of())
        .getMintRateLimit());
    assertEquals(0, parse().gatewayOptions(Map.of()).getMintRateLimit(), "none by default");
  }

  @Test
  void namesTheFileTheProfileAndTheFieldOfABadConfig() throws IOException {
    Path file = dir.resolve("gateway.json");
    Files.writeString(file, "{\"profiles\":{\"voice\":{\"endpoint\":\"nope\"}}}");
    StringWriter err = new StringWriter();
    int code = execute(err, "--config", file.toString(), "--port", "0");
    assertEquals(2, code);
    String msg = err.toString();
    assertTrue(msg.contains(file.toString()) && msg.contains("'voice'") && msg.contains("'endpoint'"), msg);
  }

  @Test
  void servesTokensFromTheEmbeddedMockWithAuthAndStopsCleanly() throws Exception {
    ServeCommand cmd = parse("--port", "0", "--auth-token", "tok-serve-test", "--instances", "2",
        "--cors-origin", "https://app.example.com");
    ServeCommand.Running running = cmd.start(Map.of());
    String url = running.url;
    try {
      assertTrue(url.startsWith("http://127.0.0.1:"), url);
      assertNotEquals(0, running.port);
      assertEquals(200, get(url + "/health/live").statusCode());
      assertEquals(401, get(url + "/token").statusCode());
      HttpResponse<String> ok = get(url + "/token", "Authorization", "Bearer tok-serve-test");
      assertEquals(200, ok.statusCode());
      assertTrue(ok.body().contains("\"value\":\"ek_"), ok.body());
      assertEquals("no-store", ok.headers().firstValue("cache-control").orElse(null));
      assertEquals(404, get(url + "/token/nope", "Authorization", "Bearer tok-serve-test").statusCode());
    } finally {
      running.stop();
    }
    assertThrows(ConnectException.class, () -> get(url + "/health/live"), "no longer listening");
  }

  @Test
  void takesTheAuthTokenFromTheEnvironment() throws Exception {
    ServeCommand cmd = parse("--port", "0", "--instances", "1");
    ServeCommand.Running running = cmd.start(Map.of("GATEWAY_AUTH_TOKEN", "env-token"));
    try {
      String local = "http://127.0.0.1:" + running.port;
      assertEquals(401, get(local + "/token").statusCode());
      assertEquals(200, get(local + "/token", "Authorization", "Bearer env-token").statusCode());
    } finally {
      running.stop();
    }
  }
}
