package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.LogCapture;
import io.realtimesecrets.gateway.TestIdp.Key;
import io.realtimesecrets.gateway.impl.JwksSource;
import io.realtimesecrets.gateway.impl.JwtVerifier;
import io.realtimesecrets.gateway.impl.SafetyIdentifier;
import io.realtimesecrets.gateway.impl.SecretSource;
import io.realtimesecrets.gateway.impl.TokenGatewayImpl;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The /token routes with JWT verification: refusals as RFC 6750 401s, identity, quotas, readiness. */
@ExtendWith(VertxExtension.class)
class JwtGatewayTest {

  private static final String HOST = "127.0.0.1";
  private static final Key KEY = TestIdp.ec("gw-1", "ES256");

  private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
  private TokenGatewayImpl gateway;
  private WebClient web;
  private int port;
  private JwtVerifierTest.SwappableJwks idp;

  private void start(Vertx vertx, GatewayOptions options, Map<String, SecretSource> sources, boolean awaitKeys)
      throws Exception {
    idp = idp != null ? idp : new JwtVerifierTest.SwappableJwks(TestIdp.jwks(KEY));
    JwtVerifier verifier = new JwtVerifier(vertx, options.getJwt(), idp, clock::get);
    gateway = new TokenGatewayImpl(vertx, options, sources, null, System::nanoTime, verifier);
    Future<Void> started = gateway.start();
    if (awaitKeys) {
      await(started);
    }
    web = WebClient.create(vertx);
    port = await(vertx.createHttpServer().requestHandler(gateway.router()).listen(0, HOST)).actualPort();
  }

  private void start(Vertx vertx, GatewayOptions options, SecretSource source) throws Exception {
    Map<String, SecretSource> sources = new LinkedHashMap<>();
    sources.put("default", source);
    start(vertx, options, sources, true);
  }

  @AfterEach
  void close() throws Exception {
    if (gateway != null) {
      await(gateway.close());
    }
  }

  private static GatewayOptions options() {
    return new GatewayOptions().setJwt(new JwtOptions().setJwks("https://idp.test/jwks")
        .setIssuer(TestIdp.ISSUER).addAudience(TestIdp.AUDIENCE));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> call(String path, String authorization, String... headers) throws Exception {
    var req = web.request(HttpMethod.GET, port, HOST, path);
    if (authorization != null) {
      req.putHeader("Authorization", authorization);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    return await(req.send());
  }

  private String token(String sub) {
    return "Bearer " + TestIdp.sign(KEY, TestIdp.claims(sub, clock.get() / 1000));
  }

  @Test
  void servesACallerWithAValidTokenAndRefusesOthersWithRfc6750Answers(Vertx vertx) throws Exception {
    start(vertx, options(), new FakeSecretSource());
    assertEquals(200, call("/token", token("alice")).statusCode());

    HttpResponse<Buffer> none = call("/token", null);
    assertEquals(401, none.statusCode());
    assertEquals("Bearer realm=\"realtime-secrets\"", none.getHeader("www-authenticate"));
    assertEquals("unauthorized", none.bodyAsJsonObject().getJsonObject("error").getString("type"));

    String expiredJwt = TestIdp.sign(KEY, TestIdp.claims("alice", clock.get() / 1000 - 4000));
    HttpResponse<Buffer> expired = call("/token", "Bearer " + expiredJwt);
    assertEquals(401, expired.statusCode());
    assertEquals("Bearer realm=\"realtime-secrets\", error=\"invalid_token\", error_description=\"token expired\"",
        expired.getHeader("www-authenticate"));
    assertEquals("application/json", expired.getHeader("content-type"));
    JsonObject error = expired.bodyAsJsonObject().getJsonObject("error");
    assertEquals("invalid_token", error.getString("type"));
    assertEquals("token expired", error.getString("message"));
    // nothing of the token, its key id or its claims comes back
    String body = expired.bodyAsString() + expired.headers().toString();
    for (String part : expiredJwt.split("\\.")) {
      assertFalse(body.contains(part));
    }
    assertFalse(body.contains(KEY.kid) || body.contains("alice"), body);
  }

  @Test
  void refusesAWrongAudienceTokenEvenFromAnAllowedOriginWhoseFrontEndCanReadWhy(Vertx vertx) throws Exception {
    GatewayOptions options = options().addCorsOrigin("https://app.test");
    start(vertx, options, new FakeSecretSource());
    HttpResponse<Buffer> r = call("/token", "Bearer " + TestIdp.sign(KEY,
        TestIdp.claims("alice", clock.get() / 1000).put("aud", "another-api")), "Origin", "https://app.test");
    assertEquals(401, r.statusCode());
    assertEquals("https://app.test", r.getHeader("access-control-allow-origin"));
    assertTrue(r.getHeader("access-control-expose-headers").contains("WWW-Authenticate"));
    assertEquals("wrong audience", r.bodyAsJsonObject().getJsonObject("error").getString("message"));
  }

  @Test
  void mintsPerUserProfilesWithTheHashOfTheTokensUserClaim(Vertx vertx) throws Exception {
    GatewayOptions options = options();
    options.getJwt().setUserClaim("email");
    FakeSecretSource perUser = new FakeSecretSource(true);
    start(vertx, options, perUser);
    String jwt = TestIdp.sign(KEY, TestIdp.claims("id-123", clock.get() / 1000).put("email", "alice@example.com"));
    assertEquals(200, call("/token", "Bearer " + jwt).statusCode());
    // a forged identity header is ignored when the token names the caller
    assertEquals(200, call("/token", "Bearer " + jwt, "X-User", "mallory").statusCode());
    assertEquals(List.of(SafetyIdentifier.of("alice@example.com"), SafetyIdentifier.of("alice@example.com")),
        perUser.identifiers);
  }

  @Test
  void limitsEachUserToTheirQuotaPerMinuteWhateverTheirAddress(Vertx vertx) throws Exception {
    start(vertx, options().setUserRateLimit(3), new FakeSecretSource());
    for (int i = 0; i < 3; i++) {
      assertEquals(200, call("/token", token("alice")).statusCode());
    }
    HttpResponse<Buffer> limited = call("/token", token("alice"));
    assertEquals(429, limited.statusCode());
    assertEquals("20", limited.getHeader("retry-after"), "one call per 20 s refills at 3 per minute");
    assertEquals("rate_limited", limited.bodyAsJsonObject().getJsonObject("error").getString("type"));
    assertEquals(200, call("/token", token("bob")).statusCode());
  }

  @Test
  void acceptsTheSharedAuthTokenAlongsideJwts(Vertx vertx) throws Exception {
    start(vertx, options().setAuthToken("server-to-server-token"), new FakeSecretSource());
    assertEquals(200, call("/token", "Bearer server-to-server-token").statusCode());
    assertEquals(200, call("/token", token("alice")).statusCode());
    assertEquals(401, call("/token", "Bearer not-the-token").statusCode());
  }

  @Test
  void answers503AndIsNotReadyUntilTheFirstKeysArrive(Vertx vertx) throws Exception {
    idp = new JwtVerifierTest.SwappableJwks(TestIdp.jwks(KEY));
    idp.failing = true;
    Map<String, SecretSource> sources = new LinkedHashMap<>();
    sources.put("default", new FakeSecretSource());
    start(vertx, options(), sources, false);
    assertEquals(503, call("/health/ready", null).statusCode());
    HttpResponse<Buffer> r = call("/token", token("alice"));
    assertEquals(503, r.statusCode());
    assertEquals("30", r.getHeader("retry-after"), "the next fetch is allowed 30 s after the failed one");
    clock.addAndGet(20_000);
    assertEquals("10", call("/token", token("alice")).getHeader("retry-after"));
    idp.failing = false;
    clock.addAndGet(10_000);
    assertEquals(200, call("/token", token("alice")).statusCode());
    assertEquals(200, call("/health/ready", null).statusCode());
  }

  @Test
  void keepsAPostBodyWhileTheKeysAreBeingFetched(Vertx vertx) throws Exception {
    start(vertx, options().setMaxBodyBytes(64), new FakeSecretSource());
    Key rotated = TestIdp.rsa("gw-2", "RS256");
    clock.addAndGet(JwtOptions.DEFAULT_JWKS_MIN_REFRESH_INTERVAL.toMillis());
    Promise<JwksSource.Fetched> held = Promise.promise();
    idp.hold = held;
    String jwt = TestIdp.sign(rotated, TestIdp.claims("alice", clock.get() / 1000));
    Future<HttpResponse<Buffer>> small = web.request(HttpMethod.POST, port, HOST, "/token")
        .putHeader("Authorization", "Bearer " + jwt).sendBuffer(Buffer.buffer("{\"hello\":1}"));
    Future<HttpResponse<Buffer>> large = web.request(HttpMethod.POST, port, HOST, "/token")
        .putHeader("Authorization", "Bearer " + jwt).sendBuffer(Buffer.buffer(new byte[4096]));
    vertx.setTimer(200, id -> held.complete(new JwksSource.Fetched(TestIdp.jwks(KEY, rotated), null)));
    assertEquals(200, await(small).statusCode());
    assertEquals(413, await(large).statusCode(), "the body cap still applies to a body held during the fetch");
  }

  @Test
  void theDocumentedEmbeddedJwtSetupServesAUserOfTheIdpAndRefusesAStranger(Vertx vertx,
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path jwksFile = java.nio.file.Files.writeString(dir.resolve("jwks.json"), TestIdp.jwks(KEY));
    String jwksSource = jwksFile.toString();   // in production: "https://login.example.com/.well-known/jwks.json"
    io.realtimesecrets.mock.MockUpstream mock = io.realtimesecrets.mock.MockUpstream.create(vertx);
    await(mock.start());
    io.realtimesecrets.client.RealtimeSecretsClient client = io.realtimesecrets.client.RealtimeSecretsClient.create(
        vertx, new io.realtimesecrets.client.RealtimeSecretsClientOptions().setApiKey("sk-test")
            .setBaseUrl(mock.baseUrl()));
    // snippet:gateway-jwt
    GatewayOptions options = new GatewayOptions()
        .setJwt(new JwtOptions()
            .setJwks(jwksSource)                     // a JWKS file, or the IdP's https JWKS URL
            .setIssuer("https://idp.test/")          // the token's iss, exactly
            .addAudience("realtime-gateway"))        // the token's aud must hold one of these
        .addCorsOrigin("https://app.example.com")    // the front-end's origin
        .setUserRateLimit(10);                       // secrets per minute per user (the token's sub)
    TokenGateway gateway = TokenGateway.create(vertx, client, options);
    // end:gateway-jwt
    this.gateway = (TokenGatewayImpl) gateway;
    await(gateway.start());
    web = WebClient.create(vertx);
    port = await(vertx.createHttpServer().requestHandler(gateway.router()).listen(0, HOST)).actualPort();
    assertEquals(401, call("/token", "Bearer " + TestIdp.sign(TestIdp.ec("stranger", "ES256"),
        TestIdp.claims("mallory", clock.get() / 1000))).statusCode());
    HttpResponse<Buffer> user = call("/token", token("alice"));
    assertEquals(200, user.statusCode(), user.bodyAsString());
    assertTrue(user.bodyAsJsonObject().getString("value").startsWith("ek_"));
    await(gateway.close());
    this.gateway = null;
    await(client.close());
    await(mock.close());
  }

  @Test
  void aRouterProtectedByJwtAloneLogsNoUnprotectedWarning(Vertx vertx) throws Exception {
    try (LogCapture log = LogCapture.of(TokenGatewayImpl.class.getName()).start()) {
      start(vertx, options(), new FakeSecretSource());
      gateway.router();
      assertFalse(log.messages().stream().anyMatch(w -> w.contains("neither")), log.toString());
    }
  }
}
