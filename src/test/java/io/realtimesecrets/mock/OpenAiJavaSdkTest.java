package io.realtimesecrets.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.beta.realtime.sessions.SessionCreateParams;
import com.openai.models.beta.realtime.sessions.SessionCreateResponse;
import com.openai.models.beta.realtime.transcriptionsessions.TranscriptionSession;
import com.openai.models.beta.realtime.transcriptionsessions.TranscriptionSessionCreateParams;
import com.openai.models.realtime.RealtimeAudioConfig;
import com.openai.models.realtime.RealtimeAudioConfigOutput;
import com.openai.models.realtime.RealtimeAudioFormats;
import com.openai.models.realtime.RealtimeSessionCreateRequest;
import com.openai.models.realtime.RealtimeTranscriptionSessionCreateRequest;
import com.openai.models.realtime.RealtimeTranslationClientSecretCreateRequest;
import com.openai.models.realtime.RealtimeTranslationClientSecretCreateResponse;
import com.openai.models.realtime.RealtimeTranslationSessionCreateRequest;
import com.openai.models.realtime.clientsecrets.ClientSecretCreateParams;
import com.openai.models.realtime.clientsecrets.ClientSecretCreateResponse;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Java SDK (openai-java, test scope) against the mock, with {@code responseValidation(true)}:
 * every answer of the four endpoints must parse and validate as the SDK's own types, and the mock's 400 and
 * 401 must map to the SDK's typed exceptions. The SDK's calls block, so they run on the test thread, never
 * on the mock's event loop.
 */
class OpenAiJavaSdkTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final String KEY = "sk-sdk-test-0123456789abcdef";

  private static Vertx vertx;
  private static MockUpstream mock;
  private static OpenAIClient sdk;

  @BeforeAll
  static void startMockAndSdk() throws Exception {
    vertx = Vertx.vertx();
    mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY)
            .setClock(Clock.fixed(NOW, ZoneOffset.UTC)))
        .start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    sdk = client(KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    if (sdk != null) {
      sdk.close();
    }
    if (mock != null) {
      mock.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static OpenAIClient client(String key) {
    return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(mock.baseUrl()).responseValidation(true)
        .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
  }

  @Test
  void gaRealtimeSecretParsesAndValidates() {
    ClientSecretCreateResponse r = sdk.realtime().clientSecrets().create(ClientSecretCreateParams.builder()
        .expiresAfter(ClientSecretCreateParams.ExpiresAfter.builder().seconds(300L).build())
        .session(RealtimeSessionCreateRequest.builder().model("gpt-realtime").instructions("Be brief.")
            .audio(RealtimeAudioConfig.builder().output(RealtimeAudioConfigOutput.builder()
                .format(RealtimeAudioFormats.AudioPcmu.builder().build()).voice("marin").build()).build())
            .build())
        .build());
    assertTrue(r.value().startsWith("ek_"));
    assertEquals(NOW.getEpochSecond() + 300, r.expiresAt());
    assertTrue(r.session().isRealtime());
    assertEquals("Be brief.", r.session().asRealtime().instructions().orElseThrow());
    assertTrue(mock.wasMinted(r.value()));
  }

  @Test
  void gaTranscriptionSecretParsesAndValidates() {
    ClientSecretCreateResponse r = sdk.realtime().clientSecrets().create(ClientSecretCreateParams.builder()
        .session(RealtimeTranscriptionSessionCreateRequest.builder().build())
        .build());
    assertTrue(r.value().startsWith("ek_"));
    assertEquals(NOW.getEpochSecond() + 600, r.expiresAt());
    assertTrue(r.session().isTranscription());
  }

  @Test
  void translationSecretParsesAndValidates() {
    RealtimeTranslationClientSecretCreateResponse r = sdk.realtime().translations().clientSecrets().create(
        RealtimeTranslationClientSecretCreateRequest.builder()
            .session(RealtimeTranslationSessionCreateRequest.builder().model("gpt-realtime-translate").build())
            .build());
    assertTrue(r.value().startsWith("ek_"));
    assertEquals("gpt-realtime-translate", r.session().model());
  }

  @Test
  void betaSessionSecretLivesForTheRequestedSecondsAndParses() {
    SessionCreateResponse r = sdk.beta().realtime().sessions().create(SessionCreateParams.builder()
        .model(SessionCreateParams.Model.GPT_4O_REALTIME_PREVIEW).instructions("Be brief.")
        .clientSecret(SessionCreateParams.ClientSecret.builder()
            .expiresAfter(SessionCreateParams.ClientSecret.ExpiresAfter.builder()
                .anchor(SessionCreateParams.ClientSecret.ExpiresAfter.Anchor.CREATED_AT).seconds(300L).build()).build())
        .build());
    assertTrue(r.clientSecret().value().startsWith("ek_"));
    assertEquals(NOW.getEpochSecond() + 300, r.clientSecret().expiresAt());
  }

  @Test
  void betaTranscriptionSecretLivesForTheRequestedSecondsAndParses() {
    TranscriptionSession r = sdk.beta().realtime().transcriptionSessions().create(
        TranscriptionSessionCreateParams.builder()
            .clientSecret(TranscriptionSessionCreateParams.ClientSecret.builder()
                .expiresAt(TranscriptionSessionCreateParams.ClientSecret.ExpiresAt.builder().seconds(300L).build())
                .build())
            .build());
    assertTrue(r.clientSecret().value().startsWith("ek_"));
    assertEquals(NOW.getEpochSecond() + 300, r.clientSecret().expiresAt());
  }

  @Test
  void aBrokenRuleIsABadRequestExceptionWithTheApisParamAndCode() {
    BadRequestException e = assertThrows(BadRequestException.class,
        () -> sdk.beta().realtime().sessions().create(SessionCreateParams.builder()
            .clientSecret(SessionCreateParams.ClientSecret.builder()
                .expiresAfter(SessionCreateParams.ClientSecret.ExpiresAfter.builder()
                .anchor(SessionCreateParams.ClientSecret.ExpiresAfter.Anchor.CREATED_AT).seconds(5L).build()).build())
            .build()));
    assertEquals(400, e.statusCode());
    assertEquals("client_secret.expires_after.seconds", e.param().orElseThrow());
    assertEquals("integer_below_min_value", e.code().orElseThrow());
    assertEquals("invalid_request_error", e.type().orElseThrow());
  }

  @Test
  void anUnknownParameterIsABadRequestExceptionNamingIt() {
    BadRequestException e = assertThrows(BadRequestException.class,
        () -> sdk.realtime().clientSecrets().create(ClientSecretCreateParams.builder()
            .session(RealtimeSessionCreateRequest.builder().model("gpt-realtime")
                .putAdditionalProperty("instrutions", JsonValue.from("Be brief.")).build())
            .build()));
    assertEquals("session.instrutions", e.param().orElseThrow());
    assertEquals("unknown_parameter", e.code().orElseThrow());
    assertTrue(e.getMessage().contains("Unknown parameter: 'session.instrutions'."), e.getMessage());
  }

  @Test
  void aWrongKeyIsAnUnauthorizedException() {
    OpenAIClient wrong = client("sk-wrong-0123456789abcdef");
    try {
      UnauthorizedException e = assertThrows(UnauthorizedException.class,
          () -> wrong.realtime().clientSecrets().create(ClientSecretCreateParams.builder()
              .session(RealtimeSessionCreateRequest.builder().model("gpt-realtime").build()).build()));
      assertEquals(401, e.statusCode());
      assertEquals("invalid_api_key", e.code().orElseThrow());
    } finally {
      wrong.close();
    }
  }
}
