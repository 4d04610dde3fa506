package io.realtimesecrets.model;

import java.util.List;
import java.util.Objects;

/**
 * Requests chosen by {@link Endpoint} at run time, for code that learns the endpoint from configuration
 * (the CLI, gateway profiles, the mock server).
 */
public final class SecretRequests {

  private SecretRequests() {
  }

  /**
   * Parses a request body for an endpoint.
   *
   * @param endpoint the endpoint the body is for
   * @param json the JSON text
   * @return a {@link ClientSecretRequest}, {@link TranslationClientSecretRequest},
   *     {@link RealtimeSessionRequest} or {@link TranscriptionSessionRequest}; not yet validated
   * @throws RequestValidationException when the text is not a JSON object of the right shape; the
   *     message never quotes the input
   */
  public static SecretRequest<?> fromJson(Endpoint endpoint, String json) {
    switch (Objects.requireNonNull(endpoint, "endpoint")) {
      case CLIENT_SECRETS:
        return ClientSecretRequest.fromJson(json);
      case TRANSLATIONS:
        return TranslationClientSecretRequest.fromJson(json);
      case SESSIONS:
        return RealtimeSessionRequest.fromJson(json);
      case TRANSCRIPTION_SESSIONS:
        return TranscriptionSessionRequest.fromJson(json);
      default:
        throw new IllegalArgumentException("unsupported endpoint " + endpoint);
    }
  }

  /**
   * The smallest valid request for an endpoint (see each type's {@code minimal()}).
   *
   * @param endpoint the endpoint
   * @return a request that passes {@code validate()}
   */
  public static SecretRequest<?> minimal(Endpoint endpoint) {
    switch (Objects.requireNonNull(endpoint, "endpoint")) {
      case CLIENT_SECRETS:
        return ClientSecretRequest.minimal();
      case TRANSLATIONS:
        return TranslationClientSecretRequest.minimal();
      case SESSIONS:
        return RealtimeSessionRequest.minimal();
      case TRANSCRIPTION_SESSIONS:
        return TranscriptionSessionRequest.minimal();
      default:
        throw new IllegalArgumentException("unsupported endpoint " + endpoint);
    }
  }

  /**
   * Parses and validates a request body for an endpoint.
   *
   * @param endpoint the endpoint
   * @param json the JSON text
   * @return the valid request
   * @throws RequestValidationException naming the JSON path and the rule of the first problem
   */
  public static SecretRequest<?> parseValid(Endpoint endpoint, String json) {
    SecretRequest<?> request = fromJson(endpoint, json);
    request.validate();
    return request;
  }
  /**
   * The fields of a parsed request that its model types do not know (in the model's property order), each with the
   * closest known name when one is close: {@code session.instrutions} gives
   * {@code session.instrutions: unknown field (did you mean 'instructions'?)}.
   *
   * <p>The known fields are those of the model itself (the properties of each parsed object's class, the
   * variant of a {@code session}, tool or turn detection chosen by its {@code type}), so the check cannot
   * drift from what the library sends. Free-form JSON ({@code parameters}, {@code metadata},
   * {@code variables}, {@code headers}) is not checked. Parsing itself never fails on unknown fields, and
   * responses keep them; this is for configuration a person typed (gateway profiles, {@code mint --body})
   * and for the mock, which refuses them as the API does.
   *
   * @param request a parsed request
   * @return the unknown fields, empty when there are none
   */
  public static List<UnknownField> unknownFields(SecretRequest<?> request) {
    return List.copyOf(KnownFields.find(Objects.requireNonNull(request, "request")));
  }

  /**
   * Fails on the first field {@link #unknownFields(SecretRequest)} finds.
   *
   * @param request a parsed request
   * @throws RequestValidationException naming the field's JSON path and, when close, the likely name
   */
  public static void requireKnownFields(SecretRequest<?> request) {
    List<UnknownField> unknown = unknownFields(request);
    if (!unknown.isEmpty()) {
      throw unknown.get(0).toException();
    }
  }
}
