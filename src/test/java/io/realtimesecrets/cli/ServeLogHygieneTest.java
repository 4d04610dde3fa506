package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.LogCapture;
import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Log hygiene of the gateway's and {@code serve}'s own log paths: start-up lines, the access log,
 * upstream-refusal warnings, refusals of bad credentials, Host names and bodies, and shutdown. Every record of
 * every logger at every level is captured; neither the API key, a wrong API key, the gateway's auth token, a
 * caller's identity nor any minted secret may appear in one.
 */
class ServeLogHygieneTest {

  private static final String KEY = "sk-proj-SERVEHYGIENE0123456789abcdefghijklmn";
  private static final String WRONG_KEY = "sk-proj-SERVEWRONG0123456789abcdefghijklmno";
  private static final String AUTH = "gw-auth-HYGIENE-0123456789";
  private static final String USER = "alice.hygiene@example.com";

  @TempDir
  Path dir;

  @RegisterExtension
  final LogCapture log = LogCapture.of("").atAllLevels();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private HttpResponse<String> call(String method, String url, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static ServeCommand.Running serve(Path config, String apiKey, String baseUrl) throws Exception {
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs("--port", "0", "--instances", "1", "--config", config.toString(),
        "--api-key", apiKey, "--base-url", baseUrl, "--auth-token", AUTH, "--identity-header", "X-User");
    return cmd.start(Map.of());
  }

  @Test
  void neitherKeysTokenIdentityNorSecretsReachTheGatewaysOrServesLogs() throws Exception {
    Path config = dir.resolve("gateway.json");
    Files.writeString(config, "{\"profiles\":{\"default\":{},\"user\":{\"perUser\":true}}}");
    Vertx vertx = Vertx.vertx();
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
    mock.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    List<String> served = new ArrayList<>();
    try {
      ServeCommand.Running good = serve(config, KEY, mock.baseUrl());
      String auth = "Bearer " + AUTH;
      try {
        String url = good.url;
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> ok = call("GET", url + "/token", null, "Authorization", auth);
          assertEquals(200, ok.statusCode(), ok.body());
          served.add(ok.body());
        }
        assertEquals(200, call("POST", url + "/token/user", "a=1&b=2", "Authorization", auth, "X-User", USER,
            "Content-Type", "application/x-www-form-urlencoded").statusCode());
        assertEquals(401, call("GET", url + "/token", null, "Authorization", "Bearer " + KEY).statusCode());
        assertEquals(401, call("GET", url + "/token", null, "Authorization", AUTH + "x").statusCode());
        assertEquals(404, call("GET", url + "/token/nope", null, "Authorization", auth).statusCode());
        assertEquals(413, call("POST", url + "/token", "x".repeat(5000), "Authorization", auth).statusCode());
        // every mint from here on (pool refills race the per-user call for a single fault)
        mock.faults().always(Fault.insufficientQuota());
        assertEquals(502, call("GET", url + "/token/user", null, "Authorization", auth, "X-User", USER)
            .statusCode());
      } finally {
        good.stop();
      }
      mock.faults().clear(); // the wrong key is refused by the mock's own key check (401)
      ServeCommand.Running wrong = serve(config, WRONG_KEY, mock.baseUrl());
      try {
        for (int i = 0; i < 2; i++) {
          int status = call("GET", wrong.url + "/token/user", null, "Authorization", auth, "X-User", USER)
              .statusCode();
          assertEquals(502, status, "a refused key is the upstream's refusal");
        }
      } finally {
        wrong.stop();
      }
    } finally {
      mock.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    List<String> lines = log.lines();
    String all = String.join("\n", lines);
    // the capture saw each path under test
    assertTrue(all.contains("listening on"), "serve's start-up: " + all);
    assertTrue(all.contains("profile=default status=200"), "the access log: " + all);
    assertTrue(all.contains("profile=default status=401"), "refused credentials: " + all);
    assertTrue(all.contains("upstream refused to mint"), "the upstream-refusal warning: " + all);
    assertTrue(mock.mintedSecrets().size() >= 4);
    for (String line : lines) {
      assertFalse(line.contains(KEY), () -> "API key leaked: " + line);
      assertFalse(line.contains(WRONG_KEY), () -> "wrong API key leaked: " + line);
      assertFalse(line.contains(AUTH), () -> "gateway auth token leaked: " + line);
      assertFalse(line.contains(USER), () -> "caller identity leaked: " + line);
      for (String secret : mock.mintedSecrets()) {
        assertFalse(line.contains(secret), () -> "secret leaked: " + line);
      }
    }
    for (String body : served) {
      assertTrue(body.contains("ek_"));
    }
  }
}
