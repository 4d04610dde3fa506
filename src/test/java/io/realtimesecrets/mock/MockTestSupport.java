package io.realtimesecrets.mock;

import io.realtimesecrets.model.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** Starts mocks and talks to them with a plain Vert.x WebClient (never the project's own client). */
final class MockTestSupport {

  static final String KEY = "sk-test-0123456789abcdef";

  /** Bodies that each endpoint accepts, with nothing beyond what the endpoint requires. */
  static String minimalBody(Endpoint endpoint) {
    switch (endpoint) {
      case CLIENT_SECRETS:
        return "{\"session\":{\"type\":\"realtime\"}}";
      case TRANSLATIONS:
        return "{\"session\":{\"model\":\"gpt-realtime-translate\"}}";
      default:
        return "{}";
    }
  }

  private MockTestSupport() {
  }

  static Future<MockUpstream> start(Vertx vertx, MockUpstreamOptions options) {
    return MockUpstream.create(vertx, options).start();
  }

  static HttpRequest<Buffer> request(WebClient client, MockUpstream mock, Endpoint endpoint, String key) {
    HttpRequest<Buffer> req = client.postAbs(mock.baseUrl() + endpoint.path())
        .putHeader("content-type", "application/json");
    if (key != null) {
      req.putHeader("authorization", "Bearer " + key);
    }
    return req;
  }

  static Future<HttpResponse<Buffer>> post(WebClient client, MockUpstream mock, Endpoint endpoint, String body) {
    return request(client, mock, endpoint, KEY).sendBuffer(Buffer.buffer(body));
  }

  static Future<HttpResponse<Buffer>> mint(WebClient client, MockUpstream mock, Endpoint endpoint) {
    return post(client, mock, endpoint, minimalBody(endpoint));
  }

  /** The secret of a 200 answer, wherever the endpoint puts it. */
  static String secretOf(Endpoint endpoint, JsonObject body) {
    return isBeta(endpoint) ? body.getJsonObject("client_secret").getString("value") : body.getString("value");
  }

  static long expiresAtOf(Endpoint endpoint, JsonObject body) {
    return isBeta(endpoint) ? body.getJsonObject("client_secret").getLong("expires_at")
        : body.getLong("expires_at");
  }

  static boolean isBeta(Endpoint endpoint) {
    return endpoint == Endpoint.SESSIONS || endpoint == Endpoint.TRANSCRIPTION_SESSIONS;
  }

  static JsonObject error(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("error");
  }
}
