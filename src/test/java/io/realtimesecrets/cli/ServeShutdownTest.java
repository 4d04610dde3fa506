package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.Vertx;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as an operator runs it: a child JVM started through {@link Main}, stopped with SIGTERM
 * ({@link ProcessHandle#destroy()} on Linux and macOS). The call in flight when the signal arrives is answered,
 * a new call during the drain is refused with 503 and {@code Connection: close}, and the access-log line
 * of the drained call reaches stderr.
 */
class ServeShutdownTest {

  private static final String KEY = "sk-proj-SHUTDOWN0123456789abcdefghijklmnopq";

  @TempDir
  Path dir;

  private Vertx vertx;
  private MockUpstream mock;

  @BeforeEach
  void startMock() throws Exception {
    // the mock runs here, not inside the child, so the test sees when the child's call reaches it
    vertx = Vertx.vertx();
    mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY).setLatency(Duration.ofSeconds(6)));
    mock.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopMock() throws Exception {
    mock.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void sigtermDrainsTheCallInFlightRefusesNewOnesAndKeepsTheirAccessLog() throws Exception {
    Path config = dir.resolve("gateway.json");
    // the only profile mints per user, on demand: no pool mints in the background, so the one request the
    // mock receives is the caller's, and it stays in flight for the mock's whole latency
    Files.writeString(config, "{\"profiles\":{\"user\":{\"perUser\":true}}}");
    try (ChildServe serve = ChildServe.start(List.of(), List.of("--port", "0", "--instances", "1",
        "--config", config.toString(), "--identity-header", "X-User",
        "--base-url", mock.baseUrl(), "--api-key", KEY))) {
      int p = serve.port();
      HttpClient http = HttpClient.newHttpClient();
      CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/token/user"))
              .header("X-User", "alice").timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      awaitCondition("the call reached the mock", () -> mock.stats().requests() >= 1);
      serve.sigterm();
      // draining: readiness turns 503 when the gateway starts refusing new calls
      awaitCondition("the gateway drains", () -> http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/health/ready"))
              .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 503);
      String refused;
      try (Socket s = new Socket("127.0.0.1", p)) {
        s.setSoTimeout(20_000);
        OutputStream out = s.getOutputStream();
        out.write("GET /token/user HTTP/1.1\r\nHost: 127.0.0.1\r\nX-User: bob\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        refused = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      }
      HttpResponse<String> drained = inFlight.get(60, TimeUnit.SECONDS);
      assertTrue(serve.awaitExit(), "serve exits after the drain");
      String log = String.join("\n", serve.lines());

      assertEquals(200, drained.statusCode(), log);
      assertTrue(drained.body().contains("\"value\":\"ek_"), drained.body());
      assertTrue(mock.wasMinted(new io.vertx.core.json.JsonObject(drained.body()).getString("value")));
      assertEquals(1, mock.stats().requests(), "the refused call sent nothing upstream");
      assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
      assertTrue(refused.toLowerCase().contains("connection: close"), refused);
      assertTrue(log.contains("serve: stopped"), log);
      int shutdown = log.indexOf("serve: shutting down");
      assertTrue(shutdown >= 0, log);
      assertTrue(log.indexOf("profile=user status=200", shutdown) > shutdown,
          "the drained call's access-log line is written: " + log);
    }
  }

  /** Polls until the condition holds; the 60 s bound is a safety net for a stuck child, not a timing. */
  private static void awaitCondition(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still waiting after 60 s: " + what);
      }
      Thread.sleep(20);
    }
  }
}
