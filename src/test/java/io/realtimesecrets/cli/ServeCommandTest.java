package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.JwtOptions;
import io.realtimesecrets.gateway.TestIdp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.util.List;
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

  @Test
  void allowsANonLoopbackAddressWithJwtVerificationAndNoAuthToken() throws IOException {
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, TestIdp.jwks(TestIdp.ec("k1", "ES256")));
    GatewayOptions options = parse("--host", "0.0.0.0", "--jwt-jwks", jwks.toString(),
        "--jwt-issuer", TestIdp.ISSUER, "--jwt-audience", TestIdp.AUDIENCE).gatewayOptions(Map.of());
    options.validate();
    assertEquals(jwks.toString(), options.getJwt().getJwks());
    assertEquals(List.of(TestIdp.AUDIENCE), options.getJwt().getAudiences());
  }

  @Test
  void jwtFlagsOverrideTheConfigFilesJwtFieldByField() throws IOException {
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, TestIdp.jwks(TestIdp.ec("k1", "ES256")));
    Path file = dir.resolve("gateway.json");
    Files.writeString(file, new JsonObject().put("jwt", new JsonObject().put("jwks", jwks.toString())
        .put("issuer", "https://from-file/").put("audiences", new JsonArray().add("file-aud")).put("leeway", 5))
        .encode());
    GatewayOptions options = parse("--config", file.toString(), "--jwt-issuer", "https://from-flag/",
        "--jwt-user-claim", "email").gatewayOptions(Map.of());
    options.validate();
    JwtOptions jwt = options.getJwt();
    assertEquals("https://from-flag/", jwt.getIssuer());
    assertEquals(List.of("file-aud"), jwt.getAudiences());
    assertEquals(Duration.ofSeconds(5), jwt.getLeeway());
    assertEquals("email", jwt.getUserClaim());
  }

  @Test
  void refusesJwtFlagsWithoutAJwksAndAnUnreadableJwksFile() {
    StringWriter err = new StringWriter();
    assertEquals(2, execute(err, "--port", "0", "--jwt-issuer", "https://idp/"));
    assertTrue(err.toString().contains("--jwt-jwks"), err.toString());
    StringWriter err2 = new StringWriter();
    assertEquals(2, execute(err2, "--port", "0", "--jwt-jwks", dir.resolve("missing.json").toString()));
    assertTrue(err2.toString().contains("jwt.jwks"), err2.toString());
  }

  @Test
  void servesOnlyCallersWithAValidJwtLimitsEachUserAndServesTheDemoPage() throws Exception {
    TestIdp.Key key = TestIdp.ec("k1", "ES256");
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, TestIdp.jwks(key));
    ServeCommand cmd = parse("--port", "0", "--instances", "1", "--jwt-jwks", jwks.toString(),
        "--jwt-issuer", TestIdp.ISSUER, "--jwt-audience", TestIdp.AUDIENCE, "--user-rate-limit", "2", "--demo");
    ServeCommand.Running running = cmd.start(Map.of());
    try {
      String url = "http://127.0.0.1:" + running.port;
      long now = System.currentTimeMillis() / 1000;
      String alice = "Bearer " + TestIdp.sign(key, TestIdp.claims("alice", now));
      String bob = "Bearer " + TestIdp.sign(key, TestIdp.claims("bob", now));
      HttpResponse<String> missing = get(url + "/token");
      assertEquals(401, missing.statusCode());
      HttpResponse<String> expired = get(url + "/token", "Authorization",
          "Bearer " + TestIdp.sign(key, TestIdp.claims("alice", now - 4000)));
      assertEquals(401, expired.statusCode());
      assertTrue(expired.headers().firstValue("www-authenticate").orElse("").contains("error=\"invalid_token\""));
      assertEquals("token expired", new JsonObject(expired.body()).getJsonObject("error").getString("message"));
      assertEquals(200, get(url + "/token", "Authorization", alice).statusCode());
      assertEquals(200, get(url + "/token", "Authorization", alice).statusCode());
      HttpResponse<String> limited = get(url + "/token", "Authorization", alice);
      assertEquals(429, limited.statusCode());
      assertTrue(limited.headers().firstValue("retry-after").isPresent());
      assertEquals(200, get(url + "/token", "Authorization", bob).statusCode(), "another user has their own quota");
      HttpResponse<String> demo = get(url + "/demo");
      assertEquals(200, demo.statusCode());
      assertTrue(demo.body().contains("/demo/demo.js"), demo.body());
    } finally {
      running.stop();
    }
  }

  @Test
  void servesNoDemoPageUnlessAsked() throws Exception {
    ServeCommand.Running running = parse("--port", "0", "--instances", "1").start(Map.of());
    try {
      assertEquals(404, get("http://127.0.0.1:" + running.port + "/demo").statusCode());
    } finally {
      running.stop();
    }
  }
}
