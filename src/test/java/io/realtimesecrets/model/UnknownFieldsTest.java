package io.realtimesecrets.model;

import static io.realtimesecrets.model.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnknownFieldsTest {

  /** The problems as text, sorted: the check reports in the model's property order, not the document's. */
  private static List<String> unknown(Endpoint endpoint, String json) {
    return SecretRequests.unknownFields(SecretRequests.fromJson(endpoint, json)).stream()
        .map(UnknownField::toString).sorted().collect(Collectors.toList());
  }

  @Test
  void typoInTheSessionIsNamedByPathWithTheLikelyName() {
    assertEquals(List.of("session.instrutions: unknown field (did you mean 'instructions'?)"),
        unknown(Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\",\"instrutions\":\"Be brief.\"}}"));
  }

  @Test
  void requireKnownFieldsThrowsTheSameMessageAsAValidationError() {
    SecretRequest<?> request = SecretRequests.fromJson(Endpoint.CLIENT_SECRETS,
        "{\"session\":{\"type\":\"realtime\",\"instrutions\":\"Be brief.\"}}");
    RequestValidationException e = assertThrows(RequestValidationException.class,
        () -> SecretRequests.requireKnownFields(request));
    assertEquals("session.instrutions", e.field());
    assertEquals("session.instrutions: unknown field (did you mean 'instructions'?)", e.getMessage());
  }

  @Test
  void aFieldFarFromEveryKnownNameGetsNoSuggestion() {
    assertEquals(List.of("session.foo: unknown field"),
        unknown(Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\",\"foo\":1}}"));
  }

  @Test
  void camelCaseSpellingOfAKnownFieldSuggestsTheWireName() {
    assertEquals(List.of("session.maxOutputTokens: unknown field (did you mean 'max_output_tokens'?)"),
        unknown(Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\",\"maxOutputTokens\":100}}"));
  }

  @Test
  void eachVariantIsCheckedAgainstItsOwnFieldsChosenByType() {
    // threshold belongs to server_vad, not semantic_vad; temperature is beta-only, not GA
    assertEquals(List.of("session.audio.input.turn_detection.threshold: unknown field",
            "session.temperature: unknown field"),
        unknown(Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\",\"temperature\":0.8,"
            + "\"audio\":{\"input\":{\"turn_detection\":{\"type\":\"semantic_vad\",\"threshold\":0.5}}}}}"));
    // a transcription session has no model of its own (it is chosen at audio.input.transcription.model)
    assertEquals(List.of("session.model: unknown field"), unknown(Endpoint.CLIENT_SECRETS,
        "{\"session\":{\"type\":\"transcription\",\"model\":\"gpt-realtime\"}}"));
  }

  @Test
  void listElementsAndStringOrObjectValuesAreWalked() {
    assertEquals(List.of("session.tool_choice.nme: unknown field (did you mean 'name'?)",
            "session.tools[1].descripton: unknown field (did you mean 'description'?)",
            "session.tracing.workflow_nmae: unknown field (did you mean 'workflow_name'?)",
            "session.truncation.token_limit: unknown field (did you mean 'token_limits'?)"),
        unknown(Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\","
            + "\"tools\":[{\"type\":\"function\",\"name\":\"a\"},{\"type\":\"function\",\"name\":\"b\",\"descripton\":\"d\"}],"
            + "\"tracing\":{\"workflow_nmae\":\"w\"},"
            + "\"truncation\":{\"type\":\"retention_ratio\",\"retention_ratio\":0.5,\"token_limit\":{}},"
            + "\"tool_choice\":{\"type\":\"function\",\"nme\":\"b\"}}}"));
  }

  @Test
  void freeFormJsonIsNotChecked() {
    assertEquals(List.of(), unknown(Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\","
        + "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"anything\":1}},"
        + "{\"type\":\"mcp\",\"server_label\":\"s\",\"server_url\":\"https://mcp.example\",\"headers\":{\"X-Any\":\"v\"}}],"
        + "\"tracing\":{\"metadata\":{\"whatever\":true}},"
        + "\"prompt\":{\"id\":\"pmpt_1\",\"variables\":{\"city\":{\"type\":\"input_text\",\"text\":\"Paris\",\"x\":1}}}}}"));
  }

  @Test
  void anUnknownSessionTypeIsLeftToValidateInsteadOfFlaggingEveryField() {
    SecretRequest<?> request = SecretRequests.fromJson(Endpoint.CLIENT_SECRETS,
        "{\"session\":{\"type\":\"realtim\",\"model\":\"gpt-realtime\"}}");
    assertEquals(List.of(), SecretRequests.unknownFields(request));
    RequestValidationException e = assertThrows(RequestValidationException.class, request::validate);
    assertEquals("session.type", e.field());
  }

  @Test
  void betaAndTranslationBodiesAreCheckedAtTheTopLevelToo() {
    assertEquals(List.of("modle: unknown field (did you mean 'model'?)"),
        unknown(Endpoint.SESSIONS, "{\"modle\":\"gpt-4o-realtime-preview\"}"));
    assertEquals(List.of("input_audio_fromat: unknown field (did you mean 'input_audio_format'?)"),
        unknown(Endpoint.TRANSCRIPTION_SESSIONS, "{\"input_audio_fromat\":\"pcm16\"}"));
    assertEquals(List.of("session.audio.output.langauge: unknown field (did you mean 'language'?)"),
        unknown(Endpoint.TRANSLATIONS, "{\"session\":{\"model\":\"gpt-realtime-translate\","
            + "\"audio\":{\"output\":{\"langauge\":\"es\"}}}}"));
    assertEquals(List.of("expires_afer: unknown field (did you mean 'expires_after'?)"),
        unknown(Endpoint.CLIENT_SECRETS, "{\"expires_afer\":{\"seconds\":60}}"));
  }

  @ParameterizedTest(name = "{0} <- {1}")
  @CsvSource({
      "CLIENT_SECRETS, client-secrets-realtime-full.json",
      "CLIENT_SECRETS, client-secrets-transcription-full.json",
      "TRANSLATIONS, translations-full.json",
      "SESSIONS, sessions-full.json",
      "TRANSCRIPTION_SESSIONS, transcription-sessions-full.json"})
  void everyModelledFieldOfTheFullFixturesIsKnown(Endpoint endpoint, String fixture) {
    assertEquals(List.of(), unknown(endpoint, text(fixture)));
  }

  @Test
  void everyRequestTheModelEncodesIsKnownToTheCheck() {
    for (Endpoint endpoint : Endpoint.values()) {
      SecretRequest<?> minimal = SecretRequests.minimal(endpoint);
      assertEquals(List.of(), SecretRequests.unknownFields(SecretRequests.fromJson(endpoint, minimal.toJson())));
    }
  }

  @Test
  void betaClientSecretLifetimeIsModelledUnderBothSdkNames() {
    RealtimeSessionRequest sessions = RealtimeSessionRequest.fromJson(
        "{\"client_secret\":{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":300}}}");
    sessions.validate();
    assertEquals(Duration.ofSeconds(300), sessions.secretLifetime());
    TranscriptionSessionRequest transcription = TranscriptionSessionRequest.fromJson(
        "{\"client_secret\":{\"expires_at\":{\"anchor\":\"created_at\",\"seconds\":120}}}");
    transcription.validate();
    assertEquals(Duration.ofSeconds(120), transcription.secretLifetime());
    assertEquals(List.of(), SecretRequests.unknownFields(sessions));
    assertEquals(List.of(), SecretRequests.unknownFields(transcription));
    assertEquals(SecretRequest.BETA_SECRET_LIFETIME, RealtimeSessionRequest.minimal().secretLifetime());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"client_secret\":{\"expires_after\":{\"seconds\":5}}} | client_secret.expires_after.seconds",
      "{\"client_secret\":{\"expires_after\":{\"seconds\":7201}}} | client_secret.expires_after.seconds",
      "{\"client_secret\":{\"expires_at\":{\"anchor\":\"now\",\"seconds\":60}}} | client_secret.expires_at.anchor",
      "{\"client_secret\":{\"expires_after\":{\"seconds\":60},\"expires_at\":{\"seconds\":60}}} | client_secret",
      "{\"client_secret\":null} | client_secret"})
  void betaClientSecretLifetimeIsValidatedLikeTheGaOne(String json, String field) {
    for (Endpoint endpoint : List.of(Endpoint.SESSIONS, Endpoint.TRANSCRIPTION_SESSIONS)) {
      RequestValidationException e = assertThrows(RequestValidationException.class,
          () -> SecretRequests.fromJson(endpoint, json).validate());
      assertEquals(field, e.field(), endpoint + ": " + e.getMessage());
    }
  }

  @Test
  void suggestionDistanceCountsASwapOfNeighboursAsOneEdit() {
    assertEquals(1, KnownFields.distance("modle", "model"));
    assertEquals(3, KnownFields.distance("foo", "id"));
    assertTrue(KnownFields.names(RealtimeSessionConfig.class).contains("instructions"));
  }
}
