package io.realtimesecrets.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.LogCapture;
import io.realtimesecrets.client.impl.RealtimeSecretsClientImpl;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One answer over {@code maxResponseBytes} costs that one call: on HTTP/1.1 its connection is closed, on
 * HTTP/2 only its stream is reset; a neighbour in flight on the same connection completes, the next call
 * succeeds at once on its first attempt, and nothing is logged at SEVERE (Vert.x logs an unhandled stream
 * or connection exception there, with a stack trace). One connection only, so the neighbour and the next call
 * must share the connection the oversize answer came on, or its replacement.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OversizeAnswerTest {

  static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuv";
  static final int CAP = 64 * 1024;

  @RegisterExtension
  final LogCapture log = LogCapture.of("");

  static RealtimeSecretsClient client(Vertx vertx, String baseUrl, boolean http2) {
    return new RealtimeSecretsClientImpl(vertx, new RealtimeSecretsClientOptions().setBaseUrl(baseUrl).setApiKey(KEY)
        .setHttp2(http2).setHttp2PriorKnowledge(http2).setMaxConnections(1).setHttp2MaxConnections(1).setMaxResponseBytes(CAP), null, () -> 0.5);
  }

  /** The oversize call and a neighbour start together; then one more call; all on one connection. */
  private void oversizeThenNeighbourThenNext(RealtimeSecretsClient client, CallOptions oversize,
      VertxTestContext ctx, Runnable cleanUp) {
    client.createClientSecret(ClientSecretRequest.minimal()).onComplete(ctx.succeeding(warm -> {
      Future<MintResult<ClientSecret>> big = client.mint(ClientSecretRequest.minimal(), oversize);
      Future<MintResult<ClientSecret>> neighbour = client.mint(ClientSecretRequest.minimal(), CallOptions.DEFAULTS);
      Future.join(big, neighbour)
          .transform(ignored -> client.mint(ClientSecretRequest.minimal(), CallOptions.builder().maxRetries(0).build()))
          .onComplete(next -> ctx.verify(() -> {
            UpstreamException e = assertInstanceOf(UpstreamException.class, big.cause());
            assertEquals(UpstreamException.Kind.RESPONSE_TOO_LARGE, e.kind());
            assertEquals(1, e.attempts(), "a 2xx was minted: not sent again");
            assertTrue(neighbour.succeeded(), () -> "the neighbour failed: " + neighbour.cause());
            assertEquals(1, neighbour.result().attempts(), "the neighbour needed no retry");
            assertTrue(next.succeeded(), () -> "the next call failed: " + next.cause());
            assertEquals(1, next.result().attempts());
            List<LogRecord> severe = log.records().stream()
                .filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertTrue(severe.isEmpty(), () -> "SEVERE logged: " + describe(severe));
            // the log is checked before closing: on 4.5, closing an HTTP/2 client while the server still
            // pushes DATA for the reset stream can log Vert.x's own message-less ClosedChannelException
            client.close().onComplete(closed -> cleanUp.run());
          }));
    }));
  }

  @ParameterizedTest(name = "http2={0}")
  @ValueSource(booleans = {false, true})
  void anOversizeAnswerWithAContentLengthCostsOnlyItsOwnCall(boolean http2, Vertx vertx, VertxTestContext ctx) {
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
    mock.start().onComplete(ctx.succeeding(m -> oversizeThenNeighbourThenNext(client(vertx, mock.baseUrl(), http2),
        CallOptions.builder().header(MockUpstream.FAULT_HEADER, "huge").build(), ctx,
        () -> mock.close().onComplete(ctx.succeedingThenComplete()))));
  }

  @ParameterizedTest(name = "http2={0}")
  @ValueSource(booleans = {false, true})
  void anOversizeChunkedAnswerIsCutOffAtTheCapAndCostsOnlyItsOwnCall(boolean http2, Vertx vertx,
      VertxTestContext ctx) {
    String ok = "{\"value\":\"ek_68af0123456789abcdef0123456789ab\",\"expires_at\":"
        + (Instant.now().getEpochSecond() + 600) + ",\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}";
    StubUpstream.start(vertx, req -> {
      HttpServerResponse resp = req.response().putHeader("content-type", "application/json");
      if (req.getHeader("x-oversize") == null) {
        resp.end(ok);
        return;
      }
      // no content-length: the client only finds out while streaming; 4 x CAP in 8 KiB chunks. The client
      // resets the stream midway: that is this test server's expected exception, not the client's
      resp.setChunked(true).exceptionHandler(expected -> { });
      Buffer chunk = Buffer.buffer("x".repeat(8192));
      resp.write("{\"value\":\"ek_68af0123456789abcdef0123456789ab\",\"padding\":\"");
      for (int i = 0; i < 32 && !resp.closed(); i++) {
        resp.write(chunk);
      }
      if (!resp.closed()) {
        resp.end("\"}");
      }
    }).onComplete(ctx.succeeding(stub -> oversizeThenNeighbourThenNext(client(vertx, stub.baseUrl(), http2),
        CallOptions.builder().header("x-oversize", "1").build(), ctx,
        () -> stub.close().onComplete(ctx.succeedingThenComplete()))));
  }

  @org.junit.jupiter.api.Test
  void aPoolWhoseFirstMintIsOversizeStillWarmsUpAndServes(Vertx vertx, VertxTestContext ctx) {
    // before: RESPONSE_TOO_LARGE counted as "retrying cannot help", so the pool refused to warm up and
    // answered every miss with UPSTREAM_REJECTED (a gateway's 502) until the fatal probe 60 s later
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
    mock.start().compose(m -> {
      mock.faults().next(1, io.realtimesecrets.mock.Fault.hugeBody());
      io.realtimesecrets.pool.SecretPool<ClientSecret> pool = io.realtimesecrets.pool.SecretPool.create(vertx,
          client(vertx, mock.baseUrl(), false), ClientSecretRequest.minimal(),
          new io.realtimesecrets.pool.SecretPoolOptions().setMinIdle(1).setMaxIdle(1).setPrewarmConcurrency(1)
              .setBackoffBase(java.time.Duration.ofMillis(1)).setBackoffCap(java.time.Duration.ofMillis(5)));
      return pool.start().compose(v -> pool.take()).eventually(pool::close);
    }).onComplete(ctx.succeeding(secret -> ctx.verify(() -> {
      assertTrue(mock.wasMinted(secret.secretValue()));
      mock.close().onComplete(ctx.succeedingThenComplete());
    })));
  }

  private static String describe(List<LogRecord> records) {
    StringBuilder sb = new StringBuilder();
    synchronized (records) {
      for (LogRecord r : records) {
        sb.append('\n').append(r.getLoggerName()).append(": ").append(r.getMessage());
        if (r.getThrown() != null) {
          java.io.StringWriter sw = new java.io.StringWriter();
          r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
          sb.append(" / ").append(sw);
        }
      }
    }
    return sb.toString();
  }

}
