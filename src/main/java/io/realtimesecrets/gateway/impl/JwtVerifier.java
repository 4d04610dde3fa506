package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.gateway.JwtOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Verifies users' JWT access tokens against a JWKS and names the caller.
 *
 * <p>Signatures and JWK parsing are vertx-auth-jwt's ({@link JWTAuth}, through the API common to Vert.x
 * 4.5 and 5.x). The policy is here, before and after it: the header's {@code alg} must be one of the
 * configured algorithms ({@code none} never, HMAC only with an explicit secret, and HMAC keys of a JWKS are
 * ignored, so a public key can never be used as an HMAC secret); a {@code crit} header is refused; then
 * {@code exp} (required), {@code nbf}, {@code iat} are checked against the injected clock with the leeway,
 * and {@code iss}, {@code aud}, the user claim.
 *
 * <p>Keys: loaded once at {@link #start()}; a file is re-read by the first call after each file check
 * interval; a URL's keys live as long as its {@code Cache-Control: max-age} says (within the configured
 * floor and ceiling) and are re-fetched by the first call after that, which waits for the fetch (and falls
 * back to the old keys if it fails). A token whose {@code kid} is unknown triggers one re-fetch, at most
 * once per minimum refresh interval whatever the number of such tokens; a failed fetch is retried no
 * sooner either. Concurrent calls share one fetch.
 *
 * <p>Thread safe. Futures complete on whatever thread completes the fetch (callers hop back to their
 * context).
 */
public final class JwtVerifier {

  private static final Logger LOG = System.getLogger(JwtVerifier.class.getName());
  private static final Set<String> RSA_ALGS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");
  private static final int MAX_TOKEN_CHARS = 16 * 1024;

  private final JwtOptions options;
  private final JwksSource source;
  private final LongSupplier clockMillis;
  private final JWTAuth hmacAuth;
  private final Vertx vertx;

  private volatile KeySet keys;
  private long lastFetchStart;
  private boolean fetchedOnce;
  private Future<KeySet> refreshing;
  private int fetches;

  /** The keys of one JWKS version. */
  private static final class KeySet {
    final JWTAuth auth;
    final Set<String> kids;
    final String digest;
    final long expiresAt;

    KeySet(JWTAuth auth, Set<String> kids, String digest, long expiresAt) {
      this.auth = auth;
      this.kids = kids;
      this.digest = digest;
      this.expiresAt = expiresAt;
    }

    KeySet withExpiry(long expiresAt) {
      return new KeySet(auth, kids, digest, expiresAt);
    }
  }

  /**
   * Creates a verifier.
   *
   * @param vertx the Vert.x instance
   * @param options the JWT options (copied, validated)
   * @param source where the JWKS comes from, or {@code null} when only an HMAC secret is configured
   * @param clockMillis wall clock in epoch milliseconds ({@code System::currentTimeMillis} in production)
   */
  public JwtVerifier(Vertx vertx, JwtOptions options, JwksSource source, LongSupplier clockMillis) {
    this.options = new JwtOptions(options);
    this.options.validate();
    this.vertx = vertx;
    this.source = source;
    this.clockMillis = clockMillis;
    if (this.options.getHmacSecret() != null) {
      String k = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(this.options.getHmacSecret().getBytes(StandardCharsets.UTF_8));
      JWTAuthOptions o = new JWTAuthOptions().setJWTOptions(new JWTOptions().setIgnoreExpiration(true));
      for (String hs : List.of("HS256", "HS384", "HS512")) {
        o.addJwk(new JsonObject().put("kty", "oct").put("alg", hs).put("k", k));
      }
      this.hmacAuth = JWTAuth.create(vertx, o);
    } else {
      this.hmacAuth = null;
    }
  }

  /**
   * A verifier for the options, with a file or URL source as the JWKS setting says and the system clock.
   *
   * @param vertx the Vert.x instance
   * @param options the options
   * @return the verifier
   */
  public static JwtVerifier create(Vertx vertx, JwtOptions options) {
    String jwks = options.getJwks();
    JwksSource source = jwks == null ? null
        : JwtOptions.isUrl(jwks)
            ? new UrlJwksSource(vertx, jwks, options.getJwksTrustOptions(), options.getJwksFetchTimeout())
            : new FileJwksSource(vertx, jwks);
    return new JwtVerifier(vertx, options, source, System::currentTimeMillis);
  }

  /**
   * Loads the keys the first time.
   *
   * @return completes when keys are loaded, fails when the first load failed (calls then try again, at most
   *     once per minimum refresh interval)
   */
  public Future<Void> start() {
    if (source == null) {
      return Future.succeededFuture();
    }
    return refresh(clockMillis.getAsLong(), true).compose(k -> k == null
        ? Future.failedFuture(new IllegalStateException("no usable verification keys from the JWKS " + source))
        : Future.succeededFuture());
  }

  /**
   * Whether keys are loaded (always true with only an HMAC secret).
   *
   * @return true when tokens can be judged
   */
  public boolean isReady() {
    return source == null || keys != null;
  }

  /**
   * How many times the JWKS was fetched (for tests and metrics).
   *
   * @return the count
   */
  public synchronized int fetches() {
    return fetches;
  }

  /** Closes the JWKS source's HTTP client. */
  public void close() {
    if (source != null) {
      source.close();
    }
  }

  /**
   * Verifies a token and names its caller.
   *
   * @param token the compact JWS (without {@code Bearer })
   * @return the value of the user claim, or a {@link JwtRejection}
   */
  public Future<String> verify(String token) {
    JsonObject header;
    JsonObject payload;
    try {
      if (token == null || token.length() > MAX_TOKEN_CHARS) {
        throw JwtRejection.invalid("malformed token");
      }
      String[] parts = token.split("\\.", -1);
      if (parts.length != 3 || parts[2].isEmpty()) {
        throw JwtRejection.invalid(parts.length == 2 || parts.length == 3 ? "unsigned tokens are not accepted"
            : "malformed token");
      }
      header = decodeSegment(parts[0]);
      payload = decodeSegment(parts[1]);
    } catch (JwtRejection r) {
      return Future.failedFuture(r);
    }
    Object alg = header.getValue("alg");
    if (!(alg instanceof String) || "none".equalsIgnoreCase((String) alg)
        || !options.getAlgorithms().contains(alg)) {
      return Future.failedFuture(JwtRejection.invalid("signature algorithm not accepted"));
    }
    if (header.containsKey("crit")) {
      return Future.failedFuture(JwtRejection.invalid("critical header extensions are not supported"));
    }
    Object kidValue = header.getValue("kid");
    String kid = kidValue instanceof String ? (String) kidValue : null;
    Future<JWTAuth> verifierOf;
    if (((String) alg).startsWith("HS")) {
      verifierOf = Future.succeededFuture(hmacAuth);
    } else if (source == null) {
      return Future.failedFuture(JwtRejection.invalid("signature algorithm not accepted"));
    } else {
      verifierOf = keysFor(kid).map(k -> k.auth);
    }
    return verifierOf
        .compose(auth -> auth.authenticate(new TokenCredentials(token))
            .recover(e -> Future.failedFuture(JwtRejection.invalid("signature not verified"))))
        .compose(user -> checkClaims(payload));
  }

  private Future<KeySet> keysFor(String kid) {
    long now = clockMillis.getAsLong();
    KeySet current = keys;
    Future<KeySet> usable;
    if (current == null) {
      usable = refresh(now, true);
    } else if (now - current.expiresAt >= 0) {
      usable = refresh(now, false);
    } else {
      usable = Future.succeededFuture(current);
    }
    return usable.compose(k -> {
      if (k == null) {
        return Future.failedFuture(JwtRejection.noKeys(untilNextFetch()));
      }
      if (kid == null || k.kids.contains(kid)) {
        return Future.succeededFuture(k);
      }
      // a kid we do not know: the issuer may have rotated its keys since we fetched them
      return refresh(clockMillis.getAsLong(), true).compose(fresh -> fresh != null && fresh.kids.contains(kid)
          ? Future.succeededFuture(fresh)
          : Future.failedFuture(JwtRejection.invalid("unknown signing key")));
    });
  }

  private synchronized Duration untilNextFetch() {
    long wait = lastFetchStart + options.getJwksMinRefreshInterval().toMillis() - clockMillis.getAsLong();
    return Duration.ofMillis(Math.max(0, wait));
  }

  /**
   * Fetches the JWKS unless a fetch is running (then shares it) or, when {@code limited}, one started less
   * than the minimum refresh interval ago (then answers the current keys).
   */
  private Future<KeySet> refresh(long now, boolean limited) {
    Future<KeySet> running;
    synchronized (this) {
      if (refreshing != null) {
        return refreshing;
      }
      if (limited && fetchedOnce && now - lastFetchStart < options.getJwksMinRefreshInterval().toMillis()) {
        return Future.succeededFuture(keys);
      }
      fetchedOnce = true;
      lastFetchStart = now;
      fetches++;
      Future<JwksSource.Fetched> fetched;
      try {
        fetched = source.fetch();
      } catch (RuntimeException e) {
        fetched = Future.failedFuture(e);
      }
      running = fetched.map(f -> install(f, now)).recover(e -> {
        KeySet old = keys;
        LOG.log(Level.WARNING, "JWKS refresh failed" + (old == null ? " (no keys yet)" : "; keeping the previous keys")
            + ": " + e.getMessage());
        if (old != null) {
          // retry no sooner than the minimum interval
          keys = old.withExpiry(now + options.getJwksMinRefreshInterval().toMillis());
        }
        return Future.succeededFuture(keys);
      });
      refreshing = running;
    }
    running.onComplete(ar -> {
      synchronized (this) {
        if (refreshing == running) {
          refreshing = null;
        }
      }
    });
    return running;
  }

  private KeySet install(JwksSource.Fetched fetched, long now) {
    long life;
    if (source.isFile()) {
      life = options.getJwksFileCheckInterval().toMillis();
    } else {
      Duration maxAge = fetched.maxAge() == null ? options.getJwksCacheTtl() : fetched.maxAge();
      life = Math.min(Math.max(maxAge.toMillis(), options.getJwksMinRefreshInterval().toMillis()),
          options.getJwksMaxCacheTtl().toMillis());
    }
    String digest = sha256(fetched.json());
    KeySet old = keys;
    KeySet next;
    if (old != null && old.digest.equals(digest)) {
      next = old.withExpiry(now + life);
    } else {
      next = build(fetched.json(), digest, now + life);
      LOG.log(Level.INFO, "JWKS loaded from " + source + ": key ids " + next.kids);
    }
    keys = next;
    return next;
  }

  private KeySet build(String json, String digest, long expiresAt) {
    JsonArray keyArray;
    try {
      keyArray = new JsonObject(json).getJsonArray("keys");
    } catch (RuntimeException e) {
      throw new IllegalStateException("the JWKS from " + source + " is not a JSON object with a keys array");
    }
    if (keyArray == null) {
      throw new IllegalStateException("the JWKS from " + source + " has no keys array");
    }
    JWTAuthOptions authOptions = new JWTAuthOptions().setJWTOptions(new JWTOptions().setIgnoreExpiration(true));
    Set<String> kids = new HashSet<>();
    int usable = 0;
    for (Object o : keyArray) {
      if (!(o instanceof JsonObject)) {
        continue;
      }
      JsonObject jwk = (JsonObject) o;
      List<String> algs = algorithmsOf(jwk);
      for (String alg : algs) {
        authOptions.addJwk(jwk.copy().put("alg", alg));
        usable++;
      }
      if (!algs.isEmpty() && jwk.getValue("kid") instanceof String) {
        kids.add(jwk.getString("kid"));
      }
    }
    if (usable == 0) {
      throw new IllegalStateException("the JWKS from " + source + " has no signature key for the accepted algorithms "
          + options.getAlgorithms());
    }
    return new KeySet(JWTAuth.create(vertx, authOptions), Collections.unmodifiableSet(kids), digest, expiresAt);
  }

  /**
   * The accepted algorithms a JWK may verify: its own {@code alg} if it names one, else those its key type
   * and curve allow. Encryption keys and symmetric keys give none.
   */
  private List<String> algorithmsOf(JsonObject jwk) {
    Object use = jwk.getValue("use");
    if (use != null && !"sig".equals(use)) {
      return List.of();
    }
    Object kty = jwk.getValue("kty");
    List<String> candidates = new ArrayList<>();
    if ("RSA".equals(kty)) {
      candidates.addAll(RSA_ALGS);
    } else if ("EC".equals(kty)) {
      Object crv = jwk.getValue("crv");
      if ("P-256".equals(crv)) {
        candidates.add("ES256");
      } else if ("P-384".equals(crv)) {
        candidates.add("ES384");
      } else if ("P-521".equals(crv)) {
        candidates.add("ES512");
      }
    } else if ("OKP".equals(kty)) {
      Object crv = jwk.getValue("crv");
      if ("Ed25519".equals(crv) || "Ed448".equals(crv)) {
        candidates.add("EdDSA");
      }
    }
    // "oct" (HMAC) keys in a JWKS are ignored: a published JWKS must never supply a shared secret
    Object alg = jwk.getValue("alg");
    if (alg != null) {
      candidates.retainAll(List.of(alg));
    }
    candidates.retainAll(options.getAlgorithms());
    return candidates;
  }

  private Future<String> checkClaims(JsonObject payload) {
    long now = Math.floorDiv(clockMillis.getAsLong(), 1000);
    long leeway = options.getLeeway().getSeconds();
    Object exp = payload.getValue("exp");
    if (!(exp instanceof Number)) {
      return reject("token has no expiry");
    }
    if (now >= ((Number) exp).longValue() + leeway) {
      return reject("token expired");
    }
    Object nbf = payload.getValue("nbf");
    if (nbf != null && (!(nbf instanceof Number) || now + leeway < ((Number) nbf).longValue())) {
      return reject("token not yet valid");
    }
    Object iat = payload.getValue("iat");
    if (iat != null && (!(iat instanceof Number) || now + leeway < ((Number) iat).longValue())) {
      return reject("token issued in the future");
    }
    if (options.getIssuer() != null && !options.getIssuer().equals(payload.getValue("iss"))) {
      return reject("wrong issuer");
    }
    if (!options.getAudiences().isEmpty() && !audienceMatches(payload.getValue("aud"))) {
      return reject("wrong audience");
    }
    Object user = payload.getValue(options.getUserClaim());
    if (!(user instanceof String) || ((String) user).isBlank()) {
      return reject("token names no user");
    }
    return Future.succeededFuture((String) user);
  }

  private boolean audienceMatches(Object aud) {
    if (aud instanceof String) {
      return options.getAudiences().contains(aud);
    }
    if (aud instanceof JsonArray) {
      for (Object a : (JsonArray) aud) {
        if (a instanceof String && options.getAudiences().contains(a)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Future<String> reject(String reason) {
    return Future.failedFuture(JwtRejection.invalid(reason));
  }

  private static JsonObject decodeSegment(String segment) {
    try {
      return new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(segment)));
    } catch (RuntimeException e) {
      throw JwtRejection.invalid("malformed token");
    }
  }

  private static String sha256(String s) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
