package io.realtimesecrets.client.impl;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RateLimitInfo;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.client.RealtimeSecretsException;
import io.realtimesecrets.client.UpstreamException;
import io.realtimesecrets.client.UpstreamTimeoutException;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.RequestValidationException;
import io.realtimesecrets.model.SecretRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.tracing.TracingPolicy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client: one pooled Vert.x {@link HttpClient}, a retry loop driven by timers, typed errors.
 *
 * <p>Why the core {@code HttpClient} and not {@code WebClient}'s buffered responses: the client must stop
 * reading an over-large answer as soon as it crosses the cap and must close a stalled connection when an
 * attempt times out, which needs the response as a stream and the request's connection at hand.
 *
 * <p>Each call runs entirely on one context: the caller's when it has one, otherwise an event-loop context
 * picked for the call. Attempts, timers and the returned future all complete there.
 */
public final class RealtimeSecretsClientImpl implements RealtimeSecretsClient {

  private static final System.Logger LOG = System.getLogger(RealtimeSecretsClient.class.getName());

  /** Production timing: monotonic clock and Vert.x timers. */
  private static final class VertxClientTimer implements ClientTimer {
    private final Vertx vertx;

    VertxClientTimer(Vertx vertx) {
      this.vertx = vertx;
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void schedule(Context context, long delayMillis, Runnable task) {
      if (delayMillis <= 0) {
        context.runOnContext(v -> task.run());
      } else {
        // setTimer called on the context binds the handler to it
        context.runOnContext(v -> vertx.setTimer(delayMillis, id -> task.run()));
      }
    }
  }

  private final Vertx vertx;
  private final RealtimeSecretsClientOptions options;
  /**
   * The client calls go through: over TLS with {@code http2} on, first one that offers h2 through ALPN, whose
   * Vert.x pool is bounded by {@code http2MaxConnections} whatever protocol the server picks.
   */
  private volatile HttpClient httpClient;
  /**
   * Over TLS with {@code http2} on: an HTTP/1.1 client with the {@code maxConnections} pool, taken over from
   * the ALPN client once a connection shows the server picked HTTP/1.1 (else {@code null}). Without it an
   * HTTP/1.1-only upstream would get {@code http2MaxConnections} (4) connections.
   */
  private final HttpClient http11Fallback;
  private final HttpClient alpnClient;
  private final ClientTimer timer;
  private final RetryPolicy retryPolicy;
  private final ErrorTranslator errors;
  private final String host;
  private final int port;
  private final boolean ssl;
  private final String basePath;
  private final Map<String, String> fixedHeaders;
  private final ClientTracing tracing;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile RateLimitInfo lastRateLimit = RateLimitInfo.UNKNOWN;

  /**
   * Creates the client; use {@link RealtimeSecretsClient#create(Vertx, RealtimeSecretsClientOptions)}.
   *
   * @param vertx the Vert.x instance
   * @param options the options, already copied
   */
  public RealtimeSecretsClientImpl(Vertx vertx, RealtimeSecretsClientOptions options) {
    this(vertx, options, null, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Creates the client with injected timing and jitter, for tests.
   *
   * @param vertx the Vert.x instance
   * @param options the options, already copied
   * @param timer the timer, or {@code null} for Vert.x timers
   * @param jitter a source of uniform doubles in [0, 1)
   */
  public RealtimeSecretsClientImpl(Vertx vertx, RealtimeSecretsClientOptions options, ClientTimer timer,
      java.util.function.DoubleSupplier jitter) {
    this.vertx = vertx;
    this.options = options;
    this.timer = timer != null ? timer : new VertxClientTimer(vertx);
    this.retryPolicy = new RetryPolicy(options.getInitialRetryDelay(), options.getMaxRetryDelay(), jitter);
    URI base = URI.create(options.getBaseUrl());
    this.ssl = "https".equalsIgnoreCase(base.getScheme());
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80);
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.errors = new ErrorTranslator(options.getApiKey());
    this.fixedHeaders = fixedHeaders(options, host);
    this.tracing = ClientTracing.of(options.getOpenTelemetry());
    // with the OpenTelemetry API the mint span is the upstream call's client span and puts its traceparent on
    // it; a Vert.x tracer (vertx-opentelemetry) would add a second span and a second traceparent header
    boolean vertxTracing = tracing == ClientTracing.NONE;
    boolean alpn = ssl && options.isHttp2();
    this.alpnClient = VertxCompat.httpClient(vertx,
        httpClientOptions(options, ssl, options.isHttp2(), vertxTracing), poolOptions(options));
    this.http11Fallback = alpn ? VertxCompat.httpClient(vertx,
        httpClientOptions(options, ssl, false, vertxTracing), poolOptions(options)) : null;
    this.httpClient = alpnClient;
  }

  private static Map<String, String> fixedHeaders(RealtimeSecretsClientOptions options, String host) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", "application/json");
    h.put("accept", "application/json");
    h.put("user-agent", options.getUserAgent());
    String key = options.getApiKey();
    if (key != null && !key.isEmpty()) {
      String header = options.getApiKeyHeader();
      if (header == null && isAzureHost(host)) {
        header = "api-key";
      }
      if (header == null || header.equalsIgnoreCase("authorization")) {
        h.put("authorization", "Bearer " + key);
      } else {
        h.put(header.toLowerCase(Locale.ROOT), key);
      }
    }
    if (options.getOrganization() != null) {
      h.put("openai-organization", options.getOrganization());
    }
    if (options.getProject() != null) {
      h.put("openai-project", options.getProject());
    }
    options.getHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
    return Map.copyOf(h);
  }

  static boolean isAzureHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".openai.azure.com") || h.endsWith(".cognitiveservices.azure.com")
        || h.endsWith(".services.ai.azure.com");
  }

  private static HttpClientOptions httpClientOptions(RealtimeSecretsClientOptions o, boolean ssl, boolean http2,
      boolean vertxTracing) {
    HttpClientOptions h = new HttpClientOptions();
    if (!vertxTracing) {
      h.setTracingPolicy(TracingPolicy.IGNORE);
    }
    h.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, o.getConnectTimeout().toMillis()));
    h.setIdleTimeout((int) Math.max(1, o.getIdleTimeout().toSeconds()));
    h.setKeepAlive(true);
    h.setKeepAliveTimeout((int) Math.max(1, o.getIdleTimeout().toSeconds()));
    h.setTcpNoDelay(true);
    h.setSsl(ssl);
    h.setVerifyHost(!o.isTrustAllInsecure());
    h.setTrustAll(o.isTrustAllInsecure());
    if (o.getTrustOptions() != null) {
      h.setTrustOptions(o.getTrustOptions().copy());
    } else if (!o.getPemCaCertPaths().isEmpty()) {
      PemTrustOptions pem = new PemTrustOptions();
      o.getPemCaCertPaths().forEach(pem::addCertPath);
      h.setTrustOptions(pem);
    }
    if (http2 && ssl) {
      // ALPN offers h2 then http/1.1: the server picks, so an HTTP/1.1-only upstream still works
      h.setProtocolVersion(HttpVersion.HTTP_2);
      h.setUseAlpn(true);
    } else if (http2 && o.isHttp2PriorKnowledge()) {
      // cleartext: HTTP/2 with prior knowledge, no HTTP/1.1 upgrade round trip
      h.setProtocolVersion(HttpVersion.HTTP_2);
      h.setHttp2ClearTextUpgrade(false);
    }
    h.setDecompressionSupported(true);
    return h;
  }

  private static PoolOptions poolOptions(RealtimeSecretsClientOptions o) {
    PoolOptions p = new PoolOptions();
    p.setHttp1MaxSize(o.getMaxConnections());
    p.setHttp2MaxSize(o.getHttp2MaxConnections());
    return p;
  }

  @Override
  public <R extends EphemeralSecret> Future<MintResult<R>> mint(SecretRequest<R> request, CallOptions callOptions) {
    if (request == null) {
      return Future.failedFuture(new NullPointerException("request"));
    }
    CallOptions call = callOptions == null ? CallOptions.DEFAULTS : callOptions;
    if (closed.get()) {
      return Future.failedFuture(new IllegalStateException("client is closed"));
    }
    Buffer body;
    try {
      request.validate();
      body = Buffer.buffer(request.toJson());
    } catch (RequestValidationException e) {
      return Future.failedFuture(e);
    } catch (RuntimeException e) {
      return Future.failedFuture(new RequestValidationException("$", "cannot be encoded: " + e.getClass().getSimpleName()));
    }
    Context context = vertx.getOrCreateContext();
    Promise<MintResult<R>> promise = Promise.promise();
    Call<R> c = new Call<>(request, call, body, context, promise);
    // started here, on the caller's thread, so that the caller's current span (a /token call's) is its parent
    ClientTracing.MintTrace trace = tracing.startMint("POST", request.endpoint().path(), host);
    c.trace = trace;
    if (trace != ClientTracing.MintTrace.NONE) {
      promise.future().onComplete(ar -> {
        if (ar.succeeded()) {
          trace.succeeded(ar.result().secret(), ar.result().attempts());
        } else {
          Throwable t = ar.cause();
          trace.failedForGood(t instanceof ApiException ? ((ApiException) t).status() : 0, t.getClass().getName());
        }
      });
    }
    if (call.cancellation() != null) {
      call.cancellation().onComplete(ar -> context.runOnContext(v -> c.cancel()));
    }
    if (Vertx.currentContext() == context) {
      c.attempt();
    } else {
      context.runOnContext(v -> c.attempt());
    }
    return promise.future();
  }

  /** One call: its attempts, their timers and its deadline, all on one context. */
  private final class Call<R extends EphemeralSecret> {
    private final SecretRequest<R> request;
    private final Buffer body;
    private final Context context;
    private final Promise<MintResult<R>> promise;
    private final Map<String, String> headers;
    private final int maxRetries;
    private final long deadlineNanos;
    private final long callTimeoutMillis;
    private int attempts;
    private RealtimeSecretsException lastFailure;
    /**
     * Whether the current attempt's answer began with a 2xx status: the upstream has then minted, and
     * sending the request again would mint a second secret and orphan the first, whatever became of the body.
     */
    private boolean mintedUpstream;
    /** Set once the caller's {@link CallOptions#cancellation()} signal fired; no attempt starts after. */
    private boolean cancelled;
    private Promise<Answer> inFlightAnswer;
    private HttpClientRequest[] inFlightRequest;
    private ClientTracing.MintTrace trace = ClientTracing.MintTrace.NONE;

    Call(SecretRequest<R> request, CallOptions call, Buffer body, Context context, Promise<MintResult<R>> promise) {
      this.request = request;
      this.body = body;
      this.context = context;
      this.promise = promise;
      this.maxRetries = call.maxRetries() != null ? call.maxRetries() : options.getMaxRetries();
      Duration timeout = call.timeout() != null ? call.timeout() : options.getCallTimeout();
      this.callTimeoutMillis = timeout.toMillis();
      this.deadlineNanos = timer.nanoTime() + timeout.toNanos();
      if (call.headers().isEmpty()) {
        this.headers = fixedHeaders;
      } else {
        Map<String, String> h = new LinkedHashMap<>(fixedHeaders);
        call.headers().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        this.headers = h;
      }
    }

    void attempt() {
      try {
        tryAttempt();
      } catch (RuntimeException e) {
        // e.g. the HTTP client closed under us: the caller must still get an answer
        promise.tryFail(closed.get() ? new IllegalStateException("client is closed") : e);
      }
    }

    /** The caller no longer wants the secret: stop retrying and give the connection of an attempt back. */
    void cancel() {
      if (cancelled || promise.future().isComplete()) {
        return;
      }
      cancelled = true;
      promise.tryFail(new CancellationException("POST " + request.endpoint().path() + " cancelled by the caller"
          + " after " + attempts + " attempt(s)"));
      Promise<Answer> answer = inFlightAnswer;
      if (answer != null && answer.tryFail(new CancellationException("cancelled"))) {
        abandon(inFlightRequest[0]);
      }
    }

    private void tryAttempt() {
      if (cancelled) {
        return;
      }
      if (closed.get()) {
        promise.tryFail(new IllegalStateException("client is closed"));
        return;
      }
      attempts++;
      mintedUpstream = false;
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - timer.nanoTime());
      if (remainingMillis <= 0) {
        promise.tryFail(new UpstreamTimeoutException("call deadline of " + callTimeoutMillis + " ms exceeded"
            + (lastFailure == null ? "" : "; last failure: " + lastFailure.getMessage()), lastFailure,
            Math.max(1, attempts - 1)));
        return;
      }
      long attemptTimeout = Math.min(options.getAttemptTimeout().toMillis(), remainingMillis);
      boolean cappedByDeadline = attemptTimeout < options.getAttemptTimeout().toMillis();
      long sentAtNanos = timer.nanoTime();
      exchange(attemptTimeout).onComplete(ar -> {
        if (ar.succeeded()) {
          onAnswer(ar.result(), sentAtNanos);
        } else {
          RealtimeSecretsException failure = errors.fromTransport(ar.cause(), host, port, attemptTimeout,
              cappedByDeadline ? "the call deadline" : "attemptTimeout", attempts);
          if (mintedUpstream && failure instanceof UpstreamException u
              && u.kind() == UpstreamException.Kind.CONNECTION) {
            // the 2xx head came, the body did not: as unusable as a malformed one, and as surely minted
            failure = new UpstreamException(UpstreamException.Kind.INVALID_RESPONSE, "HTTP 2xx from " + host
                + ":" + port + " whose body broke off: " + u.getMessage(), ar.cause(), attempts);
          }
          trace.failed(attempts, failure.getClass().getName());
          onFailure(failure);
        }
      });
    }

    private Future<Answer> exchange(long attemptTimeoutMillis) {
      RequestOptions ro = new RequestOptions()
          .setMethod(HttpMethod.POST)
          .setHost(host)
          .setPort(port)
          .setSsl(ssl)
          .setURI(basePath + request.endpoint().path())
          // waiting for a pooled connection and silence on the wire both count against the attempt
          .setConnectTimeout(attemptTimeoutMillis)
          .setIdleTimeout(attemptTimeoutMillis);
      headers.forEach(ro::putHeader);
      trace.inject(ro::putHeader);
      Promise<Answer> answer = Promise.promise();
      HttpClientRequest[] current = new HttpClientRequest[1];
      inFlightAnswer = answer;
      inFlightRequest = current;
      long timerId = vertx.setTimer(attemptTimeoutMillis, id -> {
        if (answer.tryFail(new java.util.concurrent.TimeoutException(
            "no complete answer within " + attemptTimeoutMillis + " ms"))) {
          abandon(current[0]);
        }
      });
      Future<HttpClientRequest> requested;
      try {
        requested = httpClient.request(ro);
      } catch (RuntimeException e) {
        // a closed HttpClient throws instead of failing the future
        requested = Future.failedFuture(e);
      }
      requested
          .compose(req -> {
            if (answer.future().isComplete()) {
              // timed out while waiting for a pooled connection: do not send a mint nobody will receive
              abandon(req);
              return Future.failedFuture("attempt already timed out");
            }
            current[0] = req;
            if (http11Fallback != null && httpClient != http11Fallback && req.version() != HttpVersion.HTTP_2) {
              // ALPN said HTTP/1.1: later calls get the full HTTP/1.1 pool; calls already waiting here stay
              httpClient = http11Fallback;
            }
            return req.send(body);
          })
          .onSuccess(resp -> readAnswer(resp, current[0], answer))
          .onFailure(answer::tryFail);
      return answer.future().onComplete(ar -> vertx.cancelTimer(timerId));
    }

    private void readAnswer(HttpClientResponse resp, HttpClientRequest req, Promise<Answer> answer) {
      if (answer.future().isComplete()) {
        // this attempt timed out and was abandoned; its late head must not speak for the next attempt
        return;
      }
      mintedUpstream = resp.statusCode() >= 200 && resp.statusCode() < 300;
      int cap = options.getMaxResponseBytes();
      String declared = resp.getHeader("content-length");
      if (declared != null) {
        try {
          if (Long.parseLong(declared.trim()) > cap) {
            answer.tryFail(new ResponseTooLargeException(cap));
            // the reset comes back as this response's exception; unhandled, Vert.x logs it at SEVERE
            resp.exceptionHandler(expected -> { });
            abandon(req);
            return;
          }
        } catch (NumberFormatException ignored) {
          // malformed length: the streaming cap below still applies
        }
      }
      Buffer acc = Buffer.buffer();
      resp.handler(chunk -> {
        if (acc.length() + chunk.length() > cap) {
          if (answer.tryFail(new ResponseTooLargeException(cap))) {
            abandon(req);
          }
        } else {
          acc.appendBuffer(chunk);
        }
      });
      resp.exceptionHandler(answer::tryFail);
      resp.endHandler(v -> answer.tryComplete(new Answer(resp.statusCode(), resp.headers(), acc)));
    }

    private void onAnswer(Answer a, long sentAtNanos) {
      RateLimitInfo rl = ErrorTranslator.rateLimit(a.headers);
      if (rl.isKnown()) {
        lastRateLimit = rl;
      }
      String requestId = a.headers.get("x-request-id");
      trace.answered(attempts, a.status, requestId);
      Instant serverDate = ErrorTranslator.parseHttpDate(a.headers.get("date"));
      if (a.status >= 200 && a.status < 300) {
        R secret;
        try {
          secret = errors.decodeSecret(a, request.responseType(), host, serverDate, attempts);
        } catch (UpstreamException e) {
          onFailure(e);
          return;
        }
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
          LOG.log(System.Logger.Level.DEBUG, "POST {0} minted {1} in {2} ms, attempt {3}",
              request.endpoint().path(), secret.redactedSecret(),
              TimeUnit.NANOSECONDS.toMillis(timer.nanoTime() - sentAtNanos), attempts);
        }
        promise.tryComplete(new MintResult<>(secret, serverDate, requestId, attempts, rl));
      } else {
        onFailure(errors.fromStatus(a, serverDate, requestId, attempts));
      }
    }

    private void onFailure(RealtimeSecretsException failure) {
      if (cancelled) {
        return;
      }
      lastFailure = failure;
      if (!failure.isRetryable() || attempts > maxRetries || mintedUpstream) {
        promise.tryFail(failure.withAttempts(attempts));
        return;
      }
      long delay = retryPolicy.delayMillis(attempts, failure);
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - timer.nanoTime());
      if (delay >= remainingMillis) {
        // waiting would land past the deadline: fail now rather than sleep into a certain timeout
        LOG.log(System.Logger.Level.DEBUG, "POST {0}: retry in {1} ms would pass the call deadline, giving up",
            request.endpoint().path(), delay);
        promise.tryFail(failure.withAttempts(attempts));
        return;
      }
      LOG.log(System.Logger.Level.DEBUG, "POST {0} attempt {1} failed ({2}), retrying in {3} ms",
          request.endpoint().path(), attempts, failure.getMessage(), delay);
      trace.retrying(attempts, delay);
      timer.schedule(context, delay, this::attempt);
    }
  }

  private static void abandon(HttpClientRequest req) {
    if (req != null) {
      // a stalled or over-long exchange must not go back to the pool; on HTTP/2 only its stream goes
      VertxCompat.reset(req);
    }
  }

  /** A complete HTTP answer, body within the cap. */
  static final class Answer {
    final int status;
    final MultiMap headers;
    final Buffer body;

    Answer(int status, MultiMap headers, Buffer body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }
  }

  /** Internal marker: the answer crossed the size cap. */
  static final class ResponseTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int cap;

    ResponseTooLargeException(int cap) {
      super("response larger than " + cap + " bytes", null, false, false);
      this.cap = cap;
    }
  }

  @Override
  public RateLimitInfo lastRateLimit() {
    return lastRateLimit;
  }

  @Override
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return http11Fallback == null ? alpnClient.close()
        : Future.join(alpnClient.close(), http11Fallback.close()).mapEmpty();
  }

  @Override
  public String toString() {
    return "RealtimeSecretsClient{" + options.getBaseUrl() + '}';
  }
}
