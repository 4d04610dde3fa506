package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.realtimesecrets.gateway.TestIdp.Key;
import io.realtimesecrets.gateway.impl.SecretSource;
import io.realtimesecrets.gateway.impl.TokenGatewayImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What browsers really do against the gateway, in a real headless Chromium: a front-end page served from
 * one origin ({@code http://127.0.0.1:PAGE}) fetches {@code /token} from the gateway on another
 * ({@code http://127.0.0.1:GATEWAY}) with a user's JWT, so every call is a CORS call with a preflight.
 * Requires {@code /usr/bin/chromium}: skipped without it only outside CI; with {@code CI=true} a missing
 * browser fails the suite. A failing test leaves a screenshot in {@code target/browser-screenshots/}.
 */
class GatewayBrowserTest {

  private static final Key KEY = TestIdp.rsa("browser-1", "RS256");
  private static final String REBIND_HOST = "rebind.test";
  /** How long Chromium caches a preflight answer that has no Access-Control-Max-Age. */
  private static final Duration PREFLIGHT_DEFAULT_CACHE = Duration.ofSeconds(5);

  private static Vertx vertx;
  private static Chromium chromium;
  private static TokenGatewayImpl gateway;
  private static HttpServer pageServer;
  private static HttpServer gatewayServer;
  private static Path jwksDir;
  private static final Map<String, AtomicInteger> gatewayCalls = new ConcurrentHashMap<>();

  private Chromium.Tab tab;

  @RegisterExtension
  final AfterTestExecutionCallback screenshotOnFailure = context -> {
    if (context.getExecutionException().isPresent() && tab != null) {
      Path file = Path.of("target", "browser-screenshots", context.getRequiredTestMethod().getName() + ".png");
      tab.screenshot(file);
      System.err.println("screenshot of the failed browser test: " + file.toAbsolutePath());
    }
  };

  @BeforeAll
  static void startBrowserAndServers() throws Exception {
    if (!Files.isExecutable(Chromium.BINARY)) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(Chromium.BINARY + " is missing: CI must install Debian's chromium (see .ci/run)");
      }
      Assumptions.assumeTrue(false, Chromium.BINARY + " is not installed (apt-get install chromium); skipped outside CI");
    }
    vertx = Vertx.vertx();
    Router pages = Router.router(vertx);
    pages.get("/app").handler(ctx -> ctx.response().putHeader("content-type", "text/html")
        .end("<!doctype html><title>front-end</title><p>a front-end on its own origin</p>"));
    pageServer = await(vertx.createHttpServer().requestHandler(pages).listen(0, "127.0.0.1"));

    jwksDir = Files.createTempDirectory("browser-jwks");
    Path jwks = jwksDir.resolve("jwks.json");
    Files.writeString(jwks, TestIdp.jwks(KEY));
    // a mounted router checks Host (against DNS rebinding) once a name is listed
    GatewayOptions options = new GatewayOptions().addAllowedHost("127.0.0.1")
        .setJwt(new JwtOptions().setJwks(jwks.toString()).setIssuer(TestIdp.ISSUER).addAudience(TestIdp.AUDIENCE))
        .addCorsOrigin("http://127.0.0.1:" + pageServer.actualPort())
        .setDemo(true);
    Map<String, SecretSource> sources = Map.of("default", new FakeSecretSource());
    gateway = new TokenGatewayImpl(vertx, options, sources, null, System::nanoTime);
    await(gateway.start());
    Router router = gateway.router();
    gatewayServer = await(vertx.createHttpServer().requestHandler(req -> {
      gatewayCalls.computeIfAbsent(req.method() + " " + req.path(), k -> new AtomicInteger()).incrementAndGet();
      router.handle(req);
    }).listen(0, "127.0.0.1"));

    chromium = Chromium.launch("--host-resolver-rules=MAP " + REBIND_HOST + " 127.0.0.1");
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (gateway != null) {
      await(gateway.close());
    }
    if (vertx != null) {
      await(vertx.close());
    }
    if (jwksDir != null) {
      Files.deleteIfExists(jwksDir.resolve("jwks.json"));
      Files.deleteIfExists(jwksDir);
    }
  }

  @BeforeEach
  void openTab() throws Exception {
    tab = chromium.newTab();
  }

  @AfterEach
  void closeTab() throws Exception {
    tab.close();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String pageUrl(String host) {
    return "http://" + host + ":" + pageServer.actualPort() + "/app";
  }

  private static String gatewayUrl() {
    return "http://127.0.0.1:" + gatewayServer.actualPort();
  }

  private static String jwt(String sub, long expiresInSeconds) {
    long now = System.currentTimeMillis() / 1000;
    return TestIdp.sign(KEY, TestIdp.claims(sub, now).put("exp", now + expiresInSeconds));
  }

  private static int calls(String methodAndPath) {
    AtomicInteger n = gatewayCalls.get(methodAndPath);
    return n == null ? 0 : n.get();
  }

  /** What the page sees of {@code fetch(url, POST, Bearer jwt)}: status, body, WWW-Authenticate, or the error. */
  private JsonObject fetchFromPage(String url, String jwt) throws Exception {
    return (JsonObject) toJson(tab.evaluate("(async () => {"
        + " try {"
        + "  const r = await fetch('" + url + "', {method: 'POST', headers: {Authorization: 'Bearer " + jwt + "'}});"
        + "  return {status: r.status, body: await r.text(), www: r.headers.get('WWW-Authenticate')};"
        + " } catch (e) { return {error: e.name + ': ' + e.message}; }"
        + "})()"));
  }

  private static Object toJson(Object value) {
    return value instanceof Map ? new JsonObject((Map<String, Object>) value) : value;
  }

  @Test
  void aPageOnAnAllowedOriginWithAValidJwtReceivesTheSecret() throws Exception {
    tab.navigate(pageUrl("127.0.0.1"));
    JsonObject seen = fetchFromPage(gatewayUrl() + "/token", jwt("alice", 600));
    assertEquals(200, seen.getInteger("status"), seen.encode());
    JsonObject secret = new JsonObject(seen.getString("body"));
    assertTrue(secret.getString("value").startsWith("ek_"), seen.encode());
  }

  @Test
  void aPageOnAnOriginNotAllowedSeesAFailedFetchAndTheGatewayNeverMints() throws Exception {
    // localhost:PAGE is another origin than the allowed 127.0.0.1:PAGE
    tab.navigate(pageUrl("localhost"));
    int postsBefore = calls("POST /token");
    JsonObject seen = fetchFromPage(gatewayUrl() + "/token", jwt("alice", 600));
    assertTrue(seen.getString("error", "").startsWith("TypeError"), seen.encode());
    assertFalse(seen.containsKey("body"), seen.encode());
    assertEquals(postsBefore, calls("POST /token"), "the refused preflight kept the browser from sending the call");
  }

  @Test
  void anExpiredJwtShowsThePageA401WithItsJsonErrorAndTheReason() throws Exception {
    tab.navigate(pageUrl("127.0.0.1"));
    JsonObject seen = fetchFromPage(gatewayUrl() + "/token", jwt("alice", -3600));
    assertEquals(401, seen.getInteger("status"), seen.encode());
    JsonObject error = new JsonObject(seen.getString("body")).getJsonObject("error");
    assertEquals("invalid_token", error.getString("type"));
    assertEquals("token expired", error.getString("message"));
    assertTrue(seen.getString("www").contains("error=\"invalid_token\""), seen.encode());
  }

  @Test
  void thePreflightIsAnsweredOnceAndCachedForItsMaxAge() throws Exception {
    // a path no other test calls, so the browser's preflight cache starts empty for it
    String url = gatewayUrl() + "/token/default";
    tab.navigate(pageUrl("127.0.0.1"));
    assertEquals(200, fetchFromPage(url, jwt("alice", 600)).getInteger("status"));
    assertEquals(200, fetchFromPage(url, jwt("alice", 600)).getInteger("status"));
    // Chromium keeps a preflight without max-age for 5 s: only the gateway's max-age covers a call later
    Thread.sleep(PREFLIGHT_DEFAULT_CACHE.toMillis() + 1000);
    assertEquals(200, fetchFromPage(url, jwt("alice", 600)).getInteger("status"));
    assertEquals(1, calls("OPTIONS /token/default"), "one preflight for three calls (max-age "
        + io.realtimesecrets.gateway.impl.CorsPolicyHandler.MAX_AGE_SECONDS + " s)");
    assertEquals(3, calls("POST /token/default"));
  }

  @Test
  void aDnsRebindingPageUnderAForeignHostGetsNoSecret() throws Exception {
    // the attacker's name now resolves to the gateway's address: to the browser, its page and /token are
    // one origin, so CORS does not apply; only the gateway's Host check stands in the way
    String foreign = "http://" + REBIND_HOST + ":" + gatewayServer.actualPort();
    tab.navigate(foreign + "/demo");
    JsonObject seen = fetchFromPage(foreign + "/token", jwt("alice", 600));
    assertNotEquals(200, seen.getInteger("status", 0), seen.encode());
    assertFalse(seen.encode().contains("ek_"), seen.encode());
  }

  @Test
  void theDemoPageGetsATokenShowsItsSessionAndCountsDownItsLife() throws Exception {
    tab.navigate(gatewayUrl() + "/demo");
    assertTrue(((String) tab.evaluate("document.getElementById('webrtc-code').textContent"))
        .contains("new RTCPeerConnection()"));
    tab.evaluate("document.getElementById('jwt').value = '" + jwt("alice", 600) + "';"
        + " document.getElementById('get-token').click(); true");
    tab.waitFor("document.getElementById('status').dataset.state === 'ok'", Duration.ofSeconds(30));
    assertTrue(((String) tab.evaluate("document.getElementById('secret').textContent")).startsWith("ek_"));
    assertEquals("gpt-realtime", tab.evaluate("document.getElementById('model').textContent"));
    assertEquals("realtime", tab.evaluate("document.getElementById('session-type').textContent"));
    int first = Integer.parseInt((String) tab.evaluate("document.getElementById('countdown').dataset.seconds"));
    assertTrue(first > 500 && first <= 600, "remaining life " + first);
    // the countdown is live: it moves on within a few seconds
    tab.waitFor("Number(document.getElementById('countdown').dataset.seconds) < " + first, Duration.ofSeconds(30));
    if (Boolean.getBoolean("browser.screenshots")) {
      tab.screenshot(Path.of("target", "browser-screenshots", "demo.png"));
    }
  }

  @Test
  void theDemoPageShowsWhyATokenWasRefused() throws Exception {
    tab.navigate(gatewayUrl() + "/demo");
    tab.evaluate("document.getElementById('jwt').value = '" + jwt("alice", -3600) + "';"
        + " document.getElementById('get-token').click(); true");
    tab.waitFor("document.getElementById('status').dataset.state === 'error'", Duration.ofSeconds(30));
    assertEquals("error 401: token expired", tab.evaluate("document.getElementById('status').textContent"));
  }
}
