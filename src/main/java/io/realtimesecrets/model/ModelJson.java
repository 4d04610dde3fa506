package io.realtimesecrets.model;

import io.realtimesecrets.model.impl.ModelMapper;

/**
 * The library's own JSON codec for its models: one private Jackson mapper (unknown fields kept, never
 * fatal; no default typing; parse errors never quote the input). It is never Vert.x's global codec,
 * which frameworks such as Quarkus replace with the application's mapper. Thread safe.
 */
public final class ModelJson {

  private ModelJson() {
  }

  /**
   * Decodes a response body. For the four response types ({@link EphemeralSecret}s) it also checks that
   * the secret and its expiry are present, since a response without them cannot be used.
   *
   * @param json the body bytes (UTF-8 JSON)
   * @param type the model type
   * @param <T> the model type
   * @return the decoded value
   * @throws IllegalArgumentException when the body is not valid JSON for the type, or a secret response
   *     lacks its secret; the message names the type and JSON path and never contains the body (it may
   *     hold secrets), and no cause is attached because Jackson's messages may quote the body
   */
  public static <T> T decode(byte[] json, Class<T> type) {
    T value = ModelMapper.readResponse(json, type);
    if (value instanceof EphemeralSecret) {
      EphemeralSecret secret = (EphemeralSecret) value;
      boolean beta = value instanceof RealtimeSession || value instanceof TranscriptionSession;
      if (secret.secretValue() == null || secret.secretValue().isEmpty()) {
        throw new IllegalArgumentException(type.getSimpleName() + " response has no secret ("
            + (beta ? "client_secret.value" : "value") + " missing or null)");
      }
      if (secret.expiresAt() == null) {
        throw new IllegalArgumentException(type.getSimpleName() + " response has no expiry ("
            + (beta ? "client_secret.expires_at" : "expires_at") + " missing or null)");
      }
    }
    if (value instanceof ExtensibleObject decoded) {
      decoded.keepSourceJson(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }
    return value;
  }

  /**
   * Encodes a model object (or any plain value) with the library's mapper. Unset fields are omitted;
   * unknown fields and explicit nulls of model objects are written.
   *
   * @param value the value
   * @return the JSON text
   * @throws IllegalArgumentException when the value cannot be encoded
   */
  public static String encode(Object value) {
    return ModelMapper.write(value);
  }
}
