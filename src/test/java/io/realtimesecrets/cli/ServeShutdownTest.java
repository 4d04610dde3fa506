package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as an operator runs it: a child JVM started through {@link Main}, stopped with SIGTERM
 * ({@link ProcessHandle#destroy()} on Linux and macOS). The call in flight when the signal arrives is answered,
 * a new call during the drain is refused with 503 and {@code Connection: close}, and the access-log line
 * of the drained call reaches stderr.
 */
class ServeShutdownTest {


  @TempDir
  Path dir;

  @Test
  void sigtermDrainsTheCallInFlightRefusesNewOnesAndKeepsTheirAccessLog() throws Exception {
    Path config = dir.resolve("gateway.json");
    // a per-user profile mints on demand, so its call stays in flight for the mock's whole latency
    Files.writeString(config, "{\"profiles\":{\"default\":{},\"user\":{\"perUser\":true}}}");
    try (ChildServe serve = ChildServe.start(List.of(), List.of("--port", "0", "--instances", "1",
        "--config", config.toString(), "--identity-header", "X-User", "--mock-latency-ms", "6000"))) {
      int p = serve.port();
      HttpClient http = HttpClient.newHttpClient();
      CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/token/user"))
              .header("X-User", "alice").timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      Thread.sleep(2000); // the call is waiting on the mock's 6 s latency
      serve.sigterm();
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
      assertTrue(serve.awaitExit(), "serve exits after the drain");
      String log = String.join("\n", serve.lines());

      assertEquals(200, drained.statusCode(), log);
      assertTrue(drained.body().contains("\"value\":\"ek_"), drained.body());
      assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
      assertTrue(refused.toLowerCase().contains("connection: close"), refused);
      assertTrue(log.contains("serve: stopped"), log);
      int shutdown = log.indexOf("serve: shutting down");
      assertTrue(shutdown >= 0, log);
      assertTrue(log.indexOf("profile=user status=200", shutdown) > shutdown,
          "the drained call's access-log line is written: " + log);
    }
  }
}
