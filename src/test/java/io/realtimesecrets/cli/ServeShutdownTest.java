package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as an operator runs it: a child JVM started through {@link Main}, stopped with SIGTERM
 * ({@link ProcessHandle#destroy()} on Linux and macOS). The call in flight when the signal arrives is answered,
 * a new call during the drain is refused with 503 and {@code Connection: close}, and the access-log line
 * of the drained call reaches stderr.
 */
class ServeShutdownTest {

  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path dir;

  @Test
  void sigtermDrainsTheCallInFlightRefusesNewOnesAndKeepsTheirAccessLog() throws Exception {
    Path config = dir.resolve("gateway.json");
    // a per-user profile mints on demand, so its call stays in flight for the mock's whole latency
    Files.writeString(config, "{\"profiles\":{\"default\":{},\"user\":{\"perUser\":true}}}");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "serve", "--port", "0", "--instances", "1", "--config", config.toString(),
        "--identity-header", "X-User", "--mock-latency-ms", "6000");
    pb.environment().remove("OPENAI_API_KEY");
    pb.environment().remove("OPENAI_BASE_URL");
    pb.environment().remove("GATEWAY_AUTH_TOKEN");
    pb.redirectErrorStream(true);
    Process serve = pb.start();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (Exception e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new AssertionError("serve ended before listening: " + lines));
    });
    reader.start();
    try {
      int p = port.get(60, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newHttpClient();
      CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/token/user"))
              .header("X-User", "alice").timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      Thread.sleep(2000); // the call is waiting on the mock's 6 s latency
      // SIGTERM; through the handle because Process.destroy() also closes our end of the child's output
      serve.toHandle().destroy();
      Thread.sleep(500);
      String refused;
      try (Socket s = new Socket("127.0.0.1", p)) {
        s.setSoTimeout(20_000);
        OutputStream out = s.getOutputStream();
        out.write("GET /token HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        refused = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      }
      HttpResponse<String> drained = inFlight.get(60, TimeUnit.SECONDS);
      assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve exits after the drain");
      reader.join(10_000);
      String log = String.join("\n", lines);

      assertEquals(200, drained.statusCode(), log);
      assertTrue(drained.body().contains("\"value\":\"ek_"), drained.body());
      assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
      assertTrue(refused.toLowerCase().contains("connection: close"), refused);
      assertTrue(log.contains("serve: stopped"), log);
      int shutdown = log.indexOf("serve: shutting down");
      assertTrue(shutdown >= 0, log);
      assertTrue(log.indexOf("profile=user status=200", shutdown) > shutdown,
          "the drained call's access-log line is written: " + log);
    } finally {
      serve.destroyForcibly();
    }
  }
}
