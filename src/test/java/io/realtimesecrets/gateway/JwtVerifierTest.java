package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.gateway.TestIdp.Key;
import io.realtimesecrets.gateway.impl.JwksSource;
import io.realtimesecrets.gateway.impl.JwtRejection;
import io.realtimesecrets.gateway.impl.JwtVerifier;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * JWT verification against a stand-in IdP: algorithms, claims, refusals, and the JWKS cache (max-age,
 * unknown-kid refresh limit, rotation, file reload), all on an injected clock: nothing here waits.
 */
@ExtendWith(VertxExtension.class)
class JwtVerifierTest {

  private static final long T0 = 1_800_000_000_000L;
  private static final Key RS = TestIdp.rsa("rs-1", "RS256");

  private final AtomicLong clock = new AtomicLong(T0);

  /** A JWKS source whose document the test swaps, counting fetches. */
  static final class SwappableJwks implements JwksSource {
    final AtomicReference<String> json = new AtomicReference<>();
    final AtomicInteger fetches = new AtomicInteger();
    volatile Duration maxAge;
    volatile boolean failing;
    volatile Promise<Fetched> hold;

    SwappableJwks(String json) {
      this.json.set(json);
    }

    @Override
    public Future<Fetched> fetch() {
      fetches.incrementAndGet();
      if (failing) {
        return Future.failedFuture(new IllegalStateException("IdP down"));
      }
      Promise<Fetched> h = hold;
      if (h != null) {
        return h.future();
      }
      return Future.succeededFuture(new Fetched(json.get(), maxAge));
    }

    @Override
    public boolean isFile() {
      return false;
    }
  }

  private static JwtOptions options() {
    return new JwtOptions().setJwks("https://idp.test/jwks").setIssuer(TestIdp.ISSUER).addAudience(TestIdp.AUDIENCE);
  }

  private JwtVerifier started(Vertx vertx, JwtOptions options, JwksSource source) throws Exception {
    JwtVerifier v = new JwtVerifier(vertx, options, source, clock::get);
    await(v.start());
    return v;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** The reason a token is refused, or "accepted:<user>". */
  private static String outcome(JwtVerifier v, String token) throws Exception {
    Future<String> f = v.verify(token);
    try {
      return "accepted:" + await(f.recover(e -> Future.failedFuture(new RuntimeException(e))));
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause().getCause();
      return c instanceof JwtRejection ? c.getMessage() : "unexpected " + c;
    }
  }

  private long nowSeconds() {
    return clock.get() / 1000;
  }

  @Test
  void acceptsTokensSignedWithEveryDefaultAlgorithmAndNamesTheSubject(Vertx vertx) throws Exception {
    List<Key> keys = List.of(TestIdp.rsa("rs256", "RS256"), TestIdp.rsa("rs384", "RS384"),
        TestIdp.rsa("rs512", "RS512"), TestIdp.rsa("ps256", "PS256"), TestIdp.ec("es256", "ES256"),
        TestIdp.ec("es384", "ES384"), TestIdp.ed25519("ed"));
    JwtVerifier v = started(vertx, options(), new SwappableJwks(TestIdp.jwks(keys.toArray(new Key[0]))));
    for (Key k : keys) {
      assertEquals("accepted:user-" + k.alg, outcome(v, TestIdp.sign(k, TestIdp.claims("user-" + k.alg, nowSeconds()))),
          k.alg);
    }
  }

  @Test
  void acceptsKeysPublishedWithoutAlgByTheirTypeAndCurve(Vertx vertx) throws Exception {
    Key ps = TestIdp.rsa("no-alg-rsa", "PS256");
    Key es = TestIdp.ec("no-alg-ec", "ES384");
    String jwks = new JsonObject().put("keys", new JsonArray().add(ps.publicJwk(false)).add(es.publicJwk(false))).encode();
    JwtVerifier v = started(vertx, options(), new SwappableJwks(jwks));
    assertEquals("accepted:a", outcome(v, TestIdp.sign(ps, TestIdp.claims("a", nowSeconds()))));
    assertEquals("accepted:b", outcome(v, TestIdp.sign(es, TestIdp.claims("b", nowSeconds()))));
  }

  @Test
  void refusesAnExpiredTokenButToleratesSkewWithinTheLeeway(Vertx vertx) throws Exception {
    JwtVerifier v = started(vertx, options().setLeeway(Duration.ofSeconds(30)), new SwappableJwks(TestIdp.jwks(RS)));
    long now = nowSeconds();
    assertEquals("accepted:u", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", now - 700).put("exp", now - 29))));
    assertEquals("token expired", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", now - 700).put("exp", now - 30))));
    assertEquals("token has no expiry", outcome(v, TestIdp.sign(RS, removing(TestIdp.claims("u", now), "exp"))));
  }

  @Test
  void refusesTokensNotYetValidOrIssuedInTheFutureBeyondTheLeeway(Vertx vertx) throws Exception {
    JwtVerifier v = started(vertx, options().setLeeway(Duration.ofSeconds(10)), new SwappableJwks(TestIdp.jwks(RS)));
    long now = nowSeconds();
    assertEquals("accepted:u", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", now).put("nbf", now + 10).put("iat", now + 10))));
    assertEquals("token not yet valid", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", now).put("nbf", now + 11))));
    assertEquals("token issued in the future", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", now).put("iat", now + 11))));
  }

  @Test
  void refusesAWrongIssuerOrAudienceAndAcceptsAnyConfiguredAudience(Vertx vertx) throws Exception {
    JwtVerifier v = started(vertx, options().addAudience("second"), new SwappableJwks(TestIdp.jwks(RS)));
    long now = nowSeconds();
    assertEquals("wrong issuer", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", now).put("iss", "https://evil.test/"))));
    assertEquals("wrong audience", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", now).put("aud", "other-api"))));
    assertEquals("wrong audience", outcome(v, TestIdp.sign(RS, removing(TestIdp.claims("u", now), "aud"))));
    assertEquals("accepted:u", outcome(v, TestIdp.sign(RS,
        TestIdp.claims("u", now).put("aud", new JsonArray().add("other-api").add("second")))));
  }

  @Test
  void refusesATamperedPayloadOrASignatureFromAnotherKeyWithTheSameKid(Vertx vertx) throws Exception {
    JwtVerifier v = started(vertx, options(), new SwappableJwks(TestIdp.jwks(RS)));
    String token = TestIdp.sign(RS, TestIdp.claims("alice", nowSeconds()));
    String[] parts = token.split("\\.");
    String forged = parts[0] + "." + TestIdp.b64(TestIdp.claims("admin", nowSeconds()).encode()
        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertEquals("signature not verified", outcome(v, forged));
    Key impostor = TestIdp.rsa(RS.kid, "RS256");
    assertEquals("signature not verified", outcome(v, TestIdp.sign(impostor, TestIdp.claims("alice", nowSeconds()))));
  }

  @Test
  void refusesUnsignedTokensWhateverTheirShape(Vertx vertx) throws Exception {
    JwtVerifier v = started(vertx, options(), new SwappableJwks(TestIdp.jwks(RS)));
    JsonObject claims = TestIdp.claims("u", nowSeconds());
    String unsigned = TestIdp.unsigned(claims);
    assertEquals("unsigned tokens are not accepted", outcome(v, unsigned));
    assertEquals("unsigned tokens are not accepted", outcome(v, unsigned.substring(0, unsigned.length() - 1)));
    // alg none with a signature segment: still refused before any key is consulted
    assertEquals("signature algorithm not accepted", outcome(v, unsigned + "c2ln"));
    String noneUpper = TestIdp.b64(new JsonObject().put("alg", "NONE").encode().getBytes(StandardCharsets.UTF_8))
        + "." + unsigned.split("\\.")[1] + ".c2ln";
    assertEquals("signature algorithm not accepted", outcome(v, noneUpper));
  }

  @Test
  void refusesHmacTokensSignedWithThePublicKeyOrAPublishedSecret(Vertx vertx) throws Exception {
    byte[] published = "a-shared-secret-nobody-should-publish-ever".getBytes(StandardCharsets.UTF_8);
    JsonObject oct = new JsonObject().put("kty", "oct").put("kid", "hs").put("alg", "HS256").put("k", TestIdp.b64(published));
    String jwks = new JsonObject().put("keys", new JsonArray().add(RS.publicJwk(true)).add(oct)).encode();
    JwtVerifier v = started(vertx, options(), new SwappableJwks(jwks));
    JsonObject claims = TestIdp.claims("u", nowSeconds());
    // the classic key confusion: HS256 keyed with the RSA public key the JWKS publishes
    assertEquals("signature algorithm not accepted", outcome(v,
        TestIdp.signHs256(RS.publicKeyBytes(), new JsonObject().put("alg", "HS256").put("kid", RS.kid), claims)));
    assertEquals("signature algorithm not accepted", outcome(v,
        TestIdp.signHs256(published, new JsonObject().put("alg", "HS256").put("kid", "hs"), claims)));
  }

  @Test
  void acceptsHmacOnlyUnderAnExplicitlyConfiguredSecret(Vertx vertx) throws Exception {
    String secret = "an-explicit-shared-secret-of-32-bytes-or-more";
    JwtVerifier v = started(vertx, options().setHmacSecret(secret), new SwappableJwks(TestIdp.jwks(RS)));
    JsonObject claims = TestIdp.claims("svc", nowSeconds());
    JsonObject header = new JsonObject().put("alg", "HS256");
    assertEquals("accepted:svc", outcome(v, TestIdp.signHs256(secret.getBytes(StandardCharsets.UTF_8), header, claims)));
    assertEquals("signature not verified", outcome(v,
        TestIdp.signHs256("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8), header, claims)));
  }

  @Test
  void namesTheCallerByTheConfiguredClaimAndRefusesATokenWithoutIt(Vertx vertx) throws Exception {
    JwtVerifier v = started(vertx, options().setUserClaim("email"), new SwappableJwks(TestIdp.jwks(RS)));
    assertEquals("accepted:a@example.com", outcome(v, TestIdp.sign(RS,
        TestIdp.claims("u", nowSeconds()).put("email", "a@example.com"))));
    assertEquals("token names no user", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", nowSeconds()))));
  }

  @Test
  void refusesGarbageWithoutEchoingIt(Vertx vertx) throws Exception {
    JwtVerifier v = started(vertx, options(), new SwappableJwks(TestIdp.jwks(RS)));
    String huge = TestIdp.sign(RS, TestIdp.claims("u", nowSeconds()).put("pad", "x".repeat(20_000)));
    for (String garbage : List.of("", "abc", "a.b.c", "%%%.%%%.%%%", "e30.e30.e30", "a.b.c.d.e", huge)) {
      String reason = outcome(v, garbage);
      assertTrue(List.of("malformed token", "signature algorithm not accepted", "unsigned tokens are not accepted")
          .contains(reason), garbage + " -> " + reason);
    }
    String critical = TestIdp.sign(RS, new JsonObject().put("alg", "RS256").put("kid", RS.kid)
        .put("crit", new JsonArray().add("exp")), TestIdp.claims("u", nowSeconds()));
    assertEquals("critical header extensions are not supported", outcome(v, critical));
  }

  @Test
  void refetchesForAnUnknownKidAtMostOncePerMinimumIntervalWhateverTheFlood(Vertx vertx) throws Exception {
    SwappableJwks idp = new SwappableJwks(TestIdp.jwks(RS));
    JwtVerifier v = started(vertx, options(), idp);
    assertEquals(1, idp.fetches.get());
    Key unknown = TestIdp.rsa("attacker", "RS256");
    String bad = TestIdp.sign(unknown, TestIdp.claims("u", nowSeconds()));
    // within 30 s of the start-up fetch: refused without asking the IdP
    assertEquals("unknown signing key", outcome(v, bad));
    assertEquals(1, idp.fetches.get());
    clock.addAndGet(30_000);
    for (int i = 0; i < 200; i++) {
      assertEquals("unknown signing key", outcome(v, bad));
    }
    assertEquals(2, idp.fetches.get(), "one fetch for 200 unknown-kid tokens");
    clock.addAndGet(29_999);
    assertEquals("unknown signing key", outcome(v, bad));
    assertEquals(2, idp.fetches.get());
    clock.addAndGet(1);
    assertEquals("unknown signing key", outcome(v, bad));
    assertEquals(3, idp.fetches.get());
  }

  @Test
  void concurrentCallsWithAnUnknownKidShareOneFetch(Vertx vertx) throws Exception {
    SwappableJwks idp = new SwappableJwks(TestIdp.jwks(RS));
    JwtVerifier v = started(vertx, options(), idp);
    Key next = TestIdp.rsa("rs-2", "RS256");
    clock.addAndGet(60_000);
    Promise<JwksSource.Fetched> held = Promise.promise();
    idp.hold = held;
    List<Future<String>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(v.verify(TestIdp.sign(next, TestIdp.claims("u" + i, nowSeconds()))));
    }
    held.complete(new JwksSource.Fetched(TestIdp.jwks(RS, next), null));
    for (int i = 0; i < 20; i++) {
      assertEquals("u" + i, await(calls.get(i)));
    }
    assertEquals(2, idp.fetches.get());
  }

  @Test
  void followsAKeyRotationNewKeyAcceptedAtOnceOldKeyDroppedWhenTheCacheExpires(Vertx vertx) throws Exception {
    SwappableJwks idp = new SwappableJwks(TestIdp.jwks(RS));
    idp.maxAge = Duration.ofSeconds(300);
    JwtVerifier v = started(vertx, options(), idp);
    Key rotated = TestIdp.rsa("rs-2", "RS256");
    String oldToken = TestIdp.sign(RS, TestIdp.claims("old", nowSeconds()));
    clock.addAndGet(40_000);
    // the IdP publishes the new key alongside the old one, then signs with it
    idp.json.set(TestIdp.jwks(RS, rotated));
    assertEquals("accepted:new", outcome(v, TestIdp.sign(rotated, TestIdp.claims("new", nowSeconds()))));
    assertEquals("accepted:old", outcome(v, oldToken));
    // then retires the old key: tokens it signed stop working once our copy expires (max-age 300 s)
    idp.json.set(TestIdp.jwks(rotated));
    clock.addAndGet(299_000);
    assertEquals("accepted:old", outcome(v, oldToken));
    clock.addAndGet(1_000);
    assertEquals("unknown signing key", outcome(v, oldToken));
    assertEquals(3, idp.fetches.get());
  }

  @Test
  void keepsServingWithTheLastKeysWhenTheIdpIsDownAndRetriesNoSoonerThanTheInterval(Vertx vertx) throws Exception {
    SwappableJwks idp = new SwappableJwks(TestIdp.jwks(RS));
    idp.maxAge = Duration.ofSeconds(60);
    JwtVerifier v = started(vertx, options(), idp);
    idp.failing = true;
    clock.addAndGet(60_000);
    assertEquals("accepted:u", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", nowSeconds()))));
    assertEquals(2, idp.fetches.get());
    clock.addAndGet(29_000);
    assertEquals("accepted:u", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", nowSeconds()))));
    assertEquals(2, idp.fetches.get());
    clock.addAndGet(1_000);
    assertEquals("accepted:u", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", nowSeconds()))));
    assertEquals(3, idp.fetches.get());
    assertTrue(v.isReady());
  }

  @Test
  void withoutAnyKeysAnswersThatKeysAreUnavailableNotThatTheTokenIsBad(Vertx vertx) throws Exception {
    SwappableJwks idp = new SwappableJwks(TestIdp.jwks(RS));
    idp.failing = true;
    JwtVerifier v = new JwtVerifier(vertx, options(), idp, clock::get);
    assertTrue(v.start().failed() || !v.isReady());
    assertFalse(v.isReady());
    Future<String> f = v.verify(TestIdp.sign(RS, TestIdp.claims("u", nowSeconds())));
    JwtRejection r = (JwtRejection) f.recover(Future::failedFuture).cause();
    assertTrue(r.isKeysUnavailable());
    idp.failing = false;
    clock.addAndGet(30_000);
    assertEquals("accepted:u", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", nowSeconds()))));
    assertTrue(v.isReady());
  }

  @Test
  void cachesAFetchedJwksForItsMaxAgeWithinTheFloor(Vertx vertx) throws Exception {
    AtomicInteger served = new AtomicInteger();
    AtomicReference<String> cacheControl = new AtomicReference<>("public, max-age=120");
    HttpServer server = await(vertx.createHttpServer().requestHandler(req -> {
      served.incrementAndGet();
      req.response().putHeader("content-type", "application/json").putHeader("cache-control", cacheControl.get())
          .end(TestIdp.jwks(RS));
    }).listen(0, "127.0.0.1"));
    JwtOptions options = options().setJwks("http://127.0.0.1:" + server.actualPort() + "/jwks");
    JwtVerifier v = new JwtVerifier(vertx, options,
        new io.realtimesecrets.gateway.impl.UrlJwksSource(vertx, options.getJwks(), null, Duration.ofSeconds(10)),
        clock::get);
    await(v.start());
    assertEquals(1, served.get());
    clock.addAndGet(119_000);
    assertEquals("accepted:u", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", nowSeconds()))));
    assertEquals(1, served.get());
    cacheControl.set("no-store");
    clock.addAndGet(1_000);
    assertEquals("accepted:u", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", nowSeconds()))));
    assertEquals(2, served.get());
    // no-store: kept for the 30 s floor, not refetched per call
    clock.addAndGet(29_000);
    assertEquals("accepted:u", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", nowSeconds()))));
    assertEquals(2, served.get());
    clock.addAndGet(1_000);
    assertEquals("accepted:u", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", nowSeconds()))));
    assertEquals(3, served.get());
    v.close();
    await(server.close());
  }

  @Test
  void reloadsAJwksFileWhenItChanges(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, TestIdp.jwks(RS));
    JwtOptions options = options().setJwks(file.toString());
    JwtVerifier v = new JwtVerifier(vertx, options,
        new io.realtimesecrets.gateway.impl.FileJwksSource(vertx, file.toString()), clock::get);
    await(v.start());
    String oldToken = TestIdp.sign(RS, TestIdp.claims("old", nowSeconds()));
    assertEquals("accepted:old", outcome(v, oldToken));
    Key rotated = TestIdp.ed25519("ed-2");
    Files.writeString(file, TestIdp.jwks(rotated));
    clock.addAndGet(JwtOptions.DEFAULT_JWKS_FILE_CHECK_INTERVAL.toMillis());
    assertEquals("accepted:new", outcome(v, TestIdp.sign(rotated, TestIdp.claims("new", nowSeconds()))));
    assertEquals("unknown signing key", outcome(v, oldToken));
  }

  private static JsonObject removing(JsonObject o, String key) {
    o.remove(key);
    return o;
  }

  @Test
  void fetchesAnHttpsJwksVerifyingTheCertificateAgainstTheConfiguredTrustOnly(Vertx vertx, @TempDir Path dir)
      throws Exception {
    Path store = dir.resolve("idp.p12");
    Path pem = dir.resolve("idp.pem");
    keytool("-genkeypair", "-alias", "idp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=idp.test",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", "changeit");
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(ks.getCertificate("idp").getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    HttpServer server = await(vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setSsl(true)
            .setKeyCertOptions(new io.vertx.core.net.PfxOptions().setPath(store.toString()).setPassword("changeit")))
        .requestHandler(req -> req.response().putHeader("cache-control", "max-age=60").end(TestIdp.jwks(RS)))
        .listen(0, "127.0.0.1"));
    String url = "https://127.0.0.1:" + server.actualPort() + "/jwks";

    JwtVerifier untrusting = new JwtVerifier(vertx, options().setJwks(url),
        new io.realtimesecrets.gateway.impl.UrlJwksSource(vertx, url, null, Duration.ofSeconds(10)), clock::get);
    assertTrue(untrusting.start().transform(ar -> Future.succeededFuture(ar.failed()))
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS), "the JDK trust store refuses it");
    assertFalse(untrusting.isReady());
    untrusting.close();

    JwtOptions trusting = options().setJwks(url)
        .setJwksTrustOptions(new io.vertx.core.net.PemTrustOptions().addCertPath(pem.toString()));
    JwtVerifier v = JwtVerifier.create(vertx, trusting);
    await(v.start());
    assertEquals("accepted:u", outcome(v, TestIdp.sign(RS, TestIdp.claims("u", System.currentTimeMillis() / 1000))));
    v.close();
    await(server.close());
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
  }
}
