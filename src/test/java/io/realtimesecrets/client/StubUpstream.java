package io.realtimesecrets.client;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A bare HTTP server on 127.0.0.1 and an OS-chosen port that answers every request with what the test
 * says, for upstream answers the mock does not produce (absurd {@code expires_at}, odd headers), and that
 * records the headers each request arrived with, as they were on the wire.
 */
final class StubUpstream {

  private final Vertx vertx;
  private final List<MultiMap> requestHeaders = new CopyOnWriteArrayList<>();
  private volatile Consumer<HttpServerRequest> answer;
  private HttpServer server;

  private StubUpstream(Vertx vertx, Consumer<HttpServerRequest> answer) {
    this.vertx = vertx;
    this.answer = answer;
  }

  static Future<StubUpstream> start(Vertx vertx, Consumer<HttpServerRequest> answer) {
    StubUpstream stub = new StubUpstream(vertx, answer);
    return stub.vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true))
        .requestHandler(req -> req.body().onSuccess(body -> {
          MultiMap copy = MultiMap.caseInsensitiveMultiMap();
          copy.addAll(req.headers());
          stub.requestHeaders.add(copy);
          stub.answer.accept(req);
        }))
        .listen(0, "127.0.0.1")
        .map(s -> {
          stub.server = s;
          return stub;
        });
  }

  /** Answers 200 with this JSON body and a {@code Date} header. */
  static Consumer<HttpServerRequest> okJson(String body) {
    return req -> req.response().putHeader("content-type", "application/json")
        .putHeader("date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
            .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)))
        .end(body);
  }

  void answer(Consumer<HttpServerRequest> answer) {
    this.answer = answer;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  int requests() {
    return requestHeaders.size();
  }

  List<MultiMap> requestHeaders() {
    return requestHeaders;
  }

  Future<Void> close() {
    return server.close();
  }
}
