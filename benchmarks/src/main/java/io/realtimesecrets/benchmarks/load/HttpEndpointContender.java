package io.realtimesecrets.benchmarks.load;

import io.realtimesecrets.benchmarks.InMemoryUpstreamClient;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.GatewayProfile;
import io.realtimesecrets.gateway.TokenGateway;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code gateway} and {@code bare}: {@code GET /token} over keep-alive HTTP/1.1 from a Vert.x HttpClient (its own
 * Vert.x instance, {@code concurrency} connections), against either the real gateway (a warm pool behind it) or
 * a bare Vert.x endpoint answering a fixed JSON body of the same size: the ceiling of this machine's HTTP path.
 * Both servers run the same number of instances (event loops).
 */
final class HttpEndpointContender implements Contender {

  private final boolean gateway;
  private boolean raw;
  private boolean inMemoryUpstream;
  private RequestOptions rawRequest;
  private final String upstreamBaseUrl;
  private final int concurrency;
  private final int stock;
  private final int serverInstances;
  private Vertx serverVertx;
  private Vertx loadVertx;
  private RealtimeSecretsClient client;
  private TokenGateway tokenGateway;
  private HttpClient loadClient;
  private int port;
  private int bodyBytes;
  // mints the gateway's pool completed (successful or not): how far it has refilled what it handed out
  private final java.util.concurrent.atomic.LongAdder mintsCompleted = new java.util.concurrent.atomic.LongAdder();

  HttpEndpointContender(boolean gateway, String upstreamBaseUrl, int concurrency, int stock, int serverInstances) {
    this.gateway = gateway;
    this.upstreamBaseUrl = upstreamBaseUrl;
    this.concurrency = concurrency;
    this.stock = stock;
    this.serverInstances = serverInstances;
  }

  /**
   * {@code mock-raw}: the same load client POSTing the mint request straight to the mock: how fast the mock
   * itself answers on this machine (a diagnostic, the ceiling of every minting contender).
   */
  static HttpEndpointContender rawMock(String upstreamBaseUrl, int concurrency) {
    HttpEndpointContender c = new HttpEndpointContender(false, upstreamBaseUrl, concurrency, 0, 1);
    c.raw = true;
    return c;
  }

  /**
   * {@code gateway-memory}: the gateway whose pool refills from {@link InMemoryUpstreamClient}, so the run measures
   * the gateway's own HTTP path and pool, without the mock's and client's refill CPU on the same two cores.
   */
  static HttpEndpointContender gatewayInMemory(int concurrency, int stock, int serverInstances) {
    HttpEndpointContender c = new HttpEndpointContender(true, null, concurrency, stock, serverInstances);
    c.inMemoryUpstream = true;
    return c;
  }

  @Override
  public String name() {
    return raw ? "mock-raw" : inMemoryUpstream ? "gateway-memory" : gateway ? "gateway" : "bare";
  }

  @Override
  public void open() throws Exception {
    serverVertx = Vertx.vertx();
    if (raw) {
      java.net.URI uri = java.net.URI.create(upstreamBaseUrl);
      loadVertx = Vertx.vertx();
      loadClient = loadVertx.createHttpClient(
          new HttpClientOptions().setKeepAlive(true).setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort()),
          new PoolOptions().setHttp1MaxSize(concurrency).setMaxWaitQueueSize(-1));
      rawRequest = new RequestOptions().setMethod(HttpMethod.POST).setURI(uri.getPath() + "/realtime/client_secrets")
          .putHeader("Authorization", "Bearer " + Workload.API_KEY)
          .putHeader("Content-Type", "application/json");
      bodyBytes = Workload.await(fetch(), 30).length();
      return;
    }
    Handler<HttpServerRequest> handler;
    if (gateway) {
      RealtimeSecretsClient real = inMemoryUpstream ? new InMemoryUpstreamClient()
          : RealtimeSecretsClient.create(serverVertx, DirectContender.clientOptions(upstreamBaseUrl, concurrency));
      client = new CountingClient(real, mintsCompleted);
      GatewayOptions options = new GatewayOptions()
          .setHost(Workload.HOST)
          .setPort(0)
          .setAllowAnonymous(true)
          .setAccessLog(false)
          .addProfile(GatewayProfile.builder(GatewayProfile.DEFAULT_NAME)
              .request(new JsonObject(Workload.REQUEST_JSON))
              .pool(PoolContender.poolOptions(stock, concurrency))
              .build());
      tokenGateway = TokenGateway.create(serverVertx, client, options);
      Workload.await(tokenGateway.start(), 300);
      handler = tokenGateway.router();
    } else {
      Buffer body = Buffer.buffer(sampleUpstreamBody());
      handler = req -> req.response()
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(body);
    }
    // N verticle instances listening on one port share its accept socket, spread over N event loops (the
    // benchmark runs on Vert.x 5 only, so it may deploy verticles; the library itself never does)
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(Workload.HOST))) {
      port = probe.getLocalPort();
    }
    Handler<HttpServerRequest> h = handler;
    int p = port;
    Workload.await(serverVertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer().requestHandler(h).listen(p, Workload.HOST);
      }
    }, new io.vertx.core.DeploymentOptions().setInstances(serverInstances)), 30);
    loadVertx = Vertx.vertx();
    loadClient = loadVertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setDefaultHost(Workload.HOST).setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(concurrency).setMaxWaitQueueSize(-1));
    bodyBytes = Workload.await(fetch(), 30).length();
  }

  /** A real response of the mock: the bare endpoint answers this many bytes, as the gateway would. */
  private String sampleUpstreamBody() throws Exception {
    HttpClient c = serverVertx.createHttpClient();
    try {
      Future<Buffer> f = c.request(new RequestOptions().setMethod(HttpMethod.POST)
              .setAbsoluteURI(upstreamBaseUrl + "/realtime/client_secrets")
              .putHeader("Authorization", "Bearer " + Workload.API_KEY)
              .putHeader("Content-Type", "application/json"))
          .compose(req -> req.send(Workload.REQUEST_JSON))
          .compose(resp -> resp.statusCode() == 200 ? resp.body()
              : Future.failedFuture("mock answered " + resp.statusCode()));
      return Workload.await(f, 30).toString();
    } finally {
      Workload.await(c.close(), 30);
    }
  }

  private Future<Buffer> fetch() {
    if (raw) {
      return loadClient.request(rawRequest)
          .compose(req -> req.send(Workload.REQUEST_JSON))
          .compose(resp -> resp.statusCode() == 200 ? resp.body()
              : resp.body().compose(b -> Future.failedFuture("HTTP " + resp.statusCode() + " " + b)));
    }
    return loadClient.request(HttpMethod.GET, "/token")
        .compose(req -> req.send())
        .compose(resp -> resp.statusCode() == 200 ? resp.body()
            : resp.body().compose(b -> Future.failedFuture("HTTP " + resp.statusCode() + " " + b)));
  }

  /** Mints the gateway's pool has completed so far (0 for the other kinds). */
  long mintsCompleted() {
    return mintsCompleted.sum();
  }

  @Override
  public void start(Consumer<Throwable> done) {
    fetch().onComplete(ar -> done.accept(ar.failed() ? ar.cause() : null));
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("serverInstances", serverInstances);
    d.put("bodyBytes", bodyBytes);
    d.put("loadClient", "Vert.x HttpClient, HTTP/1.1 keep-alive, " + concurrency + " connections, own Vert.x");
    if (gateway) {
      d.put("upstream", inMemoryUpstream ? "in-memory (no HTTP mint)" : "mock over HTTP, client in the same JVM");
      d.put("stock", stock);
      d.put("maxConnections", concurrency);
    }
    return d;
  }

  @Override
  public void close() throws Exception {
    // open() may have failed half way: close what exists
    if (loadClient != null) {
      Workload.await(loadClient.close(), 30);
    }
    if (loadVertx != null) {
      Workload.await(loadVertx.close(), 30);
    }
    if (tokenGateway != null) {
      Workload.await(tokenGateway.close(), 30);
    }
    if (client != null) {
      Workload.await(client.close(), 30);
    }
    if (serverVertx != null) {
      Workload.await(serverVertx.close(), 30);
    }
  }

  /** Counts completed mints of the client it wraps; everything else is the wrapped client's. */
  private static final class CountingClient implements RealtimeSecretsClient {
    private final RealtimeSecretsClient delegate;
    private final java.util.concurrent.atomic.LongAdder completed;

    CountingClient(RealtimeSecretsClient delegate, java.util.concurrent.atomic.LongAdder completed) {
      this.delegate = delegate;
      this.completed = completed;
    }

    @Override
    public <R extends io.realtimesecrets.model.EphemeralSecret> Future<io.realtimesecrets.client.MintResult<R>> mint(
        io.realtimesecrets.model.SecretRequest<R> request, io.realtimesecrets.client.CallOptions callOptions) {
      return delegate.mint(request, callOptions).onComplete(ar -> completed.increment());
    }

    @Override
    public io.realtimesecrets.client.RateLimitInfo lastRateLimit() {
      return delegate.lastRateLimit();
    }

    @Override
    public Future<Void> close() {
      return delegate.close();
    }
  }
}
