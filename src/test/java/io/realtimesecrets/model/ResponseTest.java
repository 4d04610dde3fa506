package io.realtimesecrets.model;

import static io.realtimesecrets.model.Fixtures.assertJsonEquals;
import static io.realtimesecrets.model.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseTest {

  private static <T> T decode(String fixture, Class<T> type) {
    return ModelJson.decode(text(fixture).getBytes(StandardCharsets.UTF_8), type);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "client-secret-response.json, io.realtimesecrets.model.ClientSecret",
      "translation-response.json, io.realtimesecrets.model.TranslationClientSecret",
      "sessions-response.json, io.realtimesecrets.model.RealtimeSession",
      "transcription-sessions-response.json, io.realtimesecrets.model.TranscriptionSession"})
  void responseWithUnknownFieldsReEncodesToTheSameJson(String fixture, String typeName) throws Exception {
    Class<? extends EphemeralSecret> type = Class.forName(typeName).asSubclass(EphemeralSecret.class);
    EphemeralSecret secret = decode(fixture, type);
    assertJsonEquals(text(fixture), secret.toJson());
    assertTrue(secret.secretValue().startsWith("ek_"));
  }

  @Test
  void gaResponseKeepsUnknownFieldsAtEveryLevel() {
    ClientSecret secret = decode("client-secret-response.json", ClientSecret.class);
    assertEquals(Map.of("nested", java.util.Arrays.asList(1, null, "x")),
        secret.additionalProperties().get("request_note"));
    RealtimeSessionConfig session = assertInstanceOf(RealtimeSessionConfig.class, secret.session());
    assertEquals(true, session.additionalProperties().get("future_session_field"));
    ServerVad vad = (ServerVad) session.audio().input().turnDetection();
    assertEquals("x", vad.additionalProperties().get("future_vad_field"));
    assertTrue(vad.isExplicitNull("idle_timeout_ms"));
    UnrecognizedTool tool = assertInstanceOf(UnrecognizedTool.class, session.tools().get(0));
    assertEquals("web_search", tool.type());
    assertEquals("eu", tool.additionalProperties().get("region"));
  }

  @Test
  void unknownEnumLikeValuesFromTheServerAreKeptNotFatal() {
    ClientSecret secret = decode("client-secret-response.json", ClientSecret.class);
    AudioOutput output = ((RealtimeSessionConfig) secret.session()).audio().output();
    assertEquals("brand-new-voice", output.voice().name());
    assertEquals("audio/opus", output.format().type().value());
    assertFalse(output.format().type().isKnown());
  }

  @Test
  void gaSecretExposesValueAndExpiryFromUnixSeconds() {
    ClientSecret secret = decode("client-secret-response.json", ClientSecret.class);
    assertEquals("ek_0123456789abcdef0123456789abcdef", secret.secretValue());
    assertEquals(Instant.ofEpochSecond(1767225600L), secret.expiresAt());
    assertEquals("sess_TESTa1b2c3", ((RealtimeSessionConfig) secret.session()).id());
  }

  @Test
  void betaSecretComesFromClientSecretAndKeepsItsUnknownFields() {
    RealtimeSession session = decode("sessions-response.json", RealtimeSession.class);
    assertEquals("ek_abcdefabcdefabcdefabcdef01234567", session.secretValue());
    assertEquals(Instant.ofEpochSecond(1767225660L), session.expiresAt());
    assertEquals("ephemeral", session.clientSecret().additionalProperties().get("kind"));
    assertEquals(List.of(1, 2), session.additionalProperties().get("beta_only_new"));
    assertTrue(session.isExplicitNull("turn_detection"));
    assertEquals(200L, session.maxResponseOutputTokens().tokens().getAsLong());

    TranscriptionSession transcription = decode("transcription-sessions-response.json", TranscriptionSession.class);
    assertEquals(Instant.ofEpochSecond(1767225660L), transcription.expiresAt());
    assertEquals(1767225700L, transcription.sessionExpiresAt());
    assertTrue(transcription.inputAudioTranscription().isExplicitNull("language"));
  }

  @Test
  void translationResponseKeepsSessionAndAudioUnknowns() {
    TranslationClientSecret secret = decode("translation-response.json", TranslationClientSecret.class);
    assertEquals("translation", secret.session().type());
    assertEquals(1, secret.session().additionalProperties().get("new_top_session"));
    assertEquals("calm", secret.session().audio().output().additionalProperties().get("voice_hint"));
    assertEquals("kept", secret.additionalProperties().get("extra_top"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "realtime|io.realtimesecrets.model.RealtimeSessionConfig",
      "transcription|io.realtimesecrets.model.TranscriptionSessionConfig",
      "video_call|io.realtimesecrets.model.UnrecognizedSessionConfig"})
  void gaSessionIsChosenByTypeAndRoundTripsExactly(String type, String expectedClass) {
    String json = "{\"value\":\"ek_0123456789abcdef0123456789abcdef\",\"expires_at\":1,\"session\":{\"type\":\""
        + type + "\",\"id\":\"sess_1\",\"object\":\"o\",\"max_output_tokens\":\"inf\",\"audio\":{\"input\":{}}}}";
    ClientSecret secret = ModelJson.decode(json.getBytes(StandardCharsets.UTF_8), ClientSecret.class);
    assertEquals(expectedClass, secret.session().getClass().getName());
    assertEquals(type, secret.session().type());
    assertJsonEquals(json, secret.toJson());
  }

  @Test
  void infAndIntegerTokenLimitsRoundTripExactly() {
    assertEquals("\"inf\"", ModelJson.encode(TokenLimit.INF));
    assertEquals("4096", ModelJson.encode(TokenLimit.of(4096)));
    String json = "{\"type\":\"realtime\",\"max_output_tokens\":\"inf\"}";
    RealtimeSessionConfig config = (RealtimeSessionConfig) ModelJson.decode(json.getBytes(StandardCharsets.UTF_8),
        SessionConfig.class);
    assertTrue(config.maxOutputTokens().isInf());
    assertJsonEquals(json, ModelJson.encode(config));
  }

  @Test
  void toStringOfEverySecretHolderShowsAtMostTheRedactedSecret() {
    List<EphemeralSecret> secrets = List.of(
        decode("client-secret-response.json", ClientSecret.class),
        decode("translation-response.json", TranslationClientSecret.class),
        decode("sessions-response.json", RealtimeSession.class),
        decode("transcription-sessions-response.json", TranscriptionSession.class));
    for (EphemeralSecret s : secrets) {
      assertFalse(s.toString().contains(s.secretValue()), s.getClass().getSimpleName());
      assertTrue(s.toString().contains(Redaction.redact(s.secretValue())), s.getClass().getSimpleName());
    }
    RealtimeSession beta = (RealtimeSession) secrets.get(2);
    assertFalse(beta.clientSecret().toString().contains(beta.secretValue()));
    McpTool tool = McpTool.builder().serverLabel("s").authorization("oauth-token-abcdefghijklmnop")
        .headers(Map.of("Authorization", "Bearer sk-abcdefghijklmnopqrstuv")).build();
    assertFalse(tool.toString().contains("oauth-token-abcdefghijklmnop"));
    assertFalse(tool.toString().contains("sk-abcdefghijklmnopqrstuv"));
  }

  @Test
  void responseWithoutASecretIsRejectedWithoutEchoingTheBody() {
    String body = "{\"id\":\"sess_SECRETISH\",\"client_secret\":null}";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelJson.decode(body.getBytes(StandardCharsets.UTF_8), TranscriptionSession.class));
    assertTrue(e.getMessage().contains("client_secret.value"), e.getMessage());
    assertFalse(e.getMessage().contains("sess_SECRETISH"));
    assertThrows(IllegalArgumentException.class, () -> ModelJson.decode(
        "{\"value\":\"ek_0123456789abcdef0123456789abcdef\"}".getBytes(StandardCharsets.UTF_8), ClientSecret.class));
  }

  @Test
  void malformedResponseErrorNeverContainsTheBody() {
    String body = "{\"value\": ek_0123456789abcdef0123456789abcdef, \"expires_at\": 1}";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelJson.decode(body.getBytes(StandardCharsets.UTF_8), ClientSecret.class));
    assertFalse(e.getMessage().contains("ek_"), e.getMessage());
    assertNull(e.getCause());
    String wrongType = "{\"value\":\"ek_0123456789abcdef0123456789abcdef\",\"expires_at\":\"ek_soon_0123456789\"}";
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> ModelJson.decode(wrongType.getBytes(StandardCharsets.UTF_8), ClientSecret.class));
    assertTrue(e2.getMessage().contains("expires_at"), e2.getMessage());
    assertFalse(e2.getMessage().contains("ek_"), e2.getMessage());
  }

  @Test
  void builtResponseEncodesAsTheServerWould() {
    ClientSecret secret = ClientSecret.builder().value("ek_0123456789abcdef0123456789abcdef")
        .expiresAtEpochSeconds(1767225600L)
        .session(RealtimeSessionConfig.builder().id("sess_1").object("realtime.session").model("gpt-realtime")
            .build())
        .build();
    assertJsonEquals("{\"value\":\"ek_0123456789abcdef0123456789abcdef\",\"expires_at\":1767225600,"
        + "\"session\":{\"type\":\"realtime\",\"id\":\"sess_1\",\"object\":\"realtime.session\","
        + "\"model\":\"gpt-realtime\"}}", secret.toJson());
  }
}
