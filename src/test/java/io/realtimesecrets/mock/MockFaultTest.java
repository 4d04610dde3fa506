package io.realtimesecrets.mock;

import static io.realtimesecrets.mock.MockTestSupport.KEY;
import static io.realtimesecrets.mock.MockTestSupport.error;
import static io.realtimesecrets.mock.MockTestSupport.mint;
import static io.realtimesecrets.mock.MockTestSupport.request;
import static io.realtimesecrets.mock.MockTestSupport.secretOf;
import static io.realtimesecrets.mock.MockTestSupport.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.model.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MockFaultTest {

  private WebClient client;

  @BeforeEach
  void createClient(Vertx vertx) {
    client = WebClient.create(vertx);
  }

  private Future<HttpResponse<Buffer>> withFault(MockUpstream mock, String fault) {
    return request(client, mock, Endpoint.CLIENT_SECRETS, KEY).putHeader(MockUpstream.FAULT_HEADER, fault)
        .timeout(2000).sendBuffer(Buffer.buffer(MockTestSupport.minimalBody(Endpoint.CLIENT_SECRETS)));
  }

  @Test
  void rateLimitedAnswers429WithRetryAfterInSecondsAndMilliseconds(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> {
      mock.faults().next(1, Fault.rateLimited(Duration.ofMillis(1500)));
      return mint(client, mock, Endpoint.CLIENT_SECRETS).map(r -> {
        assertEquals(1, mock.stats().faults(Fault.Kind.RATE_LIMITED));
        assertEquals(1, mock.stats().errors(429));
        return r;
      });
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(429, r.statusCode());
      assertEquals("2", r.getHeader("retry-after"));
      assertEquals("1500", r.getHeader("retry-after-ms"));
      assertEquals("0", r.getHeader("x-ratelimit-remaining-requests"));
      assertEquals("rate_limit_exceeded", error(r).getString("code"));
      assertEquals("requests", error(r).getString("type"));
      ctx.completeNow();
    })));
  }

  @Test
  void insufficientQuotaIs429WithoutRetryHeaders(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> withFault(mock, "quota"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(429, r.statusCode());
          assertEquals("insufficient_quota", error(r).getString("code"));
          assertEquals("insufficient_quota", error(r).getString("type"));
          assertNull(r.getHeader("retry-after"));
          ctx.completeNow();
        })));
  }

  @Test
  void serverErrorsCarryTheirStatusAndOptionalRetryAfter(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> Future.all(
        withFault(mock, "500"), withFault(mock, "502"), withFault(mock, "503:5")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          int[] statuses = {500, 502, 503};
          for (int i = 0; i < 3; i++) {
            HttpResponse<Buffer> r = all.resultAt(i);
            assertEquals(statuses[i], r.statusCode());
            assertEquals("server_error", error(r).getString("type"));
          }
          assertNull(all.<HttpResponse<Buffer>>resultAt(0).getHeader("retry-after"));
          assertEquals("5", all.<HttpResponse<Buffer>>resultAt(2).getHeader("retry-after"));
          ctx.completeNow();
        })));
  }

  @Test
  void resetClosesTheConnectionWithoutAnAnswer(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> {
      mock.faults().next(1, Fault.reset());
      return mint(client, mock, Endpoint.SESSIONS);
    }).onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertFalse(err instanceof TimeoutException, "a reset is not a timeout: " + err);
      ctx.completeNow();
    })));
  }

  @Test
  void stallNeverAnswersSoTheClientTimesOut(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> request(client, mock, Endpoint.SESSIONS, KEY)
        .putHeader(MockUpstream.FAULT_HEADER, "stall").timeout(300).sendBuffer(Buffer.buffer("{}")))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertTrue(err instanceof TimeoutException, "expected a timeout, got " + err);
          ctx.completeNow();
        })));
  }

  @Test
  void stallWithADelayAnswersNormallyAfterIt(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> {
      long t0 = System.nanoTime();
      return request(client, mock, Endpoint.SESSIONS, KEY).putHeader(MockUpstream.FAULT_HEADER, "stall:250ms")
          .sendBuffer(Buffer.buffer("{}")).map(r -> {
            assertEquals(200, r.statusCode());
            assertTrue(mock.wasMinted(secretOf(Endpoint.SESSIONS, r.bodyAsJsonObject())));
            return (System.nanoTime() - t0) / 1_000_000;
          });
    }).onComplete(ctx.succeeding(ms -> ctx.verify(() -> {
      assertTrue(ms >= 250, "answered after " + ms + " ms");
      ctx.completeNow();
    })));
  }

  @Test
  void malformedJsonIsA200ThatDoesNotParse(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> withFault(mock, "malformed"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode());
          assertEquals("application/json", r.getHeader("content-type"));
          assertThrows(DecodeException.class, () -> new JsonObject(r.bodyAsString()));
          ctx.completeNow();
        })));
  }

  @Test
  void truncatedJsonDeclaresTheFullLengthThenCloses(Vertx vertx, VertxTestContext ctx) {
    // a raw socket, so the test sees exactly what was declared and what arrived before the close
    Buffer received = Buffer.buffer();
    start(vertx, new MockUpstreamOptions()).compose(mock -> vertx.createNetClient().connect(mock.port(), "127.0.0.1"))
        .onComplete(ctx.succeeding(socket -> {
          socket.handler(received::appendBuffer);
          socket.closeHandler(v -> ctx.verify(() -> {
            String text = received.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 200"), text);
            int headerEnd = text.indexOf("\r\n\r\n");
            Matcher m = Pattern.compile("(?i)content-length: (\\d+)").matcher(text.substring(0, headerEnd));
            assertTrue(m.find(), text);
            int declared = Integer.parseInt(m.group(1));
            int bodyBytes = received.length() - (headerEnd + 4);
            assertTrue(bodyBytes > 0 && bodyBytes < declared, "got " + bodyBytes + " of " + declared);
            ctx.completeNow();
          }));
          socket.write("POST /v1/realtime/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
              + "\r\n" + MockUpstream.FAULT_HEADER + ": truncated\r\nContent-Type: application/json\r\n"
              + "Content-Length: 2\r\n\r\n{}");
        }));
  }

  @Test
  void wrongContentTypeIsA200HtmlPage(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> withFault(mock, "html"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode());
          assertTrue(r.getHeader("content-type").startsWith("text/html"));
          assertTrue(r.bodyAsString().startsWith("<!DOCTYPE html>"));
          ctx.completeNow();
        })));
  }

  @Test
  void expiredMintsASecretWhoseExpiryIsInThePast(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> withFault(mock, "expired").map(r -> {
      assertTrue(mock.wasMinted(r.bodyAsJsonObject().getString("value")));
      return r;
    })).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode());
      assertTrue(r.bodyAsJsonObject().getLong("expires_at") < Instant.now().getEpochSecond());
      ctx.completeNow();
    })));
  }

  @Test
  void hugeBodyIsAValidMintOfAtLeastFiveMebibytes(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> withFault(mock, "huge"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode());
          assertTrue(r.body().length() >= Fault.DEFAULT_HUGE_BODY_BYTES, "size " + r.body().length());
          assertTrue(r.bodyAsJsonObject().getString("value").startsWith("ek_"));
          ctx.completeNow();
        })));
  }

  @Test
  void nextNFaultsThenTheMockIsHealthyAgain(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> {
      mock.faults().next(2, Fault.status(503)).next(1, Fault.insufficientQuota());
      assertEquals(2, mock.faults().rules().size());
      List<Integer> statuses = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < 5; i++) {
        chain = chain.compose(v -> mint(client, mock, Endpoint.SESSIONS).map(r -> {
          statuses.add(r.statusCode());
          return null;
        }));
      }
      return chain.map(v -> {
        assertTrue(mock.faults().rules().isEmpty());
        return statuses;
      });
    }).onComplete(ctx.succeeding(statuses -> ctx.verify(() -> {
      assertEquals(List.of(503, 503, 429, 200, 200), statuses);
      ctx.completeNow();
    })));
  }

  @Test
  void probabilityFaultsFollowTheSeededRandomSource(Vertx vertx, VertxTestContext ctx) {
    long seed = 42;
    double p = 0.3;
    Random reference = new Random(seed);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      expected.add(reference.nextDouble() < p ? 503 : 200);
    }
    start(vertx, new MockUpstreamOptions().setRandomSeed(seed)
        .addFaultRule(FaultRule.withProbability(p, Fault.status(503)))).compose(mock -> {
          List<Integer> statuses = new ArrayList<>();
          Future<Void> chain = Future.succeededFuture();
          for (int i = 0; i < 30; i++) {
            chain = chain.compose(v -> mint(client, mock, Endpoint.SESSIONS).map(r -> {
              statuses.add(r.statusCode());
              return null;
            }));
          }
          return chain.map(v -> statuses);
        }).onComplete(ctx.succeeding(statuses -> ctx.verify(() -> {
          assertEquals(expected, statuses);
          assertTrue(statuses.contains(503) && statuses.contains(200), "both outcomes occur with this seed");
          ctx.completeNow();
        })));
  }

  @Test
  void clearMakesTheMockHealthyAgain(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> {
      mock.faults().always(Fault.status(500));
      return mint(client, mock, Endpoint.SESSIONS).compose(first -> {
        assertEquals(500, first.statusCode());
        mock.faults().clear();
        return mint(client, mock, Endpoint.SESSIONS);
      });
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode());
      ctx.completeNow();
    })));
  }

  @Test
  void theFaultHeaderWinsOverThePlanAndAnUnknownValueIsA400(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> {
      mock.faults().next(1, Fault.status(500));
      return withFault(mock, "502").compose(first -> {
        assertEquals(502, first.statusCode());
        return withFault(mock, "teapot").map(second -> List.of(first, second))
            .compose(rs -> mint(client, mock, Endpoint.SESSIONS).map(third -> {
              assertEquals(500, third.statusCode(), "the plan's rule was not consumed by header requests");
              return rs.get(1);
            }));
      });
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(400, r.statusCode());
      assertEquals(MockUpstream.FAULT_HEADER, error(r).getString("param"));
      assertTrue(error(r).getString("message").contains("unknown fault 'teapot'"));
      ctx.completeNow();
    })));
  }
}
