package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --otlp-endpoint} exports real OTLP (http/protobuf): a child JVM started through {@link Main}
 * serves a {@code /token} call that carries a {@code traceparent}; a Vert.x HTTP server on 127.0.0.1 stands in
 * for the collector and receives {@code POST /v1/traces} with that trace's id and the call's span.
 */
class ServeOtlpExportTest {

  private static final String TRACE_ID = "5af7183fb1d4cf5f2a9b0e1c3d4e5f60";

  @Test
  void serveExportsTheSpansOfATokenCallToTheCollector() throws Exception {
    Vertx vertx = Vertx.vertx();
    List<String> contentTypes = new CopyOnWriteArrayList<>();
    List<Buffer> bodies = new CopyOnWriteArrayList<>();
    HttpServer collector = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      if (req.path().equals("/v1/traces")) {
        contentTypes.add(req.getHeader("content-type"));
        bodies.add(body);
      }
      req.response().putHeader("content-type", "application/x-protobuf").end();
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    try (ChildServe serve = ChildServe.start(List.of("-Dotel.bsp.schedule.delay=100"), List.of("--port", "0",
        "--instances", "1", "--otlp-endpoint", "http://127.0.0.1:" + collector.actualPort()))) {
      int p = serve.port();
      HttpResponse<String> token = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/token")).timeout(Duration.ofSeconds(30))
              .header("traceparent", "00-" + TRACE_ID + "-1a2b3c4d5e6f7081-01").build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, token.statusCode(), token.body());
      serve.sigterm(); // the SDK flushes what it still holds
      assertTrue(serve.awaitExit(), "serve exits");

      String log = String.join("\n", serve.lines());
      assertTrue(log.contains("exporting traces as OTLP to http://127.0.0.1:" + collector.actualPort()), log);
      assertTrue(!bodies.isEmpty(), "the collector received an export: " + log);
      assertTrue(contentTypes.stream().allMatch(t -> t.startsWith("application/x-protobuf")), contentTypes.toString());
      byte[] traceId = HexFormat.of().parseHex(TRACE_ID);
      assertTrue(bodies.stream().anyMatch(b -> contains(b.getBytes(), traceId)
          && contains(b.getBytes(), "GET /token".getBytes(StandardCharsets.UTF_8))),
          "the /token span, in the caller's trace, was exported");
      assertTrue(bodies.stream().anyMatch(b -> contains(b.getBytes(), "realtime-secrets".getBytes(StandardCharsets.UTF_8))),
          "with the service name");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
