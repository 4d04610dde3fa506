package io.realtimesecrets.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.LogCapture;
import io.realtimesecrets.client.impl.ClientTimer;
import io.realtimesecrets.client.impl.RealtimeSecretsClientImpl;
import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.RealtimeSessionRequest;
import io.realtimesecrets.model.RequestValidationException;
import io.realtimesecrets.model.SecretRequests;
import io.realtimesecrets.model.TranscriptionSessionRequest;
import io.realtimesecrets.model.TranslationClientSecretRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client against the embedded mock upstream: every endpoint, typed errors, and each fault class with
 * its retry behaviour. Retry waits run on a virtual timer that records each requested delay and fires at
 * once, so the delays are asserted exactly and nothing waits.
 */
@ExtendWith(VertxExtension.class)
class ClientAgainstMockTest {

  static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuv";

  Vertx vertx;
  MockUpstream mock;
  final List<Long> requestedDelays = new ArrayList<>();
  final AtomicLong virtualNanos = new AtomicLong();

  /** Virtual time for the retry loop: records delays, advances the clock by them, runs the task at once. */
  final ClientTimer virtualTimer = new ClientTimer() {
    @Override
    public long nanoTime() {
      return virtualNanos.get();
    }

    @Override
    public void schedule(Context context, long delayMillis, Runnable task) {
      synchronized (requestedDelays) {
        requestedDelays.add(delayMillis);
      }
      virtualNanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(delayMillis));
      context.runOnContext(v -> task.run());
    }
  };

  @BeforeEach
  void startMock(Vertx vertx, VertxTestContext ctx) {
    this.vertx = vertx;
    mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
    mock.start().onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stopMock(VertxTestContext ctx) {
    mock.close().onComplete(ctx.succeedingThenComplete());
  }

  RealtimeSecretsClientOptions options() {
    return new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY);
  }

  RealtimeSecretsClient client(RealtimeSecretsClientOptions options) {
    return new RealtimeSecretsClientImpl(vertx, new RealtimeSecretsClientOptions(options), virtualTimer, () -> 0.5);
  }

  static ClientSecretRequest minimal() {
    return (ClientSecretRequest) SecretRequests.minimal(Endpoint.CLIENT_SECRETS);
  }

  @Test
  void mintsAGaClientSecretWithTheDefaultTenMinuteLife(VertxTestContext ctx) {
    Instant before = Instant.now();
    client(options()).createClientSecret(minimal()).onComplete(ctx.succeeding(secret -> ctx.verify(() -> {
      assertTrue(secret.secretValue().startsWith("ek_"));
      assertTrue(mock.wasMinted(secret.secretValue()));
      long ttl = secret.expiresAt().getEpochSecond() - before.getEpochSecond();
      assertTrue(ttl >= 598 && ttl <= 601, "GA default TTL is 600 s, got " + ttl);
      ctx.completeNow();
    })));
  }

  @Test
  void everyEndpointMintsThroughTheGenericPath(VertxTestContext ctx) {
    RealtimeSecretsClient client = client(options());
    List<Future<MintResult<? extends EphemeralSecret>>> all = new ArrayList<>();
    for (Endpoint e : Endpoint.values()) {
      all.add(client.mint(SecretRequests.minimal(e), CallOptions.DEFAULTS).map(r -> r));
    }
    Future.all(new ArrayList<>(all)).onComplete(ctx.succeeding(done -> ctx.verify(() -> {
      for (Future<MintResult<? extends EphemeralSecret>> f : all) {
        MintResult<? extends EphemeralSecret> r = f.result();
        assertTrue(r.secret().secretValue().startsWith("ek_"));
        assertEquals(1, r.attempts());
        assertNotNull(r.serverDate(), "the mock sends Date, the pool needs it for skew");
        assertNotNull(r.requestId());
      }
      assertEquals(4, mock.stats().mintedTotal());
      ctx.completeNow();
    })));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "CLIENT_SECRETS, client-secrets-realtime-full.json",
      "CLIENT_SECRETS, client-secrets-transcription-full.json",
      "TRANSLATIONS, translations-full.json",
      "SESSIONS, sessions-full.json",
      "TRANSCRIPTION_SESSIONS, transcription-sessions-full.json"})
  void aRequestWithEveryFieldSetIsAcceptedAndEchoedByTheMock(Endpoint endpoint, String fixture, VertxTestContext ctx)
      throws Exception {
    String json = new String(getClass().getResourceAsStream("/model/" + fixture).readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    io.vertx.core.json.JsonObject sent = new io.vertx.core.json.JsonObject(json);
    client(options()).mint(SecretRequests.fromJson(endpoint, json), CallOptions.DEFAULTS)
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          io.vertx.core.json.JsonObject got = new io.vertx.core.json.JsonObject(r.secret().toJson());
          boolean ga = endpoint == Endpoint.CLIENT_SECRETS || endpoint == Endpoint.TRANSLATIONS;
          io.vertx.core.json.JsonObject sentSession = ga ? sent.getJsonObject("session") : sent;
          io.vertx.core.json.JsonObject gotSession = ga ? got.getJsonObject("session") : got;
          for (String field : List.of("model", "instructions", "type")) {
            if (sentSession.containsKey(field)) {
              assertEquals(sentSession.getValue(field), gotSession.getValue(field), field + " echoed");
            }
          }
          if (ga && sent.containsKey("expires_after")) {
            long asked = sent.getJsonObject("expires_after").getLong("seconds");
            long ttl = r.secret().expiresAt().getEpochSecond() - Instant.now().getEpochSecond();
            assertTrue(Math.abs(ttl - asked) <= 2, "expires_after honoured: " + ttl + " vs " + asked);
          }
          ctx.completeNow();
        })));
  }

  @Test
  void typedMethodsReturnTheirEndpointsTypes(VertxTestContext ctx) {
    RealtimeSecretsClient client = client(options());
    Future.all(
        client.createSession((RealtimeSessionRequest) SecretRequests.minimal(Endpoint.SESSIONS)),
        client.createTranscriptionSession(
            (TranscriptionSessionRequest) SecretRequests.minimal(Endpoint.TRANSCRIPTION_SESSIONS)),
        client.createTranslationClientSecret(
            (TranslationClientSecretRequest) SecretRequests.minimal(Endpoint.TRANSLATIONS)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < 3; i++) {
            EphemeralSecret s = all.resultAt(i);
            assertTrue(s.secretValue().startsWith("ek_"));
            long ttl = s.expiresAt().getEpochSecond() - Instant.now().getEpochSecond();
            if (i < 2) {
              assertTrue(ttl <= 61 && ttl >= 55, "beta secrets live one minute, got " + ttl);
            }
          }
          ctx.completeNow();
        })));
  }

  @Test
  void anInvalidRequestFailsBeforeAnyNetworkCall(VertxTestContext ctx) {
    ClientSecretRequest bad = ClientSecretRequest.fromJson(
        "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":5},\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}");
    client(options()).createClientSecret(bad).onComplete(ctx.failing(err -> ctx.verify(() -> {
      RequestValidationException e = assertInstanceOf(RequestValidationException.class, err);
      assertEquals("expires_after.seconds", e.field());
      assertEquals(0, mock.stats().requests(), "nothing was sent");
      ctx.completeNow();
    })));
  }

  @Test
  void aWrongKeyIsA401ApiExceptionWithTheApisFieldsAndNoRetry(VertxTestContext ctx) {
    client(options().setApiKey("sk-wrong-0000000000000000000000")).createClientSecret(minimal())
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          ApiException e = assertInstanceOf(ApiException.class, err);
          assertEquals(401, e.status());
          assertEquals("invalid_request_error", e.errorType());
          assertEquals("invalid_api_key", e.code());
          assertNotNull(e.requestId());
          assertTrue(e.isAuthFailure());
          assertEquals(1, e.attempts());
          assertFalse(e.getMessage().contains("sk-wrong-0000000000000000000000"), e.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void anUnknownPathIsA404ApiException(VertxTestContext ctx) {
    client(options().setBaseUrl(mock.baseUrl() + "/nowhere")).createClientSecret(minimal())
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          ApiException e = assertInstanceOf(ApiException.class, err);
          assertEquals(404, e.status());
          assertNotNull(e.errorType());
          assertEquals(1, e.attempts(), "404 is not retried");
          ctx.completeNow();
        })));
  }

  @Test
  void clientErrorsAreNeverRetried(VertxTestContext ctx) {
    mock.faults().next(10, Fault.status(400));
    client(options().setMaxRetries(5)).createClientSecret(minimal()).onComplete(ctx.failing(err -> ctx.verify(() -> {
      ApiException e = assertInstanceOf(ApiException.class, err);
      assertEquals(400, e.status());
      assertEquals(1, e.attempts());
      assertEquals(1, mock.stats().requests());
      assertTrue(requestedDelays.isEmpty());
      ctx.completeNow();
    })));
  }

  /** As OpenAI's official SDKs classify: 408, 409, 429 and 5xx are retried; 403 and 422 are not. */
  @org.junit.jupiter.params.ParameterizedTest(name = "HTTP {0} retried: {1}")
  @org.junit.jupiter.params.provider.CsvSource({"403, false", "408, true", "409, true", "422, false", "429, true",
      "500, true", "502, true", "503, true", "504, true"})
  void retryClassificationMatchesTheOfficialSdks(int status, boolean retried, VertxTestContext ctx) {
    mock.faults().next(10, Fault.status(status));
    client(options().setMaxRetries(2)).createClientSecret(minimal()).onComplete(ctx.failing(err -> ctx.verify(() -> {
      ApiException e = assertInstanceOf(ApiException.class, err);
      assertEquals(status, e.status());
      assertEquals(retried, e.isRetryable());
      assertEquals(retried ? 3 : 1, e.attempts());
      assertEquals(retried ? 3 : 1, mock.stats().requests());
      ctx.completeNow();
    })));
  }

  @Test
  void serverErrorsAreRetriedWithJitteredBackoffThenSucceed(VertxTestContext ctx) {
    mock.faults().next(2, Fault.status(503));
    client(options()).createClientSecret(minimal()).onComplete(ctx.succeeding(secret -> ctx.verify(() -> {
      assertEquals(3, mock.stats().requests());
      // jitter source fixed at 0.5: half of 500 ms, then half of 1000 ms
      assertEquals(List.of(250L, 500L), requestedDelays);
      ctx.completeNow();
    })));
  }

  @Test
  void aServerErrorThatOutlastsTheRetriesSaysHowManyAttemptsWereMade(VertxTestContext ctx) {
    mock.faults().next(10, Fault.status(500));
    client(options().setMaxRetries(3)).createClientSecret(minimal()).onComplete(ctx.failing(err -> ctx.verify(() -> {
      ApiException e = assertInstanceOf(ApiException.class, err);
      assertEquals(500, e.status());
      assertEquals(4, e.attempts());
      assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
      assertEquals(4, mock.stats().requests());
      ctx.completeNow();
    })));
  }

  @Test
  void rateLimitedCallsWaitExactlyWhatRetryAfterSays(VertxTestContext ctx) {
    mock.faults().next(1, Fault.rateLimited(Duration.ofSeconds(2)));
    RealtimeSecretsClient client = client(options());
    client.createClientSecret(minimal()).onComplete(ctx.succeeding(secret -> ctx.verify(() -> {
      assertEquals(List.of(2000L), requestedDelays);
      assertEquals(2, mock.stats().requests());
      ctx.completeNow();
    })));
  }

  @Test
  void aRetryAfterPastTheDeadlineFailsAtOnceInsteadOfWaiting(VertxTestContext ctx) {
    mock.faults().next(1, Fault.rateLimited(Duration.ofSeconds(20)));
    client(options().setCallTimeout(Duration.ofSeconds(5))).createClientSecret(minimal())
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          ApiException e = assertInstanceOf(ApiException.class, err);
          assertEquals(429, e.status());
          assertEquals(Duration.ofSeconds(20), e.retryAfter());
          assertTrue(requestedDelays.isEmpty(), "no wait was scheduled");
          assertEquals(1, e.attempts());
          ctx.completeNow();
        })));
  }

  @Test
  void insufficientQuotaIsNeverRetried(VertxTestContext ctx) {
    mock.faults().next(5, Fault.insufficientQuota());
    client(options()).createClientSecret(minimal()).onComplete(ctx.failing(err -> ctx.verify(() -> {
      ApiException e = assertInstanceOf(ApiException.class, err);
      assertEquals(429, e.status());
      assertTrue(e.isInsufficientQuota());
      assertFalse(e.isRetryable());
      assertEquals(1, mock.stats().requests());
      ctx.completeNow();
    })));
  }

  @Test
  void aResetConnectionIsRetriedAndTheNextCallReusesThePool(VertxTestContext ctx) {
    mock.faults().next(1, Fault.reset());
    RealtimeSecretsClient client = client(options());
    client.createClientSecret(minimal())
        .compose(first -> client.createClientSecret(minimal()).map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(two -> ctx.verify(() -> {
          assertNotEquals(two.get(0).secretValue(), two.get(1).secretValue());
          assertEquals(1, requestedDelays.size(), "one retry for the reset");
          ctx.completeNow();
        })));
  }

  @Test
  void aResetWithoutRetriesIsAConnectionFailure(VertxTestContext ctx) {
    mock.faults().next(1, Fault.reset());
    client(options().setMaxRetries(0)).createClientSecret(minimal()).onComplete(ctx.failing(err -> ctx.verify(() -> {
      UpstreamException e = assertInstanceOf(UpstreamException.class, err);
      assertEquals(UpstreamException.Kind.CONNECTION, e.kind());
      assertTrue(e.isRetryable());
      ctx.completeNow();
    })));
  }

  @Test
  void aStalledUpstreamFailsOnTimeAndTheNextCallSucceeds(VertxTestContext ctx) {
    mock.faults().next(1, Fault.stall());
    // one connection only: the next call can succeed only if the stalled exchange gave its connection up
    RealtimeSecretsClient client = new RealtimeSecretsClientImpl(vertx,
        options().setMaxRetries(0).setMaxConnections(1).setAttemptTimeout(Duration.ofMillis(300)), null, () -> 0.5);
    long start = System.nanoTime();
    client.createClientSecret(minimal()).onComplete(ctx.failing(err -> {
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      ctx.verify(() -> {
        assertInstanceOf(UpstreamTimeoutException.class, err);
        assertTrue(elapsedMs >= 290 && elapsedMs < 5_000, "fired on time: " + elapsedMs + " ms");
        assertTrue(err.getMessage().contains("300 ms"), err.getMessage());
      });
      client.createClientSecret(minimal()).onComplete(ctx.succeeding(s -> ctx.completeNow()));
    }));
  }

  @Test
  void onHttp2AStalledStreamIsResetWithoutFailingItsNeighbours(VertxTestContext ctx) {
    RealtimeSecretsClient client = new RealtimeSecretsClientImpl(vertx,
        options().setHttp2(true).setHttp2PriorKnowledge(true).setHttp2MaxConnections(1).setMaxRetries(0), null, () -> 0.5);
    // warm the single HTTP/2 connection, then: one slow but healthy call, and one stalled call that times
    // out while the slow one is still in flight on the same connection
    client.createClientSecret(minimal()).onComplete(ctx.succeeding(warm -> {
      Future<MintResult<ClientSecret>> slow = client.mint(minimal(),
          CallOptions.builder().header(MockUpstream.LATENCY_HEADER, "800").build());
      Future<MintResult<ClientSecret>> stalled = client.mint(minimal(),
          CallOptions.builder().header(MockUpstream.FAULT_HEADER, "stall").timeout(Duration.ofMillis(300)).build());
      Future.join(slow, stalled).onComplete(ar -> ctx.verify(() -> {
        assertInstanceOf(UpstreamTimeoutException.class, stalled.cause());
        assertTrue(slow.succeeded(), () -> "the neighbour stream failed: " + slow.cause());
        ctx.completeNow();
      }));
    }));
  }

  @Test
  void theCallDeadlineBoundsStallsAcrossRetries(VertxTestContext ctx) {
    mock.faults().next(10, Fault.stall());
    RealtimeSecretsClient client = new RealtimeSecretsClientImpl(vertx, options().setMaxRetries(10)
        .setAttemptTimeout(Duration.ofMillis(200)).setCallTimeout(Duration.ofMillis(700))
        .setInitialRetryDelay(Duration.ofMillis(10)), null, () -> 0.5);
    client.createClientSecret(minimal()).onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertInstanceOf(UpstreamTimeoutException.class, err);
      int attempts = ((UpstreamTimeoutException) err).attempts();
      assertTrue(attempts >= 2, "retried within the deadline");
      // counted, not timed: 700 ms holds at most four 200 ms attempts (fewer on a slow machine), where the
      // ten retries without a deadline would make eleven
      assertTrue(attempts <= 4, "deadline of 700 ms held: " + attempts + " attempts");
      ctx.completeNow();
    })));
  }

  @Test
  void malformedJsonWithoutRetriesNamesTheProblemAndNotTheBody(VertxTestContext ctx) {
    mock.faults().next(1, Fault.malformedJson());
    client(options().setMaxRetries(0)).createClientSecret(minimal()).onComplete(ctx.failing(err -> ctx.verify(() -> {
      UpstreamException e = assertInstanceOf(UpstreamException.class, err);
      assertEquals(UpstreamException.Kind.INVALID_RESPONSE, e.kind());
      assertTrue(e.getMessage().contains("not a valid ClientSecret"), e.getMessage());
      assertFalse(e.getMessage().contains("ek_"), e.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  void truncatedJsonFailsCleanly(VertxTestContext ctx) {
    mock.faults().next(1, Fault.truncatedJson());
    client(options().setMaxRetries(0)).createClientSecret(minimal()).onComplete(ctx.failing(err -> ctx.verify(() -> {
      UpstreamException e = assertInstanceOf(UpstreamException.class, err);
      assertTrue(e.kind() == UpstreamException.Kind.CONNECTION || e.kind() == UpstreamException.Kind.INVALID_RESPONSE,
          e.kind().toString());
      assertFalse(e.getMessage().contains("ek_"), e.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  void aWrongContentTypeIsAnInvalidResponse(VertxTestContext ctx) {
    mock.faults().next(1, Fault.wrongContentType());
    client(options().setMaxRetries(0)).createClientSecret(minimal()).onComplete(ctx.failing(err -> ctx.verify(() -> {
      UpstreamException e = assertInstanceOf(UpstreamException.class, err);
      assertEquals(UpstreamException.Kind.INVALID_RESPONSE, e.kind());
      assertTrue(e.getMessage().contains("content type"), e.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  void aSecretThatArrivesExpiredIsRefused(VertxTestContext ctx) {
    mock.faults().next(1, Fault.expired());
    client(options().setMaxRetries(0)).createClientSecret(minimal()).onComplete(ctx.failing(err -> ctx.verify(() -> {
      UpstreamException e = assertInstanceOf(UpstreamException.class, err);
      assertEquals(UpstreamException.Kind.INVALID_RESPONSE, e.kind());
      assertTrue(e.getMessage().contains("already expired"), e.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  void aHugeBodyIsCutOffAtTheCapAndNotRetried(VertxTestContext ctx) {
    mock.faults().next(3, Fault.hugeBody());
    RealtimeSecretsClient client = client(options().setMaxResponseBytes(64 * 1024));
    client.createClientSecret(minimal()).onComplete(ctx.failing(err -> {
      ctx.verify(() -> {
        UpstreamException e = assertInstanceOf(UpstreamException.class, err);
        assertEquals(UpstreamException.Kind.RESPONSE_TOO_LARGE, e.kind());
        assertEquals(1, e.attempts());
      });
      mock.faults().clear();
      client.createClientSecret(minimal()).onComplete(ctx.succeeding(s -> ctx.completeNow()));
    }));
  }

  @Test
  void rateLimitHeadersOfTheLastResponseAreExposed(VertxTestContext ctx) {
    RealtimeSecretsClient client = client(options());
    assertFalse(client.lastRateLimit().isKnown());
    client.createClientSecret(minimal()).onComplete(ctx.succeeding(s -> ctx.verify(() -> {
      RateLimitInfo rl = client.lastRateLimit();
      assertTrue(rl.isKnown());
      assertTrue(rl.limitRequests() > 0);
      assertTrue(rl.remainingRequests() >= 0 && rl.remainingRequests() < rl.limitRequests());
      ctx.completeNow();
    })));
  }

  @Test
  void callsNeverBlockTheEventLoopAndCompleteOnTheCallersContext(VertxTestContext ctx) {
    // the blocked-thread checker on (Vert.x's default reports after 2 s): a wait for I/O in the client, such as
    // a blocking get on its own answer, never ends on the loop that must deliver it, so it is reported at any
    // threshold; 1 s, not less, so a thread descheduled on a loaded 2-core box is not taken for one
    Vertx strict = Vertx.vertx(new io.vertx.core.VertxOptions()
        .setBlockedThreadCheckInterval(20).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(1000).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    LogCapture watch = LogCapture.of("");
    Context caller = strict.getOrCreateContext();
    caller.runOnContext(v -> {
      RealtimeSecretsClient client = RealtimeSecretsClient.create(strict, options());
      // first call loads classes; then watch 20 calls, retries included, all issued from the event loop
      client.createClientSecret(minimal()).compose(warm -> {
        watch.start();
        mock.faults().next(5, Fault.status(503));
        List<Future<ClientSecret>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          calls.add(client.createClientSecret(minimal()));
        }
        return Future.all(new ArrayList<>(calls));
      }).onComplete(ar -> ctx.verify(() -> {
        watch.close();
        List<String> blocked = watch.messages().stream()
            .filter(m -> m != null && m.contains("has been blocked")).toList();
        assertTrue(ar.succeeded(), () -> String.valueOf(ar.cause()));
        assertTrue(Context.isOnEventLoopThread());
        assertTrue(Vertx.currentContext() == caller, "completed on the caller's context");
        assertEquals(List.of(), blocked, "no blocked-thread warning");
        strict.close().onComplete(ctx.succeedingThenComplete());
      }));
    });
  }

  @Test
  void callsFromANonVertxThreadComplete(VertxTestContext ctx) throws Exception {
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options());
    Thread t = new Thread(() -> client.createClientSecret(minimal())
        .onComplete(ctx.succeeding(s -> ctx.verify(() -> {
          assertTrue(Context.isOnEventLoopThread());
          ctx.completeNow();
        }))));
    t.start();
    t.join();
  }

  @Test
  void aClosedClientFailsCallsWithAClearError(VertxTestContext ctx) {
    RealtimeSecretsClient client = client(options());
    client.close().compose(v -> client.createClientSecret(minimal())).onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertInstanceOf(IllegalStateException.class, err);
      assertEquals("client is closed", err.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  void theMutinyFaceIsLazyAndBehavesTheSame(VertxTestContext ctx) {
    MutinyRealtimeSecretsClient mutiny = client(options()).mutiny();
    var uni = mutiny.createClientSecret(minimal());
    assertEquals(0, mock.stats().requests(), "nothing is sent before subscription");
    uni.subscribe().with(secret -> ctx.verify(() -> {
      assertTrue(secret.secretValue().startsWith("ek_"));
      assertEquals(1, mock.stats().requests());
      mock.faults().next(1, Fault.insufficientQuota());
      uni.subscribe().with(again -> ctx.failNow("quota fault expected"),
          err -> ctx.verify(() -> {
            assertInstanceOf(ApiException.class, err);
            assertEquals(2, mock.stats().requests(), "each subscription is a new call");
            ctx.completeNow();
          }));
    }), ctx::failNow);
  }

  @Test
  void perCallOptionsOverrideTheClientsRetryBudget(VertxTestContext ctx) {
    mock.faults().next(1, Fault.status(503));
    client(options()).mint(minimal(), CallOptions.builder().maxRetries(0).build())
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          ApiException e = assertInstanceOf(ApiException.class, err);
          assertEquals(503, e.status());
          assertEquals(1, e.attempts());
          assertEquals(1, mock.stats().requests());
          ctx.completeNow();
        })));
  }
}
