package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.LogCapture;
import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.impl.VertxCompat;
import io.realtimesecrets.gateway.impl.SecretSource;
import io.realtimesecrets.gateway.impl.TokenGatewayImpl;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.pool.SecretPoolException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the gateway's router does with what a network sends it: Host names, forwarded addresses, odd paths,
 * methods and bodies, a drain, and what it logs about itself. Raw HTTP over a socket, so nothing is
 * normalised on the way; time from an injected clock.
 */
@ExtendWith(VertxExtension.class)
class TokenGatewayExposureTest {

  private static final String HOST = "127.0.0.1";
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong();
  @RegisterExtension
  final LogCapture log = LogCapture.of("io.realtimesecrets");
  private TokenGatewayImpl gateway;
  private int port;
  private Vertx vertx;

  private Future<Void> start(Vertx vertx, GatewayOptions options, SecretSource source) {
    Map<String, SecretSource> sources = new LinkedHashMap<>();
    sources.put("default", source);
    this.vertx = vertx;
    gateway = new TokenGatewayImpl(vertx, options, sources, null, clock::get);
    return vertx.createHttpServer().requestHandler(gateway.router()).listen(0, HOST)
        .map(HttpServer::actualPort)
        .map(p -> {
          port = p;
          return null;
        });
  }

  /** Sends raw bytes, returns everything the server wrote until it closed the connection. */
  private Future<String> exchange(String request) {
    NetClient client = vertx.createNetClient();
    Promise<String> answer = Promise.promise();
    client.connect(port, HOST).onComplete(ar -> {
      if (ar.failed()) {
        answer.fail(ar.cause());
        return;
      }
      NetSocket socket = ar.result();
      Buffer received = Buffer.buffer();
      socket.handler(received::appendBuffer);
      socket.closeHandler(v -> answer.tryComplete(received.toString()));
      socket.write(request);
    });
    return answer.future().eventually(client::close);
  }

  private Future<String> get(String path, String hostHeader, String... headers) {
    StringBuilder b = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n");
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    return exchange(b.append("Connection: close\r\n\r\n").toString());
  }

  private static int status(String raw) {
    return Integer.parseInt(raw.substring(9, 12));
  }

  private static String header(String raw, String name) {
    for (String line : raw.substring(0, raw.indexOf("\r\n\r\n")).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  private static JsonObject errorOf(String raw) {
    String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
    return new JsonObject(body).getJsonObject("error");
  }

  // ---- item 12: Host names (DNS rebinding) ----

  @Test
  void aMountedRouterWithAllowedHostsRefusesOtherHostNamesWithJson421(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    start(vertx, new GatewayOptions().addAllowedHost("tokens.example.com"), source)
        .compose(v -> get("/token", "rebind.attacker.example"))
        .compose(refused -> get("/token", "tokens.example.com:443").map(ok -> List.of(refused, ok)))
        .compose(rs -> get("/token", "localhost:" + port).map(local -> List.of(rs.get(0), rs.get(1), local)))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals(421, status(rs.get(0)), rs.get(0));
          assertEquals("misdirected_request", errorOf(rs.get(0)).getString("type"));
          assertEquals(200, status(rs.get(1)), rs.get(1));
          assertEquals(200, status(rs.get(2)), rs.get(2));
          assertEquals(2, source.served.get(), "the refused call took no secret");
          ctx.completeNow();
        })));
  }

  @Test
  void aMountedRouterServedOverHttp2ChecksTheAuthority(Vertx vertx, VertxTestContext ctx) {
    // HTTP/2 has no Host line: the name is the :authority pseudo-header, and a browser on a rebound name
    // sends that name there
    FakeSecretSource source = new FakeSecretSource();
    HttpClient h2 = VertxCompat.httpClient(vertx, new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false), new PoolOptions());
    start(vertx, new GatewayOptions().addAllowedHost("tokens.example.com"), source)
        .compose(v -> h2get(h2, "rebind.attacker.example"))
        .compose(refused -> h2get(h2, "tokens.example.com").map(ok -> List.of(refused, ok)))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals("HTTP_2 421", rs.get(0).getString("status"), rs.get(0).encode());
          assertEquals("misdirected_request", rs.get(0).getJsonObject("body").getJsonObject("error")
              .getString("type"));
          assertEquals("HTTP_2 200", rs.get(1).getString("status"), rs.get(1).encode());
          assertEquals(1, source.served.get(), "the refused call took no secret");
          h2.close().onComplete(ctx.succeedingThenComplete());
        })));
  }

  /** GET /token over HTTP/2 (prior knowledge) with this :authority; the protocol, status and JSON body. */
  private Future<JsonObject> h2get(HttpClient h2, String authority) {
    return h2.request(HttpMethod.GET, port, HOST, "/token")
        .compose(req -> req.authority(HostAndPort.create(authority, port)).send())
        .compose(resp -> resp.body().map(body -> new JsonObject()
            .put("status", resp.version() + " " + resp.statusCode())
            .put("body", new JsonObject(body.toString()))));
  }

  // ---- item 13: client key ----

  @Test
  void ignoresForwardedForFromAPeerThatIsNotATrustedProxy(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new GatewayOptions().setRateLimit(1), new FakeSecretSource())
        .compose(v -> get("/token", HOST, "X-Forwarded-For: 198.51.100.1"))
        .compose(a -> get("/token", HOST, "X-Forwarded-For: 198.51.100.2").map(b -> List.of(a, b)))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals(200, status(rs.get(0)));
          assertEquals(429, status(rs.get(1)), "a spoofed X-Forwarded-For must not buy a fresh bucket");
          ctx.completeNow();
        })));
  }

  @Test
  void keysEachClientBehindATrustedProxyOnItsOwnBucket(Vertx vertx, VertxTestContext ctx) {
    GatewayOptions options = new GatewayOptions().setRateLimit(1).addTrustedProxy("127.0.0.0/8");
    start(vertx, options, new FakeSecretSource())
        // the client wrote a fake first hop; the proxy appended the address it saw
        .compose(v -> get("/token", HOST, "X-Forwarded-For: 10.9.9.9, 198.51.100.1"))
        .compose(a -> get("/token", HOST, "X-Forwarded-For: 198.51.100.2").map(b -> List.of(a, b)))
        .compose(rs -> get("/token", HOST, "X-Forwarded-For: 10.8.8.8, 198.51.100.1")
            .map(again -> List.of(rs.get(0), rs.get(1), again)))
        .compose(rs -> get("/token", HOST, "X-Forwarded-For: 2001:db8:1:2::a")
            .map(v6 -> List.of(rs.get(0), rs.get(1), rs.get(2), v6)))
        .compose(rs -> get("/token", HOST, "X-Forwarded-For: 2001:db8:1:2:ffff::b")
            .map(sameLan -> List.of(rs.get(0), rs.get(1), rs.get(2), rs.get(3), sameLan)))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals(200, status(rs.get(0)));
          assertEquals(200, status(rs.get(1)), "another client has a bucket of its own");
          assertEquals(429, status(rs.get(2)), "the first client again, whatever it wrote to the left");
          assertEquals(200, status(rs.get(3)));
          assertEquals(429, status(rs.get(4)), "IPv6 clients are keyed by their /64");
          ctx.completeNow();
        })));
  }

  // ---- item 14: a mounted router's exposure ----

  @Test
  void warnsOnceWhenARouterHasNeitherAuthNorRateLimit(Vertx vertx, VertxTestContext ctx) {
    Map<String, SecretSource> sources = Map.of("default", new FakeSecretSource());
    TokenGatewayImpl open = new TokenGatewayImpl(vertx, new GatewayOptions(), sources, null, clock::get);
    open.router();
    open.router();
    assertEquals(1, warnings("neither").size(), log.toString());
    log.clear();
    new TokenGatewayImpl(vertx, new GatewayOptions().setAppHandlesAuthAndRateLimit(true), sources, null,
        clock::get).router();
    new TokenGatewayImpl(vertx, new GatewayOptions().setAuthToken("t0ken-for-test"), sources, null,
        clock::get).router();
    new TokenGatewayImpl(vertx, new GatewayOptions().setRateLimit(5), sources, null, clock::get).router();
    assertEquals(0, warnings("neither").size(), log.toString());
    ctx.completeNow();
  }

  private List<LogRecord> warnings(String containing) {
    List<LogRecord> out = new ArrayList<>();
    for (LogRecord r : log.records()) {
      if (r.getLevel() == java.util.logging.Level.WARNING && r.getMessage().contains(containing)) {
        out.add(r);
      }
    }
    return out;
  }

  // ---- item 15: contract polish ----

  @Test
  void answersEveryErrorWithJson(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new GatewayOptions(), new FakeSecretSource())
        .compose(v -> get("/nowhere", HOST))
        .compose(a -> get("/token/%ZZ", HOST).map(b -> List.of(a, b)))
        .compose(rs -> exchange("POST /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n").map(c -> List.of(rs.get(0), rs.get(1), c)))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals(404, status(rs.get(0)), rs.get(0));
          assertEquals("not_found", errorOf(rs.get(0)).getString("type"));
          assertEquals(400, status(rs.get(1)), rs.get(1));
          assertEquals("invalid_request", errorOf(rs.get(1)).getString("type"));
          assertEquals(405, status(rs.get(2)), rs.get(2));
          assertEquals("method_not_allowed", errorOf(rs.get(2)).getString("type"));
          for (String r : rs) {
            assertTrue(header(r, "Content-Type").startsWith("application/json"), r);
          }
          ctx.completeNow();
        })));
  }

  @Test
  void answersHeadOnTheHealthRoutes(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new GatewayOptions(), new FakeSecretSource())
        .compose(v -> exchange("HEAD /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
        .compose(a -> exchange("HEAD /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .map(b -> List.of(a, b)))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          for (String r : rs) {
            assertEquals(200, status(r), r);
            assertTrue(r.endsWith("\r\n\r\n"), "no body on HEAD: " + r);
          }
          ctx.completeNow();
        })));
  }

  @Test
  void ignoresFormAndOtherBodiesUpToTheDefault4KiBCapAndRefusesOneByteMore(Vertx vertx, VertxTestContext ctx) {
    assertEquals(4096, GatewayOptions.DEFAULT_MAX_BODY_BYTES);
    String form = "f=1&".repeat(1023) + "g=1"; // 4095 bytes, 1024 fields; two more bytes are over
    String longField = "a=" + "x".repeat(4094);
    String binary = "y".repeat(4096);
    start(vertx, new GatewayOptions(), new FakeSecretSource())
        .compose(v -> post("application/x-www-form-urlencoded", form))
        .compose(a -> post("application/octet-stream", binary).map(b -> List.of(a, b)))
        .compose(rs -> post("application/x-www-form-urlencoded", longField).map(c -> List.of(rs.get(0), rs.get(1), c)))
        .compose(rs -> post("application/x-www-form-urlencoded", form + "12")
            .map(d -> List.of(rs.get(0), rs.get(1), rs.get(2), d)))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          assertEquals(200, status(rs.get(0)), rs.get(0));
          assertEquals(200, status(rs.get(1)), rs.get(1));
          assertEquals(200, status(rs.get(2)), rs.get(2));
          assertEquals(413, status(rs.get(3)), rs.get(3));
          assertEquals("payload_too_large", errorOf(rs.get(3)).getString("type"));
          ctx.completeNow();
        })));
  }

  @Test
  void aMalformedChunkedBodyEndsTheConnectionWithoutASecret(Vertx vertx, VertxTestContext ctx) {
    // Vert.x (4.5 and 5.x) closes an HTTP/1 connection as soon as a body fails to decode, dropping anything
    // written in answer (it is not flushed yet): the caller sees the connection end, never a secret nor a hang
    FakeSecretSource source = new FakeSecretSource();
    // the first chunk is fine; the second chunk's size line is not hexadecimal
    String body = "5\r\n{\"a\":\r\nzz\r\n1}\r\n0\r\n\r\n";
    start(vertx, new GatewayOptions(), source)
        .compose(v -> exchange("POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n" + body))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertFalse(r.contains("ek_"), r);
          assertEquals(0, source.served.get(), "no secret for a body that could not be read");
          assertEquals(0, gateway.inFlight(), "not counted as a call in flight: a drain does not wait for it");
          ctx.completeNow();
        })));
  }

  private Future<String> post(String contentType, String body) {
    return exchange("POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
  }

  @Test
  void logsARepeatedUpstreamRefusalOncePerIntervalWithACount(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    ApiException refused = new ApiException(401, "invalid_request_error", "invalid_api_key", null,
        "Incorrect API key provided", null, null, 1);
    source.next = () -> Future.failedFuture(new SecretPoolException(SecretPoolException.Reason.UPSTREAM_REJECTED,
        "upstream rejected the template", Duration.ofSeconds(60), refused));
    start(vertx, new GatewayOptions(), source)
        .compose(v -> sequential(20))
        .compose(v -> {
          clock.addAndGet(61 * SECOND);
          return sequential(1);
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          List<LogRecord> lines = warnings("upstream refused to mint");
          assertEquals(2, lines.size(), lines.toString());
          assertTrue(lines.get(1).getMessage().contains("19 more"), lines.get(1).getMessage());
          ctx.completeNow();
        })));
  }

  private Future<Void> sequential(int n) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < n; i++) {
      chain = chain.compose(v -> get("/token", HOST).mapEmpty());
    }
    return chain;
  }

  // ---- drain ----

  @Test
  void refusesNewCallsWhileDrainingWithConnectionClose(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    Promise<EphemeralSecret> stuck = Promise.promise();
    source.next = stuck::future;
    start(vertx, new GatewayOptions(), source).onComplete(ctx.succeeding(v -> {
      exchange("GET /token HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); // stays in flight
      whenInFlight(1, () -> {
        gateway.close();
        // keep-alive asked for: the 503 must still end the connection so clients reconnect elsewhere
        exchange("GET /token HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(503, status(r), r);
          assertEquals("close", header(r, "Connection"));
          stuck.complete(new FakeSecretSource.FakeSecret("ek_drain_0123456789abcdef",
              java.time.Instant.now().plusSeconds(600)));
          ctx.completeNow();
        })));
      });
    }));
  }

  @Test
  void closeStopsWaitingForCallsInFlightAtTheGraceDeadline(Vertx vertx, VertxTestContext ctx) {
    FakeSecretSource source = new FakeSecretSource();
    source.next = () -> Promise.<EphemeralSecret>promise().future(); // never answers
    GatewayOptions options = new GatewayOptions().setShutdownGrace(Duration.ofSeconds(5))
        .setTokenTimeout(Duration.ofHours(1));
    start(vertx, options, source).onComplete(ctx.succeeding(v -> {
      get("/token", HOST);
      whenInFlight(1, () -> {
        Future<Void> closed = gateway.close();
        clock.addAndGet(4 * SECOND);
        vertx.setTimer(300, t2 -> {
          ctx.verify(() -> assertFalse(closed.isComplete(), "closed before the grace ran out"));
          clock.addAndGet(2 * SECOND);
          closed.onComplete(ctx.succeeding(c -> ctx.verify(() -> {
            assertTrue(source.closed);
            ctx.completeNow();
          })));
        });
      });
    }));
  }

  /** Runs the action once the gateway counts this many calls in flight (polled; bounded by the test timeout). */
  private void whenInFlight(int count, Runnable action) {
    if (gateway.inFlight() >= count) {
      action.run();
      return;
    }
    vertx.setTimer(20, t -> whenInFlight(count, action));
  }

  @Test
  void aStalledRequestBodyDoesNotHoldTheDrain(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new GatewayOptions(), new FakeSecretSource()).onComplete(ctx.succeeding(v -> {
      vertx.createNetClient().connect(port, HOST).onComplete(ctx.succeeding(socket -> {
        socket.write("POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789");
        vertx.setTimer(200, t -> {
          // the grace (10 s on a clock that never moves) never runs out: only a drain that does not count a
          // call still reading its body can complete
          gateway.close().onComplete(ctx.succeeding(c -> {
            socket.close();
            ctx.completeNow();
          }));
        });
      }));
    }));
  }
}
