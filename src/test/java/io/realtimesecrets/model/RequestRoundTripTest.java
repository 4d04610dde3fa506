package io.realtimesecrets.model;

import static io.realtimesecrets.model.Fixtures.assertEveryFieldModelled;
import static io.realtimesecrets.model.Fixtures.assertJsonEquals;
import static io.realtimesecrets.model.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RequestRoundTripTest {

  @ParameterizedTest(name = "{0} <- {1}")
  @CsvSource({
      "CLIENT_SECRETS, client-secrets-realtime-full.json",
      "CLIENT_SECRETS, client-secrets-transcription-full.json",
      "TRANSLATIONS, translations-full.json",
      "SESSIONS, sessions-full.json",
      "TRANSCRIPTION_SESSIONS, transcription-sessions-full.json"})
  void fullRequestWithEveryFieldSetIsValidAndRoundTripsExactly(Endpoint endpoint, String fixture) {
    String json = text(fixture);
    SecretRequest<?> request = SecretRequests.fromJson(endpoint, json);
    request.validate();
    assertEquals(endpoint, request.endpoint());
    assertJsonEquals(json, request.toJson());
    assertEveryFieldModelled(request, "$");
    assertEquals(request, SecretRequests.fromJson(endpoint, request.toJson()));
  }

  @Test
  void gaRealtimeFieldsLandInTheirTypedPlaces() {
    ClientSecretRequest request = ClientSecretRequest.fromJson(text("client-secrets-realtime-full.json"));
    RealtimeSessionConfig session = assertInstanceOf(RealtimeSessionConfig.class, request.session());
    assertEquals(900L, request.expiresAfter().seconds());
    assertEquals(ExpiryAnchor.CREATED_AT, request.expiresAfter().anchor());
    ServerVad vad = assertInstanceOf(ServerVad.class, session.audio().input().turnDetection());
    assertEquals(12000, vad.idleTimeoutMs());
    assertEquals("voice_abc", session.audio().output().voice().customId());
    assertEquals(AudioFormat.PCMU, session.audio().output().format());
    assertEquals(2048L, session.maxOutputTokens().tokens().getAsLong());
    assertEquals(0.75, session.truncation().retentionRatioSettings().retentionRatio());
    assertEquals("place_order", session.toolChoice().forced().name());
    McpTool mcp = assertInstanceOf(McpTool.class, session.tools().get(1));
    assertEquals(McpConnector.GMAIL, mcp.connectorId());
    assertEquals(Map.of("tool_names", List.of("count"), "read_only", true), mcp.allowedTools());
    assertEquals("bakery", session.tracing().config().workflowName());
    assertEquals(ReasoningEffort.MEDIUM, session.reasoning().effort());
  }

  @Test
  void explicitNullTurnDetectionIsKeptApartFromAbsentAndSentAsNull() {
    ClientSecretRequest request = ClientSecretRequest.fromJson(text("client-secrets-transcription-full.json"));
    AudioInput input = ((TranscriptionSessionConfig) request.session()).audio().input();
    assertNull(input.turnDetection());
    assertTrue(input.isExplicitNull("turn_detection"));
    assertTrue(request.toJson().contains("\"turn_detection\":null"));

    AudioInput built = AudioInput.builder().turnDetection(null).build();
    assertEquals("{\"turn_detection\":null}", built.toJson());
    assertEquals("{}", AudioInput.builder().build().toJson());
  }

  @Test
  void builderProducesTheSameJsonAsTheFixture() {
    TranslationClientSecretRequest built = TranslationClientSecretRequest.builder()
        .expiresAfter(ExpiresAfter.ofSeconds(7200))
        .session(TranslationSessionConfig.builder()
            .model("gpt-realtime-translate")
            .audio(TranslationAudio.builder()
                .input(AudioInput.builder()
                    .transcription(AudioTranscription.ofModel("gpt-realtime-whisper"))
                    .noiseReduction(NoiseReduction.of(NoiseReductionType.NEAR_FIELD))
                    .build())
                .output(TranslationAudioOutput.builder().language("fr").build())
                .build())
            .build())
        .build();
    built.validate();
    assertJsonEquals(text("translations-full.json"), built.toJson());
    assertEquals(TranslationClientSecretRequest.fromJson(text("translations-full.json")), built);
  }

  @Test
  void betaBuilderWritesFlatFieldsAndInf() {
    RealtimeSessionRequest request = RealtimeSessionRequest.builder()
        .model("gpt-4o-realtime-preview")
        .voice(Voice.ASH)
        .inputAudioFormat(BetaAudioFormat.PCM16)
        .turnDetection(SemanticVad.builder().eagerness(Eagerness.LOW).build())
        .temperature(0.8)
        .maxResponseOutputTokens(TokenLimit.INF)
        .build();
    request.validate();
    assertJsonEquals("{\"model\":\"gpt-4o-realtime-preview\",\"voice\":\"ash\",\"input_audio_format\":\"pcm16\","
        + "\"turn_detection\":{\"type\":\"semantic_vad\",\"eagerness\":\"low\"},\"temperature\":0.8,"
        + "\"max_response_output_tokens\":\"inf\"}", request.toJson());
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void minimalRequestPerEndpointIsValidAndTargetsThatEndpoint(Endpoint endpoint) {
    SecretRequest<?> minimal = SecretRequests.minimal(endpoint);
    minimal.validate();
    assertEquals(endpoint, minimal.endpoint());
    assertEquals(minimal, SecretRequests.fromJson(endpoint, minimal.toJson()));
  }

  @Test
  void minimalRequestsUseTheDocumentedModels() {
    assertJsonEquals("{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}",
        ClientSecretRequest.minimal().toJson());
    assertJsonEquals("{\"model\":\"gpt-4o-realtime-preview\"}", RealtimeSessionRequest.minimal().toJson());
    assertJsonEquals("{\"session\":{\"model\":\"gpt-realtime-translate\"}}",
        TranslationClientSecretRequest.minimal().toJson());
    assertJsonEquals("{\"input_audio_transcription\":{\"model\":\"gpt-4o-transcribe\"}}",
        TranscriptionSessionRequest.minimal().toJson());
  }

  @Test
  void parseByEndpointReturnsTheEndpointsRequestType() {
    assertInstanceOf(ClientSecretRequest.class, SecretRequests.fromJson(Endpoint.CLIENT_SECRETS, "{}"));
    assertInstanceOf(TranslationClientSecretRequest.class, SecretRequests.fromJson(Endpoint.TRANSLATIONS, "{}"));
    assertInstanceOf(RealtimeSessionRequest.class, SecretRequests.fromJson(Endpoint.SESSIONS, "{}"));
    assertInstanceOf(TranscriptionSessionRequest.class,
        SecretRequests.fromJson(Endpoint.TRANSCRIPTION_SESSIONS, "{}"));
  }

  @Test
  void unknownRequestFieldsAreKeptAndSentOn() {
    String json = "{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\",\"new_knob\":{\"a\":[1,null]}},"
        + "\"beta_flag\":true}";
    ClientSecretRequest request = ClientSecretRequest.fromJson(json);
    request.validate();
    assertEquals(true, request.additionalProperties().get("beta_flag"));
    assertTrue(request.session().additionalProperties().containsKey("new_knob"));
    assertJsonEquals(json, request.toJson());
  }

  @Test
  void requestsAndTheirCollectionsAreImmutable() {
    ClientSecretRequest request = ClientSecretRequest.fromJson(text("client-secrets-realtime-full.json"));
    RealtimeSessionConfig session = (RealtimeSessionConfig) request.session();
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
        () -> session.tools().clear());
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
        () -> request.additionalProperties().put("x", 1));
    @SuppressWarnings("unchecked")
    Map<String, Object> menu = (Map<String, Object>) session.prompt().variables().get("menu");
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
        () -> menu.put("text", "changed"));
  }
}
