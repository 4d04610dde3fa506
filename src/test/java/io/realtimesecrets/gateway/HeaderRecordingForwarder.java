package io.realtimesecrets.gateway;

import io.realtimesecrets.client.impl.VertxCompat;
import io.realtimesecrets.mock.MockUpstream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP forwarder on 127.0.0.1 in front of a mock upstream that keeps the headers of every request it
 * forwards, so a test can see what reached the upstream (its {@code traceparent}, say).
 */
final class HeaderRecordingForwarder {

  /** The headers of each forwarded request, in arrival order. */
  final List<MultiMap> headers = new CopyOnWriteArrayList<>();
  private final MockUpstream mock;
  private HttpServer server;

  private HeaderRecordingForwarder(MockUpstream mock) {
    this.mock = mock;
  }

  /** Starts one in front of {@code mock}, on a port the OS chooses. */
  static Future<HeaderRecordingForwarder> start(Vertx vertx, MockUpstream mock) {
    HeaderRecordingForwarder f = new HeaderRecordingForwarder(mock);
    // through VertxCompat: createHttpClient() returns another type on 5.x
    HttpClient toMock = VertxCompat.httpClient(vertx, new HttpClientOptions(), new PoolOptions());
    return vertx.createHttpServer().requestHandler(req -> {
      f.headers.add(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
      req.body().compose(body -> toMock.request(new RequestOptions().setMethod(req.method()).setPort(mock.port())
              .setHost("127.0.0.1").setURI(req.uri()).setHeaders(MultiMap.caseInsensitiveMultiMap()
                  .addAll(req.headers()).remove("host")))
          .compose(up -> up.send(body)).compose(resp -> resp.body().map(b -> {
            req.response().setStatusCode(resp.statusCode()).headers().addAll(resp.headers());
            return b;
          })))
          .onSuccess(b -> req.response().end(b))
          .onFailure(e -> req.response().setStatusCode(599).end());
    }).listen(0, "127.0.0.1").map(server -> {
      f.server = server;
      return f;
    });
  }

  /** The mock's base URL, through this forwarder. */
  String baseUrl() {
    return mock.baseUrl().replace(":" + mock.port() + "/", ":" + server.actualPort() + "/");
  }

  Future<Void> close() {
    return server.close();
  }
}
