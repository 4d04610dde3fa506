package io.realtimesecrets.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.TrustOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the gateway verifies the users' JWT access tokens (OIDC or any issuer that publishes a JWKS), for a
 * gateway that serves browsers directly. A mutable bean with fluent setters; {@link GatewayOptions} copies
 * it. Every default is a {@code DEFAULT_*} constant. The HMAC secret never appears in {@link #toJson()} nor
 * {@link #toString()}.
 *
 * <p>With JWT configured, {@code /token} requires {@code Authorization: Bearer <jwt>}: a signature from a
 * key of the JWKS with one of the {@linkplain #getAlgorithms() accepted algorithms}, the
 * {@linkplain #getIssuer() issuer}, one of the {@linkplain #getAudiences() audiences}, and {@code exp},
 * {@code nbf}, {@code iat} within the {@linkplain #getLeeway() leeway}. The {@linkplain #getUserClaim() user
 * claim} names the caller: it keys the per-user rate limit and, hashed, the {@code OpenAI-Safety-Identifier}
 * of per-user profiles.
 *
 * <p>JSON form ({@link #JwtOptions(JsonObject)}, the {@code jwt} object of a configuration file):
 * <pre>{@code
 * {"jwks": "https://idp.example.com/.well-known/jwks.json", "issuer": "https://idp.example.com/",
 *  "audiences": ["realtime-gateway"], "leeway": 30, "userClaim": "sub"}
 * }</pre>
 */
public class JwtOptions {

  /** Default tolerance for clock skew on {@code exp}, {@code nbf} and {@code iat} = 30 s. */
  public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);
  /** Default claim naming the caller = {@value}. */
  public static final String DEFAULT_USER_CLAIM = "sub";
  /**
   * Default accepted signature algorithms = RS256, RS384, RS512, PS256, ES256, ES384, EdDSA. {@code none} is
   * never accepted; HS256/384/512 only with an {@linkplain #setHmacSecret(String) HMAC secret}.
   */
  public static final List<String> DEFAULT_ALGORITHMS =
      List.of("RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA");
  /**
   * Default least time between two JWKS fetches that a token with an unknown {@code kid} (or a failed fetch)
   * may cause = 30 s, so that a flood of bad tokens cannot hammer the identity provider.
   */
  public static final Duration DEFAULT_JWKS_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
  /** Default life of a JWKS fetched from a URL whose answer has no {@code Cache-Control: max-age} = 5 min. */
  public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);
  /** Default longest a JWKS fetched from a URL is kept, whatever its {@code max-age} says = 24 h. */
  public static final Duration DEFAULT_JWKS_MAX_CACHE_TTL = Duration.ofHours(24);
  /** Default time between two checks of a JWKS file for changes = 2 s. */
  public static final Duration DEFAULT_JWKS_FILE_CHECK_INTERVAL = Duration.ofSeconds(2);
  /** Default longest a JWKS fetch from a URL may take = 10 s. */
  public static final Duration DEFAULT_JWKS_FETCH_TIMEOUT = Duration.ofSeconds(10);

  private static final Set<String> ALL_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
      "ES256", "ES384", "ES512", "EdDSA", "HS256", "HS384", "HS512");

  private String jwks;
  private String issuer;
  private List<String> audiences = new ArrayList<>();
  private Duration leeway = DEFAULT_LEEWAY;
  private String userClaim = DEFAULT_USER_CLAIM;
  private List<String> algorithms = new ArrayList<>(DEFAULT_ALGORITHMS);
  private String hmacSecret;
  private Duration jwksMinRefreshInterval = DEFAULT_JWKS_MIN_REFRESH_INTERVAL;
  private Duration jwksCacheTtl = DEFAULT_JWKS_CACHE_TTL;
  private Duration jwksMaxCacheTtl = DEFAULT_JWKS_MAX_CACHE_TTL;
  private Duration jwksFileCheckInterval = DEFAULT_JWKS_FILE_CHECK_INTERVAL;
  private Duration jwksFetchTimeout = DEFAULT_JWKS_FETCH_TIMEOUT;
  private TrustOptions jwksTrustOptions;

  /** Options with every default and no JWKS yet (set one with {@link #setJwks(String)}). */
  public JwtOptions() {
  }

  /**
   * Copy constructor.
   *
   * @param other the options to copy
   */
  public JwtOptions(JwtOptions other) {
    this.jwks = other.jwks;
    this.issuer = other.issuer;
    this.audiences = new ArrayList<>(other.audiences);
    this.leeway = other.leeway;
    this.userClaim = other.userClaim;
    this.algorithms = new ArrayList<>(other.algorithms);
    this.hmacSecret = other.hmacSecret;
    this.jwksMinRefreshInterval = other.jwksMinRefreshInterval;
    this.jwksCacheTtl = other.jwksCacheTtl;
    this.jwksMaxCacheTtl = other.jwksMaxCacheTtl;
    this.jwksFileCheckInterval = other.jwksFileCheckInterval;
    this.jwksFetchTimeout = other.jwksFetchTimeout;
    this.jwksTrustOptions = other.jwksTrustOptions == null ? null : other.jwksTrustOptions.copy();
  }

  /**
   * Reads options from JSON: {@code jwks}, {@code issuer}, {@code audiences} (array, or one string),
   * {@code leeway} (seconds), {@code userClaim}, {@code algorithms}, {@code hmacSecret}, and durations in
   * milliseconds with a {@code Millis} suffix ({@code jwksMinRefreshIntervalMillis}, {@code jwksCacheTtlMillis},
   * {@code jwksMaxCacheTtlMillis}, {@code jwksFileCheckIntervalMillis}, {@code jwksFetchTimeoutMillis}).
   *
   * @param json the JSON
   * @throws IllegalArgumentException naming the field when a value is invalid or a field is unknown
   */
  public JwtOptions(JsonObject json) {
    this();
    Set<String> known = Set.of("jwks", "issuer", "audiences", "leeway", "userClaim", "algorithms", "hmacSecret",
        "jwksMinRefreshIntervalMillis", "jwksCacheTtlMillis", "jwksMaxCacheTtlMillis",
        "jwksFileCheckIntervalMillis", "jwksFetchTimeoutMillis");
    for (String key : json.fieldNames()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("jwt." + key + ": unknown field (expected one of " + new java.util.TreeSet<>(known) + ")");
      }
    }
    try {
      if (json.containsKey("jwks")) {
        setJwks(json.getString("jwks"));
      }
      if (json.containsKey("issuer")) {
        setIssuer(json.getString("issuer"));
      }
      Object aud = json.getValue("audiences");
      if (aud instanceof String) {
        addAudience((String) aud);
      } else if (aud instanceof JsonArray) {
        ((JsonArray) aud).forEach(a -> addAudience(String.valueOf(a)));
      } else if (aud != null) {
        throw new IllegalArgumentException("jwt.audiences: must be a string or an array of strings");
      }
      if (json.containsKey("leeway")) {
        setLeeway(Duration.ofSeconds(json.getLong("leeway")));
      }
      if (json.containsKey("userClaim")) {
        setUserClaim(json.getString("userClaim"));
      }
      if (json.containsKey("algorithms")) {
        List<String> algs = new ArrayList<>();
        json.getJsonArray("algorithms").forEach(a -> algs.add(String.valueOf(a)));
        setAlgorithms(algs);
      }
      if (json.containsKey("hmacSecret")) {
        setHmacSecret(json.getString("hmacSecret"));
      }
      if (json.containsKey("jwksMinRefreshIntervalMillis")) {
        setJwksMinRefreshInterval(Duration.ofMillis(json.getLong("jwksMinRefreshIntervalMillis")));
      }
      if (json.containsKey("jwksCacheTtlMillis")) {
        setJwksCacheTtl(Duration.ofMillis(json.getLong("jwksCacheTtlMillis")));
      }
      if (json.containsKey("jwksMaxCacheTtlMillis")) {
        setJwksMaxCacheTtl(Duration.ofMillis(json.getLong("jwksMaxCacheTtlMillis")));
      }
      if (json.containsKey("jwksFileCheckIntervalMillis")) {
        setJwksFileCheckInterval(Duration.ofMillis(json.getLong("jwksFileCheckIntervalMillis")));
      }
      if (json.containsKey("jwksFetchTimeoutMillis")) {
        setJwksFetchTimeout(Duration.ofMillis(json.getLong("jwksFetchTimeoutMillis")));
      }
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("jwt: a field has the wrong type: " + e.getMessage());
    }
  }

  /**
   * The JSON form read by {@link #JwtOptions(JsonObject)}, without the HMAC secret and trust options.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (jwks != null) {
      json.put("jwks", jwks);
    }
    if (issuer != null) {
      json.put("issuer", issuer);
    }
    return json.put("audiences", new JsonArray(new ArrayList<>(audiences)))
        .put("leeway", leeway.getSeconds())
        .put("userClaim", userClaim)
        .put("algorithms", new JsonArray(new ArrayList<>(algorithms)))
        .put("jwksMinRefreshIntervalMillis", jwksMinRefreshInterval.toMillis())
        .put("jwksCacheTtlMillis", jwksCacheTtl.toMillis())
        .put("jwksMaxCacheTtlMillis", jwksMaxCacheTtl.toMillis())
        .put("jwksFileCheckIntervalMillis", jwksFileCheckInterval.toMillis())
        .put("jwksFetchTimeoutMillis", jwksFetchTimeout.toMillis());
  }

  /**
   * Checks what can be checked without starting: a JWKS source is set, and an HTTP URL points to a loopback
   * address (a JWKS fetched over plain HTTP from elsewhere could be swapped by anyone on the path).
   *
   * @throws IllegalArgumentException naming the field
   */
  public void validate() {
    if (jwks == null && hmacSecret == null) {
      throw new IllegalArgumentException("jwt.jwks: is required (a JWKS file or an https URL)");
    }
    if (jwks != null && isUrl(jwks)) {
      URI uri;
      try {
        uri = URI.create(jwks);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("jwt.jwks: '" + jwks + "' is not a valid URL");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("jwt.jwks: '" + jwks + "' has no host");
      }
      if ("http".equalsIgnoreCase(uri.getScheme()) && !GatewayOptions.isLoopback(uri.getHost())) {
        throw new IllegalArgumentException("jwt.jwks: plain http is accepted for loopback addresses only; use https");
      }
    }
    for (String alg : algorithms) {
      if (alg.startsWith("HS") && hmacSecret == null) {
        throw new IllegalArgumentException("jwt.algorithms: " + alg + " needs an explicit hmacSecret");
      }
    }
  }

  /**
   * Whether a JWKS source is a URL (else it is a file path).
   *
   * @param source the source
   * @return true for {@code http://} or {@code https://}
   */
  public static boolean isUrl(String source) {
    String s = source.toLowerCase(Locale.ROOT);
    return s.startsWith("https://") || s.startsWith("http://");
  }

  /**
   * Where the verification keys come from.
   *
   * @return a file path or an https URL, or {@code null} (not set yet)
   */
  public String getJwks() {
    return jwks;
  }

  /**
   * Sets where the verification keys come from: a JWKS file (reloaded when it changes) or an {@code https}
   * URL (cached per {@code Cache-Control}, refreshed when a token names an unknown {@code kid}).
   *
   * @param jwks a file path or URL
   * @return this
   */
  public JwtOptions setJwks(String jwks) {
    this.jwks = jwks == null || jwks.isBlank() ? null : jwks.trim();
    return this;
  }

  /**
   * The required {@code iss}.
   *
   * @return the issuer, or {@code null} (default: not checked)
   */
  public String getIssuer() {
    return issuer;
  }

  /**
   * Requires tokens to carry exactly this {@code iss}. Set it: without it, a token of any issuer whose keys
   * share the JWKS is accepted.
   *
   * @param issuer the issuer, or {@code null}
   * @return this
   */
  public JwtOptions setIssuer(String issuer) {
    this.issuer = issuer == null || issuer.isBlank() ? null : issuer;
    return this;
  }

  /**
   * The accepted audiences.
   *
   * @return an unmodifiable list; empty (default) means {@code aud} is not checked
   */
  public List<String> getAudiences() {
    return Collections.unmodifiableList(audiences);
  }

  /**
   * Accepts tokens whose {@code aud} (a string or an array) holds this value; with several, any one of them.
   *
   * @param audience the audience
   * @return this
   */
  public JwtOptions addAudience(String audience) {
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("jwt.audiences: must not be blank");
    }
    audiences.add(audience);
    return this;
  }

  /**
   * The tolerance for clock skew.
   *
   * @return default 30 s ({@link #DEFAULT_LEEWAY})
   */
  public Duration getLeeway() {
    return leeway;
  }

  /**
   * Sets the tolerance for clock skew between the issuer and the gateway, applied to {@code exp},
   * {@code nbf} and {@code iat}.
   *
   * @param leeway zero or more, whole seconds
   * @return this
   */
  public JwtOptions setLeeway(Duration leeway) {
    if (leeway == null || leeway.isNegative()) {
      throw new IllegalArgumentException("jwt.leeway: must be zero or more seconds");
    }
    this.leeway = leeway;
    return this;
  }

  /**
   * The claim that names the caller.
   *
   * @return default {@value #DEFAULT_USER_CLAIM}
   */
  public String getUserClaim() {
    return userClaim;
  }

  /**
   * Sets the claim that names the caller (a non-blank string claim; a token without it is refused).
   *
   * @param userClaim a claim name
   * @return this
   */
  public JwtOptions setUserClaim(String userClaim) {
    if (userClaim == null || userClaim.isBlank()) {
      throw new IllegalArgumentException("jwt.userClaim: must not be blank");
    }
    this.userClaim = userClaim.trim();
    return this;
  }

  /**
   * The accepted signature algorithms.
   *
   * @return an unmodifiable list, default {@link #DEFAULT_ALGORITHMS}
   */
  public List<String> getAlgorithms() {
    return Collections.unmodifiableList(algorithms);
  }

  /**
   * Sets the accepted signature algorithms (JOSE names: RS256..512, PS256..512, ES256..512, EdDSA, and
   * HS256..512 with an HMAC secret). {@code none} is never accepted.
   *
   * @param algorithms one or more names
   * @return this
   */
  public JwtOptions setAlgorithms(List<String> algorithms) {
    if (algorithms == null || algorithms.isEmpty()) {
      throw new IllegalArgumentException("jwt.algorithms: at least one is required");
    }
    Set<String> set = new LinkedHashSet<>();
    for (String a : algorithms) {
      if (!ALL_ALGORITHMS.contains(a)) {
        throw new IllegalArgumentException("jwt.algorithms: '" + a + "' is not accepted (use one of "
            + new java.util.TreeSet<>(ALL_ALGORITHMS) + ")");
      }
      set.add(a);
    }
    this.algorithms = new ArrayList<>(set);
    return this;
  }

  /**
   * The shared HMAC secret (never written to {@link #toJson()} nor {@link #toString()}).
   *
   * @return the secret, or {@code null} (default: HMAC tokens refused)
   */
  public String getHmacSecret() {
    return hmacSecret;
  }

  /**
   * Accepts tokens signed with HMAC (HS256/384/512) under this shared secret, in addition to the JWKS keys.
   * Off by default: a shared secret lets whoever holds it mint tokens, so it must be chosen explicitly.
   * Setting it adds HS256, HS384 and HS512 to the accepted algorithms.
   *
   * @param hmacSecret at least 32 bytes, or {@code null}
   * @return this
   */
  public JwtOptions setHmacSecret(String hmacSecret) {
    if (hmacSecret != null && hmacSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
      throw new IllegalArgumentException("jwt.hmacSecret: must be at least 32 bytes");
    }
    this.hmacSecret = hmacSecret;
    if (hmacSecret != null) {
      for (String hs : List.of("HS256", "HS384", "HS512")) {
        if (!algorithms.contains(hs)) {
          algorithms.add(hs);
        }
      }
    }
    return this;
  }

  /**
   * The least time between two JWKS fetches caused by unknown key ids or failures.
   *
   * @return default 30 s ({@link #DEFAULT_JWKS_MIN_REFRESH_INTERVAL})
   */
  public Duration getJwksMinRefreshInterval() {
    return jwksMinRefreshInterval;
  }

  /**
   * Sets the least time between two JWKS fetches caused by unknown key ids or failures; also the shortest
   * life of a fetched JWKS, whatever its {@code max-age}.
   *
   * @param interval positive
   * @return this
   */
  public JwtOptions setJwksMinRefreshInterval(Duration interval) {
    this.jwksMinRefreshInterval = positive("jwt.jwksMinRefreshInterval", interval);
    return this;
  }

  /**
   * The life of a fetched JWKS without {@code max-age}.
   *
   * @return default 5 min ({@link #DEFAULT_JWKS_CACHE_TTL})
   */
  public Duration getJwksCacheTtl() {
    return jwksCacheTtl;
  }

  /**
   * Sets the life of a JWKS fetched from a URL whose answer carries no {@code Cache-Control: max-age}.
   *
   * @param ttl positive
   * @return this
   */
  public JwtOptions setJwksCacheTtl(Duration ttl) {
    this.jwksCacheTtl = positive("jwt.jwksCacheTtl", ttl);
    return this;
  }

  /**
   * The longest a fetched JWKS is kept.
   *
   * @return default 24 h ({@link #DEFAULT_JWKS_MAX_CACHE_TTL})
   */
  public Duration getJwksMaxCacheTtl() {
    return jwksMaxCacheTtl;
  }

  /**
   * Sets the longest a JWKS fetched from a URL is kept, whatever its {@code max-age}.
   *
   * @param ttl positive
   * @return this
   */
  public JwtOptions setJwksMaxCacheTtl(Duration ttl) {
    this.jwksMaxCacheTtl = positive("jwt.jwksMaxCacheTtl", ttl);
    return this;
  }

  /**
   * How often a JWKS file is checked for changes.
   *
   * @return default 2 s ({@link #DEFAULT_JWKS_FILE_CHECK_INTERVAL})
   */
  public Duration getJwksFileCheckInterval() {
    return jwksFileCheckInterval;
  }

  /**
   * Sets how often a JWKS file is checked for changes: the first call after each interval re-reads it
   * (asynchronously, never blocking an event loop) and, if it changed, verifies with the new keys.
   *
   * @param interval positive
   * @return this
   */
  public JwtOptions setJwksFileCheckInterval(Duration interval) {
    this.jwksFileCheckInterval = positive("jwt.jwksFileCheckInterval", interval);
    return this;
  }

  /**
   * The longest a JWKS fetch may take.
   *
   * @return default 10 s ({@link #DEFAULT_JWKS_FETCH_TIMEOUT})
   */
  public Duration getJwksFetchTimeout() {
    return jwksFetchTimeout;
  }

  /**
   * Sets the longest a JWKS fetch from a URL may take.
   *
   * @param timeout positive
   * @return this
   */
  public JwtOptions setJwksFetchTimeout(Duration timeout) {
    this.jwksFetchTimeout = positive("jwt.jwksFetchTimeout", timeout);
    return this;
  }

  /**
   * The trust store for the JWKS URL's TLS certificate.
   *
   * @return the options, or {@code null} (default: the JDK trust store)
   */
  public TrustOptions getJwksTrustOptions() {
    return jwksTrustOptions;
  }

  /**
   * Trusts a private CA for the JWKS URL (TLS verification is never turned off).
   *
   * @param trustOptions trust options, or {@code null} for the JDK trust store
   * @return this
   */
  public JwtOptions setJwksTrustOptions(TrustOptions trustOptions) {
    this.jwksTrustOptions = trustOptions;
    return this;
  }

  @Override
  public String toString() {
    return "JwtOptions{jwks=" + jwks + ", issuer=" + issuer + ", audiences=" + audiences + ", leeway="
        + leeway.getSeconds() + "s, userClaim=" + userClaim + ", algorithms=" + algorithms + ", hmacSecret="
        + (hmacSecret == null ? "none" : "set") + '}';
  }

  private static Duration positive(String name, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + ": must be positive");
    }
    return d;
  }
}
