package io.realtimesecrets.model;

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
}
