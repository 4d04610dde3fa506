package io.realtimesecrets.mock;

import static io.realtimesecrets.mock.MockTestSupport.KEY;
import static io.realtimesecrets.mock.MockTestSupport.error;
import static io.realtimesecrets.mock.MockTestSupport.expiresAtOf;
import static io.realtimesecrets.mock.MockTestSupport.mint;
import static io.realtimesecrets.mock.MockTestSupport.post;
import static io.realtimesecrets.mock.MockTestSupport.request;
import static io.realtimesecrets.mock.MockTestSupport.secretOf;
import static io.realtimesecrets.mock.MockTestSupport.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.ModelJson;
import io.realtimesecrets.model.SecretRequests;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MockUpstreamTest {

  private WebClient client;

  @BeforeEach
  void createClient(Vertx vertx) {
    client = WebClient.create(vertx);
  }

  @Test
  void eachEndpointMintsDistinctSecretsWithTheDocumentedLifetime(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> {
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (Endpoint e : Endpoint.values()) {
        for (int i = 0; i < 5; i++) {
          calls.add(mint(client, mock, e));
        }
      }
      long before = Instant.now().getEpochSecond();
      return Future.all(calls).map(done -> {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < calls.size(); i++) {
          Endpoint e = Endpoint.values()[i / 5];
          HttpResponse<Buffer> r = calls.get(i).result();
          assertEquals(200, r.statusCode(), e + ": " + r.bodyAsString());
          JsonObject body = r.bodyAsJsonObject();
          String secret = secretOf(e, body);
          assertTrue(secret.matches("ek_[0-9a-f]{32}"), "secret shape");
          assertTrue(seen.add(secret), "secret served twice");
          assertTrue(mock.wasMinted(secret));
          long ttl = expiresAtOf(e, body) - before;
          long expected = MockTestSupport.isBeta(e) ? 60 : 600;
          assertTrue(ttl >= expected - 1 && ttl <= expected + 1, e + " ttl " + ttl);
        }
        assertEquals(20, mock.stats().mintedTotal());
        assertEquals(20, mock.mintedSecrets().size());
        assertFalse(mock.wasMinted("ek_00000000000000000000000000000000"));
        return null;
      });
    }).onComplete(ctx.succeeding(v -> ctx.completeNow()));
  }

  @Test
  void gaSecretLivesForTheRequestedSecondsAndEchoesTheSessionWithDefaults(Vertx vertx, VertxTestContext ctx) {
    String body = "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":120},"
        + "\"session\":{\"type\":\"realtime\",\"instructions\":\"Be brief.\",\"audio\":{\"output\":{\"voice\":\"marin\"}}}}";
    start(vertx, new MockUpstreamOptions())
        .compose(mock -> post(client, mock, Endpoint.CLIENT_SECRETS, body))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode());
          JsonObject json = r.bodyAsJsonObject();
          long ttl = json.getLong("expires_at") - Instant.now().getEpochSecond();
          assertTrue(ttl >= 119 && ttl <= 121, "ttl " + ttl);
          JsonObject s = json.getJsonObject("session");
          assertEquals("realtime", s.getString("type"));
          assertEquals("realtime.session", s.getString("object"));
          assertTrue(s.getString("id").startsWith("sess_"));
          assertEquals("gpt-realtime", s.getString("model"));
          assertEquals("Be brief.", s.getString("instructions"));
          assertEquals("marin", s.getJsonObject("audio").getJsonObject("output").getString("voice"));
          assertEquals(1.0, s.getJsonObject("audio").getJsonObject("output").getDouble("speed"));
          assertEquals("audio/pcm", s.getJsonObject("audio").getJsonObject("input").getJsonObject("format")
              .getString("type"));
          JsonObject td = s.getJsonObject("audio").getJsonObject("input").getJsonObject("turn_detection");
          assertEquals("server_vad", td.getString("type"));
          assertEquals(0.5, td.getDouble("threshold"));
          assertEquals("audio", s.getJsonArray("output_modalities").getString(0));
          assertEquals("inf", s.getString("max_output_tokens"));
          ctx.completeNow();
        })));
  }

  @Test
  void gaTranscriptionSessionAndBetaSessionsCarryTheirOwnShapes(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> Future.all(
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"transcription\"}}"),
        mint(client, mock, Endpoint.SESSIONS),
        mint(client, mock, Endpoint.TRANSCRIPTION_SESSIONS),
        post(client, mock, Endpoint.SESSIONS, "{\"turn_detection\":{\"type\":\"semantic_vad\"},\"voice\":\"ash\"}")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          JsonObject transcription = all.<HttpResponse<Buffer>>resultAt(0).bodyAsJsonObject().getJsonObject("session");
          assertEquals("realtime.transcription_session", transcription.getString("object"));
          assertNull(transcription.getJsonObject("audio").getJsonObject("input").getValue("transcription"));
          JsonObject beta = all.<HttpResponse<Buffer>>resultAt(1).bodyAsJsonObject();
          assertEquals("realtime.session", beta.getString("object"));
          assertEquals("pcm16", beta.getString("input_audio_format"));
          assertEquals("alloy", beta.getString("voice"));
          assertEquals(0.8, beta.getDouble("temperature"));
          JsonObject betaTranscription = all.<HttpResponse<Buffer>>resultAt(2).bodyAsJsonObject();
          assertEquals("realtime.transcription_session", betaTranscription.getString("object"));
          assertEquals("gpt-4o-transcribe",
              betaTranscription.getJsonObject("input_audio_transcription").getString("model"));
          JsonObject semantic = all.<HttpResponse<Buffer>>resultAt(3).bodyAsJsonObject();
          assertEquals("ash", semantic.getString("voice"));
          assertEquals("auto", semantic.getJsonObject("turn_detection").getString("eagerness"));
          ctx.completeNow();
        })));
  }

  @Test
  void answersCarryTheApiHeaders(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions().setRateLimitRequestsPerMinute(60))
        .compose(mock -> mint(client, mock, Endpoint.CLIENT_SECRETS)
            .compose(first -> mint(client, mock, Endpoint.CLIENT_SECRETS).map(second -> List.of(first, second))))
        .onComplete(ctx.succeeding(rs -> ctx.verify(() -> {
          HttpResponse<Buffer> r = rs.get(0);
          assertEquals("application/json", r.getHeader("content-type"));
          assertTrue(r.getHeader("x-request-id").matches("req_[0-9a-f]{32}"));
          assertNotNull(ZonedDateTime.parse(r.getHeader("date"), DateTimeFormatter.RFC_1123_DATE_TIME));
          assertTrue(Long.parseLong(r.getHeader("openai-processing-ms")) >= 0);
          assertEquals("60", r.getHeader("x-ratelimit-limit-requests"));
          assertEquals("59", r.getHeader("x-ratelimit-remaining-requests"));
          assertTrue(r.getHeader("x-ratelimit-reset-requests").matches("\\d+(\\.\\d+)?m?s|\\d+m\\d+(\\.\\d+)?s"));
          assertEquals("58", rs.get(1).getHeader("x-ratelimit-remaining-requests"));
          assertTrue(!r.getHeader("x-request-id").equals(rs.get(1).getHeader("x-request-id")));
          ctx.completeNow();
        })));
  }

  @Test
  void anEnforcedWindowAnswers429WithRetryAfterOnceExhausted(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions().setRateLimitRequestsPerMinute(2).setRateLimitEnforced(true))
        .compose(mock -> mint(client, mock, Endpoint.SESSIONS)
            .compose(a -> mint(client, mock, Endpoint.SESSIONS))
            .compose(b -> mint(client, mock, Endpoint.SESSIONS)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(429, r.statusCode());
          assertEquals("rate_limit_exceeded", error(r).getString("code"));
          long retryAfter = Long.parseLong(r.getHeader("retry-after"));
          assertTrue(retryAfter >= 1 && retryAfter <= 60, "retry-after " + retryAfter);
          assertEquals("0", r.getHeader("x-ratelimit-remaining-requests"));
          ctx.completeNow();
        })));
  }

  @Test
  void aMissingKeyIsRefusedWith401AndTheApiErrorShape(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions().setApiKey(KEY))
        .compose(mock -> request(client, mock, Endpoint.CLIENT_SECRETS, null).sendBuffer(Buffer.buffer("{}"))
            .map(r -> {
              assertEquals(0, mock.stats().mintedTotal());
              return r;
            }))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(401, r.statusCode());
          JsonObject e = error(r);
          assertEquals("invalid_request_error", e.getString("type"));
          assertEquals("invalid_api_key", e.getString("code"));
          assertTrue(e.containsKey("param") && e.getValue("param") == null, "param present and null");
          assertTrue(e.getString("message").contains("didn't provide an API key"));
          ctx.completeNow();
        })));
  }

  @Test
  void aWrongKeyIsRefusedWith401WithoutEchoingIt(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions().setApiKey(KEY))
        .compose(mock -> request(client, mock, Endpoint.SESSIONS, "sk-wrong-key-123456789")
            .sendBuffer(Buffer.buffer("{}")))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(401, r.statusCode());
          assertEquals("invalid_api_key", error(r).getString("code"));
          assertFalse(r.bodyAsString().contains("sk-wrong"));
          ctx.completeNow();
        })));
  }

  @Test
  void anAzureStyleApiKeyHeaderIsAccepted(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions().setApiKey(KEY))
        .compose(mock -> client.postAbs(mock.baseUrl() + Endpoint.SESSIONS.path()).putHeader("api-key", KEY)
            .sendBuffer(Buffer.buffer("{}")))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode(), r.bodyAsString());
          ctx.completeNow();
        })));
  }

  @Test
  void withoutAConfiguredKeyAnyNonEmptyBearerIsAccepted(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions())
        .compose(mock -> request(client, mock, Endpoint.SESSIONS, "anything").sendBuffer(Buffer.buffer("{}")))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode());
          ctx.completeNow();
        })));
  }

  @Test
  void anOutOfRangeFieldIs400NamingItInParam(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions())
        .compose(mock -> post(client, mock, Endpoint.CLIENT_SECRETS,
            "{\"expires_after\":{\"seconds\":9000},\"session\":{\"type\":\"realtime\"}}").map(r -> {
              assertEquals(0, mock.stats().mintedTotal());
              assertEquals(1, mock.stats().errors(400));
              return r;
            }))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(400, r.statusCode());
          JsonObject e = error(r);
          assertEquals("invalid_request_error", e.getString("type"));
          assertEquals("expires_after.seconds", e.getString("param"));
          assertEquals("integer_above_max_value", e.getString("code"));
          ctx.completeNow();
        })));
  }

  @Test
  void aMissingRequiredFieldAndABadEnumAreNamedToo(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> Future.all(
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"model\":\"gpt-realtime\"}}"),
        post(client, mock, Endpoint.TRANSLATIONS, "{}"),
        post(client, mock, Endpoint.SESSIONS, "{\"input_audio_format\":\"mp3\"}"),
        post(client, mock, Endpoint.TRANSCRIPTION_SESSIONS, "{\"turn_detection\":{\"type\":\"semantic_vad\"}}")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          String[][] expected = {
              {"session.type", "missing_required_parameter"},
              {"session", "missing_required_parameter"},
              {"input_audio_format", "invalid_value"},
              {"turn_detection.type", "invalid_value"}};
          for (int i = 0; i < expected.length; i++) {
            HttpResponse<Buffer> r = all.resultAt(i);
            assertEquals(400, r.statusCode());
            assertEquals(expected[i][0], error(r).getString("param"));
            assertEquals(expected[i][1], error(r).getString("code"));
          }
          ctx.completeNow();
        })));
  }

  @Test
  void theModelsOwnRulesAlsoAnswer400NamingTheField(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions())
        .compose(mock -> post(client, mock, Endpoint.SESSIONS, "{\"max_response_output_tokens\":5000}"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(400, r.statusCode(), r.bodyAsString());
          assertEquals("max_response_output_tokens", error(r).getString("param"));
          ctx.completeNow();
        })));
  }

  @Test
  void everyAnswerDecodesWithTheModelsResponseTypes(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> {
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (Endpoint e : Endpoint.values()) {
        calls.add(post(client, mock, e, SecretRequests.minimal(e).toJson()));
      }
      calls.add(post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"transcription\"}}"));
      return Future.all(calls).map(all -> {
        for (int i = 0; i < calls.size(); i++) {
          Endpoint e = i < 4 ? Endpoint.values()[i] : Endpoint.CLIENT_SECRETS;
          HttpResponse<Buffer> r = calls.get(i).result();
          assertEquals(200, r.statusCode(), e + ": " + r.bodyAsString());
          EphemeralSecret secret = ModelJson.decode(r.body().getBytes(),
              SecretRequests.minimal(e).responseType());
          assertTrue(mock.wasMinted(secret.secretValue()), e.toString());
          assertEquals(expiresAtOf(e, r.bodyAsJsonObject()), secret.expiresAt().getEpochSecond());
        }
        return null;
      });
    }).onComplete(ctx.succeeding(v -> ctx.completeNow()));
  }

  @Test
  void aBodyThatIsNotJsonIs400(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions())
        .compose(mock -> post(client, mock, Endpoint.SESSIONS, "{not json"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(400, r.statusCode());
          assertTrue(error(r).getString("message").contains("could not parse the JSON body"));
          ctx.completeNow();
        })));
  }

  @Test
  void unknownPathsAre404AndOtherMethods405(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> Future.all(
        client.postAbs(mock.baseUrl() + "/realtime/nope").putHeader("authorization", "Bearer " + KEY).send(),
        client.getAbs(mock.baseUrl() + Endpoint.CLIENT_SECRETS.path()).send()).map(all -> {
          assertEquals(2, mock.stats().requests());
          assertEquals(0, mock.stats().faultsTotal());
          return all;
        }))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> notFound = all.resultAt(0);
          assertEquals(404, notFound.statusCode());
          assertTrue(error(notFound).getString("message").contains("/v1/realtime/nope"));
          HttpResponse<Buffer> wrongMethod = all.resultAt(1);
          assertEquals(405, wrongMethod.statusCode());
          assertEquals("POST", wrongMethod.getHeader("allow"));
          assertEquals("invalid_request_error", error(wrongMethod).getString("type"));
          ctx.completeNow();
        })));
  }

  @Test
  void configuredLatencyDelaysTheAnswer(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions().setLatency(Duration.ofMillis(200))).compose(mock -> {
      long t0 = System.nanoTime();
      return mint(client, mock, Endpoint.SESSIONS).map(r -> (System.nanoTime() - t0) / 1_000_000);
    }).onComplete(ctx.succeeding(elapsedMs -> ctx.verify(() -> {
      assertTrue(elapsedMs >= 200, "answered after " + elapsedMs + " ms");
      ctx.completeNow();
    })));
  }

  @Test
  void theLatencyHeaderDelaysOneRequest(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> {
      long t0 = System.nanoTime();
      return request(client, mock, Endpoint.SESSIONS, KEY).putHeader(MockUpstream.LATENCY_HEADER, "150")
          .sendBuffer(Buffer.buffer("{}")).map(r -> (System.nanoTime() - t0) / 1_000_000);
    }).onComplete(ctx.succeeding(elapsedMs -> ctx.verify(() -> {
      assertTrue(elapsedMs >= 150, "answered after " + elapsedMs + " ms");
      ctx.completeNow();
    })));
  }

  @Test
  void aClockOffsetShiftsDateAndExpiry(Vertx vertx, VertxTestContext ctx) {
    Instant fixed = Instant.parse("2026-03-01T10:00:00Z");
    start(vertx, new MockUpstreamOptions().setClock(Clock.fixed(fixed, ZoneOffset.UTC))
        .setClockOffset(Duration.ofHours(-1)))
        .compose(mock -> Future.all(mint(client, mock, Endpoint.CLIENT_SECRETS), mint(client, mock, Endpoint.SESSIONS)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> ga = all.resultAt(0);
          assertEquals("Sun, 01 Mar 2026 09:00:00 GMT", ga.getHeader("date"));
          long skewed = fixed.getEpochSecond() - 3600;
          assertEquals(skewed + 600, ga.bodyAsJsonObject().getLong("expires_at"));
          HttpResponse<Buffer> beta = all.resultAt(1);
          assertEquals(skewed + 60, expiresAtOf(Endpoint.SESSIONS, beta.bodyAsJsonObject()));
          ctx.completeNow();
        })));
  }

  @Test
  void statsCountRequestsMintsErrorsAndResetToZero(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions().setApiKey(KEY)).compose(mock -> mint(client, mock, Endpoint.SESSIONS)
        .compose(a -> mint(client, mock, Endpoint.TRANSLATIONS))
        .compose(b -> request(client, mock, Endpoint.SESSIONS, "sk-nope-nope-nope-nope").send())
        .compose(c -> post(client, mock, Endpoint.SESSIONS, "[]"))
        .map(d -> {
          MockStats s = mock.stats();
          assertEquals(4, s.requests());
          assertEquals(1, s.minted(Endpoint.SESSIONS));
          assertEquals(1, s.minted(Endpoint.TRANSLATIONS));
          assertEquals(0, s.minted(Endpoint.CLIENT_SECRETS));
          assertEquals(1, s.errors(401));
          assertEquals(1, s.errors(400));
          assertThrows(UnsupportedOperationException.class, () -> s.minted().put(Endpoint.SESSIONS, 9L));
          mock.resetStats();
          assertEquals(0, mock.stats().requests());
          assertTrue(mock.mintedSecrets().isEmpty());
          return s;
        }))
        .onComplete(ctx.succeeding(s -> ctx.completeNow()));
  }

  @Test
  void beyondMaxRecordedSecretsMintsAreCountedButNotRemembered(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions().setMaxRecordedSecrets(1)).compose(mock -> mint(client, mock, Endpoint.SESSIONS)
        .compose(a -> mint(client, mock, Endpoint.SESSIONS).map(b -> {
          assertEquals(2, mock.stats().mintedTotal());
          assertEquals(1, mock.mintedSecrets().size());
          assertTrue(mock.wasMinted(secretOf(Endpoint.SESSIONS, a.bodyAsJsonObject())));
          return b;
        })))
        .onComplete(ctx.succeeding(s -> ctx.completeNow()));
  }

  @Test
  void tlsServesTheBundledCertificateWhichTrustOptionsAccept(Vertx vertx, VertxTestContext ctx) {
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setSsl(true));
    mock.start().compose(m -> {
      assertTrue(m.baseUrl().startsWith("https://127.0.0.1:"));
      WebClient tls = WebClient.create(vertx, new WebClientOptions().setSsl(true).setVerifyHost(true)
          .setTrustOptions(m.trustOptions()));
      return tls.postAbs(m.baseUrl() + Endpoint.SESSIONS.path()).putHeader("authorization", "Bearer " + KEY)
          .sendBuffer(Buffer.buffer("{}"));
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode());
      assertTrue(mock.certificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
      ctx.completeNow();
    })));
  }

  @Test
  void tlsIsRefusedByAClientThatDoesNotTrustTheCertificate(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions().setSsl(true)).compose(m -> WebClient.create(vertx,
        new WebClientOptions().setSsl(true)).postAbs(m.baseUrl() + Endpoint.SESSIONS.path()).send())
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertTrue(String.valueOf(err).toLowerCase(java.util.Locale.ROOT).contains("ssl")
              || err instanceof javax.net.ssl.SSLException, "expected a TLS failure, got " + err);
          ctx.completeNow();
        })));
  }

  @Test
  void http2WithPriorKnowledgeIsServedInCleartext(Vertx vertx, VertxTestContext ctx) {
    WebClient h2 = WebClient.create(vertx, new WebClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false));
    start(vertx, new MockUpstreamOptions())
        .compose(m -> h2.postAbs(m.baseUrl() + Endpoint.SESSIONS.path()).putHeader("authorization", "Bearer " + KEY)
            .sendBuffer(Buffer.buffer("{}")))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(HttpVersion.HTTP_2, r.version());
          assertEquals(200, r.statusCode());
          ctx.completeNow();
        })));
  }

  @Test
  void startingTwiceFailsAndAddressesNeedAStartedMock(Vertx vertx, VertxTestContext ctx) {
    MockUpstream mock = MockUpstream.create(vertx);
    assertThrows(IllegalStateException.class, mock::baseUrl);
    mock.start().compose(m -> m.start()).onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertTrue(err.getMessage().contains("already started"));
      assertTrue(mock.port() > 0);
      mock.close().compose(v -> mock.close()).onComplete(ctx.succeeding(v -> ctx.completeNow()));
    })));
  }
}
