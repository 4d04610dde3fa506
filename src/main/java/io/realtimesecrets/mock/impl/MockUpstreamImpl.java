package io.realtimesecrets.mock.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.FaultPlan;
import io.realtimesecrets.mock.MockStats;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.model.RequestValidationException;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.model.SecretRequests;
import io.realtimesecrets.model.UnknownField;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The mock's HTTP server. One {@code HttpServer} on the context that called {@link #start()}; counters are
 * lock-free, the fault plan and rate window take short locks.
 */
public final class MockUpstreamImpl implements MockUpstream {

  private static final System.Logger LOG = System.getLogger(MockUpstream.class.getName());
  private final Set<io.vertx.core.http.HttpConnection> connections = ConcurrentHashMap.newKeySet();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** IMF-fixdate (RFC 9110), the form HTTP requires; {@code RFC_1123_DATE_TIME} would drop the day's zero. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  private static final String API_VERSION = "2020-10-01";
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final Map<String, Endpoint> ROUTES = new HashMap<>();

  static {
    for (Endpoint e : Endpoint.values()) {
      ROUTES.put("/v1" + e.path(), e);
    }
  }

  private final Vertx vertx;
  private final MockUpstreamOptions options;
  private final Random random;
  private final SecureRandom secureRandom = new SecureRandom();
  private final FaultPlanImpl faults;
  private final RateWindow rateWindow;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile HttpServer server;
  private volatile int port = -1;

  private final LongAdder requests = new LongAdder();
  private final Map<Endpoint, LongAdder> minted = new EnumMap<>(Endpoint.class);
  private final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<Fault.Kind, LongAdder> faultCounts = new EnumMap<>(Fault.Kind.class);
  private final Set<String> mintedValues = ConcurrentHashMap.newKeySet();
  private final AtomicInteger recorded = new AtomicInteger();

  /**
   * Use {@link MockUpstream#create(Vertx, MockUpstreamOptions)}.
   *
   * @param vertx the Vert.x instance
   * @param options the options, copied
   */
  public MockUpstreamImpl(Vertx vertx, MockUpstreamOptions options) {
    this.vertx = java.util.Objects.requireNonNull(vertx, "vertx");
    this.options = new MockUpstreamOptions(java.util.Objects.requireNonNull(options, "options"));
    this.random = this.options.getRandomSeed() == null ? new Random() : new Random(this.options.getRandomSeed());
    this.faults = new FaultPlanImpl(random);
    this.options.getFaultRules().forEach(faults::add);
    this.rateWindow = new RateWindow(this.options.getRateLimitRequestsPerMinute());
    for (Endpoint e : Endpoint.values()) {
      minted.put(e, new LongAdder());
    }
    for (Fault.Kind k : Fault.Kind.values()) {
      faultCounts.put(k, new LongAdder());
    }
  }

  // --- lifecycle ---------------------------------------------------------------------------------------

  @Override
  public Future<MockUpstream> start() {
    if (!started.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("mock upstream already started"));
    }
    HttpServerOptions serverOptions = new HttpServerOptions().setHttp2ClearTextEnabled(true);
    if (options.isSsl()) {
      serverOptions.setSsl(true).setUseAlpn(true).setKeyCertOptions(options.getKeyCertOptions() != null
          ? options.getKeyCertOptions()
          : new PemKeyCertOptions()
              .setCertValue(Buffer.buffer(BundledCertificate.CERTIFICATE_PEM))
              .setKeyValue(Buffer.buffer(BundledCertificate.PRIVATE_KEY_PEM)));
    }
    HttpServer s = vertx.createHttpServer(serverOptions).requestHandler(this::handle);
    s.connectionHandler(conn -> {
      connections.add(conn);
      conn.closeHandler(v -> connections.remove(conn));
    });
    return s.listen(options.getPort(), options.getHost()).map(listening -> {
      server = listening;
      port = listening.actualPort();
      LOG.log(System.Logger.Level.DEBUG, "mock upstream listening on {0}", baseUrl());
      return (MockUpstream) this;
    });
  }

  @Override
  public String baseUrl() {
    String host = options.getHost().contains(":") ? "[" + options.getHost() + "]" : options.getHost();
    return (options.isSsl() ? "https://" : "http://") + host + ":" + port() + "/v1";
  }

  @Override
  public int port() {
    if (port < 0) {
      throw new IllegalStateException("mock upstream not started: call start() and wait for it");
    }
    return port;
  }

  @Override
  public Future<Void> close() {
    HttpServer s = server;
    if (s == null || !closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    // a stalled exchange (the stall fault) would otherwise hold the server open: end every connection first
    List<Future<Void>> closing = new ArrayList<>();
    for (io.vertx.core.http.HttpConnection c : connections) {
      closing.add(c.close());
    }
    connections.clear();
    return Future.join(closing).transform(ar -> s.close());
  }

  // --- observation -------------------------------------------------------------------------------------

  @Override
  public FaultPlan faults() {
    return faults;
  }

  @Override
  public MockStats stats() {
    Map<Endpoint, Long> m = new EnumMap<>(Endpoint.class);
    minted.forEach((k, v) -> putIfPositive(m, k, v.sum()));
    Map<Integer, Long> e = new HashMap<>();
    errors.forEach((k, v) -> putIfPositive(e, k, v.sum()));
    Map<Fault.Kind, Long> f = new EnumMap<>(Fault.Kind.class);
    faultCounts.forEach((k, v) -> putIfPositive(f, k, v.sum()));
    return new MockStats(requests.sum(), m, e, f);
  }

  @Override
  public void resetStats() {
    requests.reset();
    minted.values().forEach(LongAdder::reset);
    errors.clear();
    faultCounts.values().forEach(LongAdder::reset);
    mintedValues.clear();
    recorded.set(0);
    rateWindow.reset();
  }

  @Override
  public boolean wasMinted(String secret) {
    return secret != null && mintedValues.contains(secret);
  }

  @Override
  public Set<String> mintedSecrets() {
    return Set.copyOf(new HashSet<>(mintedValues));
  }

  @Override
  public PemTrustOptions trustOptions() {
    return new PemTrustOptions().addCertValue(Buffer.buffer(BundledCertificate.CERTIFICATE_PEM));
  }

  @Override
  public String certificatePem() {
    return BundledCertificate.CERTIFICATE_PEM;
  }

  @Override
  public String toString() {
    return "MockUpstream[" + (port < 0 ? "not started" : baseUrl()) + ", faults=" + faults + "]";
  }

  // --- request handling --------------------------------------------------------------------------------

  private void handle(HttpServerRequest req) {
    long startNanos = System.nanoTime();
    requests.increment();
    Endpoint endpoint = ROUTES.get(req.path());
    if (endpoint == null) {
      sendError(req, ApiError.notFound(req.method().name(), req.path()), startNanos, null);
      return;
    }
    if (!HttpMethod.POST.equals(req.method())) {
      req.response().putHeader("allow", "POST");
      sendError(req, ApiError.wrongMethod(req.method().name(), req.path()), startNanos, null);
      return;
    }
    req.body().onSuccess(body -> onBody(req, endpoint, body, startNanos));
    // a failed body means the client went away: there is nobody to answer
  }

  private void onBody(HttpServerRequest req, Endpoint endpoint, Buffer body, long startNanos) {
    Fault fault;
    String faultHeader = req.getHeader(FAULT_HEADER);
    if (faultHeader != null) {
      try {
        fault = Fault.parse(faultHeader);
      } catch (IllegalArgumentException e) {
        sendError(req, ApiError.invalidRequest(FAULT_HEADER, "invalid_value", e.getMessage()), startNanos, null);
        return;
      }
    } else {
      fault = faults.select();
    }
    long delayMs;
    try {
      delayMs = latencyMs(req.getHeader(LATENCY_HEADER));
    } catch (IllegalArgumentException e) {
      sendError(req, ApiError.invalidRequest(LATENCY_HEADER, "invalid_value", e.getMessage()), startNanos, null);
      return;
    }
    if (fault != null) {
      faultCounts.get(fault.kind()).increment();
      if (fault.kind() == Fault.Kind.STALL) {
        if (fault.stallFor().isEmpty()) {
          return; // never answer: the connection stays open until the client or close() ends it
        }
        delayMs += fault.stallFor().get().toMillis();
      }
    }
    if (delayMs <= 0) {
      answer(req, endpoint, body, fault, startNanos);
    } else {
      vertx.setTimer(delayMs, id -> answer(req, endpoint, body, fault, startNanos));
    }
  }

  private long latencyMs(String header) {
    long ms = options.getLatency().toMillis();
    long jitter = options.getLatencyJitter().toMillis();
    if (jitter > 0) {
      ms += (long) (random.nextDouble() * (jitter + 1));
    }
    if (header != null) {
      long extra;
      try {
        extra = Long.parseLong(header.trim());
      } catch (NumberFormatException e) {
        extra = -1;
      }
      if (extra < 0) {
        throw new IllegalArgumentException("Invalid value for '" + LATENCY_HEADER
            + "': expected a non-negative integer number of milliseconds.");
      }
      ms += extra;
    }
    return ms;
  }

  private void answer(HttpServerRequest req, Endpoint endpoint, Buffer body, Fault fault, long startNanos) {
    if (req.response().closed()) {
      return; // the client gave up while we were "working"
    }
    if (fault != null && !fault.mints()) {
      injectFault(req, endpoint, fault, startNanos);
      return;
    }
    ApiError authError = checkKey(req);
    if (authError != null) {
      sendError(req, authError, startNanos, null);
      return;
    }
    Instant now = now();
    RateWindow.Snapshot window = rateWindow.take(now.toEpochMilli());
    if (window.exceeded() && options.isRateLimitEnforced()) {
      putRetryAfter(req.response(), window.resetMillis());
      sendError(req, ApiError.rateLimited(window.limit()), startNanos, window);
      return;
    }
    JsonNode request;
    try {
      request = body.length() == 0 ? null : MAPPER.readTree(body.getBytes());
    } catch (java.io.IOException e) {
      request = null;
    }
    if (request == null) {
      sendError(req, ApiError.unparseableJson(), startNanos, window);
      return;
    }
    ApiError invalid = RequestBodyRules.check(endpoint, request);
    if (invalid == null) {
      invalid = modelCheck(endpoint, body.toString(StandardCharsets.UTF_8), request, options.isLenient());
    }
    if (invalid != null) {
      sendError(req, invalid, startNanos, window);
      return;
    }
    String secret = newSecret();
    long nowSec = now.getEpochSecond();
    long expiresAt = fault != null && fault.kind() == Fault.Kind.EXPIRED
        ? nowSec - Fault.EXPIRED_BY.getSeconds()
        : nowSec + ttlSeconds(endpoint, request);
    ObjectNode response = SessionBodies.build(endpoint, request, secret, expiresAt, "sess_" + base62(21));
    if (fault != null && fault.kind() == Fault.Kind.HUGE_BODY) {
      response.put("mock_padding", "x".repeat(fault.bodyBytes()));
    }
    minted.get(endpoint).increment();
    if (recorded.incrementAndGet() <= options.getMaxRecordedSecrets()) {
      mintedValues.add(secret);
    }
    sendJson(req, 200, response, startNanos, window);
  }

  private long ttlSeconds(Endpoint endpoint, JsonNode request) {
    if (endpoint == Endpoint.SESSIONS || endpoint == Endpoint.TRANSCRIPTION_SESSIONS) {
      // the SDKs send the lifetime as client_secret.expires_after (sessions) or .expires_at (transcription)
      for (String name : List.of("expires_after", "expires_at")) {
        JsonNode requested = RequestBodyRules.at(request, "client_secret", name, "seconds");
        if (requested != null && requested.isIntegralNumber()) {
          return requested.asLong();
        }
      }
      return options.getBetaSecretTtl().getSeconds();
    }
    JsonNode seconds = RequestBodyRules.at(request, "expires_after", "seconds");
    return seconds == null ? 600 : seconds.asLong();
  }

  /**
   * Runs the model's own parse, unknown-field check (unless lenient) and validation, the reference for every
   * documented rule.
   */
  private static ApiError modelCheck(Endpoint endpoint, String json, JsonNode body, boolean lenient) {
    try {
      SecretRequest<?> request = SecretRequests.fromJson(endpoint, json);
      if (!lenient) {
        List<UnknownField> unknown = SecretRequests.unknownFields(request);
        if (!unknown.isEmpty()) {
          return ApiError.unknownParameter(unknown.get(0).path());
        }
      }
      request.validate();
      return null;
    } catch (RequestValidationException e) {
      String param = e.field() == null || e.field().isEmpty() || "$".equals(e.field()) ? null : e.field();
      return RequestBodyRules.fromModelRule(param, e.rule(), body);
    } catch (RuntimeException e) {
      return ApiError.invalidRequest(null, null, "Invalid request body: " + e.getMessage());
    }
  }

  private ApiError checkKey(HttpServerRequest req) {
    String key = null;
    String authorization = req.getHeader("authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = authorization.substring(7).trim();
    }
    if (key == null || key.isEmpty()) {
      String azure = req.getHeader("api-key");
      key = azure == null ? null : azure.trim();
    }
    if (key == null || key.isEmpty()) {
      return ApiError.missingKey();
    }
    String expected = options.getApiKey();
    if (expected != null && !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        key.getBytes(StandardCharsets.UTF_8))) {
      return ApiError.wrongKey();
    }
    return null;
  }

  // --- faults ------------------------------------------------------------------------------------------

  private void injectFault(HttpServerRequest req, Endpoint endpoint, Fault fault, long startNanos) {
    HttpServerResponse response = req.response();
    switch (fault.kind()) {
      case RATE_LIMITED:
      case STATUS: {
        fault.retryAfter().ifPresent(d -> putRetryAfter(response, d.toMillis()));
        ApiError error = fault.kind() == Fault.Kind.RATE_LIMITED
            ? ApiError.rateLimited(options.getRateLimitRequestsPerMinute())
            : ApiError.forStatus(fault.status());
        if (fault.kind() == Fault.Kind.RATE_LIMITED) {
          long resetMs = fault.retryAfter().map(d -> d.toMillis()).orElse(1000L);
          sendError(req, error, startNanos,
              new RateWindow.Snapshot(options.getRateLimitRequestsPerMinute(), 0, Math.max(1, resetMs), true));
        } else {
          sendError(req, error, startNanos, null);
        }
        return;
      }
      case INSUFFICIENT_QUOTA:
        sendError(req, ApiError.insufficientQuota(), startNanos, null);
        return;
      case RESET:
        req.connection().close();
        return;
      case MALFORMED_JSON:
        commonHeaders(response, startNanos, null).putHeader("content-type", "application/json");
        response.setStatusCode(200).end("{\"value\": \"ek_\", \"expires_at\": 17563,, \"session\": {\"type\": ");
        return;
      case TRUNCATED_JSON: {
        ObjectNode sample = SessionBodies.build(endpoint, MAPPER.createObjectNode(), "ek_" + hex(16),
            now().getEpochSecond() + 600, "sess_" + base62(21));
        byte[] full = toBytes(sample);
        commonHeaders(response, startNanos, null).putHeader("content-type", "application/json")
            .putHeader("content-length", Integer.toString(full.length));
        response.setStatusCode(200);
        // the secret in this half body was never minted: a client that accepted it would fail wasMinted()
        response.write(Buffer.buffer(java.util.Arrays.copyOf(full, full.length / 2)))
            .onComplete(ar -> req.connection().close());
        return;
      }
      case WRONG_CONTENT_TYPE:
        commonHeaders(response, startNanos, null).putHeader("content-type", "text/html; charset=utf-8");
        response.setStatusCode(200).end("<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
            + "<body><p>Checking your browser before accessing the API.</p></body></html>");
        return;
      default:
        throw new IllegalStateException("fault " + fault + " mints and is handled by answer()");
    }
  }

  private static void putRetryAfter(HttpServerResponse response, long millis) {
    response.putHeader("retry-after", Long.toString(Math.max(1, (millis + 999) / 1000)));
    response.putHeader("retry-after-ms", Long.toString(millis));
  }

  // --- writing -----------------------------------------------------------------------------------------

  private void sendError(HttpServerRequest req, ApiError error, long startNanos, RateWindow.Snapshot window) {
    sendJson(req, error.status(), error.toJson(), startNanos, window);
  }

  private void sendJson(HttpServerRequest req, int status, ObjectNode body, long startNanos,
      RateWindow.Snapshot window) {
    HttpServerResponse response = req.response();
    if (response.closed() || response.ended()) {
      return;
    }
    if (status >= 400) {
      errors.computeIfAbsent(status, s -> new LongAdder()).increment();
    }
    commonHeaders(response, startNanos, window).putHeader("content-type", "application/json");
    response.setStatusCode(status).end(Buffer.buffer(toBytes(body)));
  }

  private HttpServerResponse commonHeaders(HttpServerResponse response, long startNanos,
      RateWindow.Snapshot window) {
    response.putHeader("date", HTTP_DATE.format(now()));
    response.putHeader("x-request-id", "req_" + hex(16));
    response.putHeader("openai-version", API_VERSION);
    response.putHeader("openai-processing-ms", Long.toString((System.nanoTime() - startNanos) / 1_000_000));
    if (window != null) {
      response.putHeader("x-ratelimit-limit-requests", Integer.toString(window.limit()));
      response.putHeader("x-ratelimit-remaining-requests", Integer.toString(window.remaining()));
      response.putHeader("x-ratelimit-reset-requests", RateWindow.durationText(window.resetMillis()));
    }
    return response;
  }

  private static byte[] toBytes(ObjectNode body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a JSON tree", e);
    }
  }

  // --- values ------------------------------------------------------------------------------------------

  private Instant now() {
    return options.getClock().instant().plus(options.getClockOffset());
  }

  /** {@code ek_} and 32 hex digits, the shape of the spec's example, from {@code SecureRandom}. */
  private String newSecret() {
    byte[] bytes = new byte[16];
    secureRandom.nextBytes(bytes);
    StringBuilder b = new StringBuilder(35).append("ek_");
    for (byte x : bytes) {
      b.append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
    }
    return b.toString();
  }

  private static String hex(int bytes) {
    StringBuilder b = new StringBuilder(bytes * 2);
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (int i = 0; i < bytes * 2; i++) {
      b.append(HEX[r.nextInt(16)]);
    }
    return b.toString();
  }

  private static String base62(int length) {
    StringBuilder b = new StringBuilder(length);
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (int i = 0; i < length; i++) {
      b.append(BASE62[r.nextInt(BASE62.length)]);
    }
    return b.toString();
  }

  private static <K> void putIfPositive(Map<K, Long> map, K key, long value) {
    if (value > 0) {
      map.put(key, value);
    }
  }
}
