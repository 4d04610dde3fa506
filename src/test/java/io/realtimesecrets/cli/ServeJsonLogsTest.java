package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s log output as an operator collects it: a child JVM started through {@link Main} against a
 * mock upstream that fails on demand, stopped with SIGTERM; its whole stderr is read. With
 * {@code --log-format json} every line is a JSON object with time, level, logger and message, and access lines
 * carry profile, status, latency_ms and request_id. In both formats no line holds the API key, the auth
 * token or a minted secret.
 */
class ServeJsonLogsTest {

  private static final String KEY = "sk-proj-JSONLOGS0123456789abcdefghijklmnopq";
  private static final String AUTH = "gw-auth-JSONLOGS-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private Vertx vertx;
  private MockUpstream mock;

  @BeforeEach
  void startMock() throws Exception {
    vertx = Vertx.vertx();
    mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
    mock.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopMock() throws Exception {
    mock.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void jsonLogsAreOneObjectPerLineWithTheAccessFieldsAndNoSecret() throws Exception {
    List<String> lines = serveWithFailures("--log-format", "json");
    Set<Integer> statuses = new HashSet<>();
    boolean sawOwnRequestId = false;
    boolean sawUpstreamWarning = false;
    for (String line : lines) {
      JsonNode json = JSON.readTree(line); // throws on any line that is not JSON
      assertTrue(json.isObject(), line);
      for (String field : List.of("time", "level", "logger", "message")) {
        assertTrue(json.hasNonNull(field), () -> field + " missing: " + line);
      }
      if (json.get("logger").asText().equals("io.realtimesecrets.gateway.access")) {
        assertTrue(json.get("profile").isTextual(), line);
        assertTrue(json.get("status").isInt(), line);
        assertTrue(json.get("latency_ms").isIntegralNumber(), line);
        assertTrue(json.get("request_id").asText().matches("[A-Za-z0-9._:-]{1,64}"), line);
        statuses.add(json.get("status").asInt());
        sawOwnRequestId |= json.get("request_id").asText().equals("proxy-req-42");
      }
      sawUpstreamWarning |= json.get("level").asText().equals("WARN")
          && json.get("message").asText().contains("upstream refused to mint");
    }
    assertTrue(statuses.containsAll(Set.of(200, 401, 404, 502)), "access lines of each outcome: " + statuses);
    assertTrue(sawOwnRequestId, "a proxy's X-Request-Id is the call's request id: " + lines);
    assertTrue(sawUpstreamWarning, "the upstream failure is logged: " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"message\":\"stopped\"")), "shutdown lines are JSON too");
    assertNoSecretIn(lines);
  }

  @Test
  void textLogsStayHumanReadableAndHoldNoSecret() throws Exception {
    List<String> lines = serveWithFailures();
    String all = String.join("\n", lines);
    assertTrue(all.contains("profile=default status=200 latencyMs="), all);
    assertTrue(all.contains("profile=user status=502"), all);
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("{")), all);
    assertNoSecretIn(lines);
  }

  private void assertNoSecretIn(List<String> lines) {
    assertTrue(mock.mintedSecrets().size() >= 3);
    for (String line : lines) {
      assertFalse(line.contains(KEY), () -> "API key leaked: " + line);
      assertFalse(line.contains(AUTH), () -> "auth token leaked: " + line);
      assertFalse(line.contains("ek_"), () -> "a secret leaked: " + line);
      for (String secret : mock.mintedSecrets()) {
        assertFalse(line.contains(secret), () -> "secret leaked: " + line);
      }
    }
  }

  /** Runs serve with the extra flags through pool hits, refusals, upstream failures and SIGTERM; its lines. */
  private List<String> serveWithFailures(String... extra) throws Exception {
    Path config = dir.resolve("gateway.json");
    Files.writeString(config, "{\"profiles\":{\"default\":{},\"user\":{\"perUser\":true}}}");
    List<String> args = new ArrayList<>(List.of("--port", "0", "--instances", "1", "--config", config.toString(),
        "--base-url", mock.baseUrl(), "--api-key", KEY, "--auth-token", AUTH, "--identity-header", "X-User"));
    args.addAll(List.of(extra));
    try (ChildServe serve = ChildServe.start(List.of(), args)) {
      String url = "http://127.0.0.1:" + serve.port();
      String auth = "Bearer " + AUTH;
      for (int i = 0; i < 3; i++) {
        assertEquals(200, get(url + "/token", "Authorization", auth, "X-Request-Id", "proxy-req-42").statusCode());
      }
      assertEquals(401, get(url + "/token", "Authorization", "Bearer " + KEY).statusCode());
      assertEquals(404, get(url + "/token/nope", "Authorization", auth).statusCode());
      assertEquals(200, get(url + "/token/user", "Authorization", auth, "X-User", "alice").statusCode());
      mock.faults().always(Fault.insufficientQuota());
      assertEquals(502, get(url + "/token/user", "Authorization", auth, "X-User", "alice").statusCode());
      mock.faults().clear();
      serve.sigterm();
      assertTrue(serve.awaitExit(), "serve exits after the drain");
      return serve.lines();
    }
  }

  private HttpResponse<String> get(String url, String... headers) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).headers(headers).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
