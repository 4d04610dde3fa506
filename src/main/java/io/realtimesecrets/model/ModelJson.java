package io.realtimesecrets.model;

/**
 * STUB (to be replaced by the model work): the library's own JSON codec for its models.
 */
public final class ModelJson {
  private ModelJson() { }

  /**
   * Decodes a response body.
   *
   * @throws IllegalArgumentException when the body is not valid JSON for the type; the message never
   *     contains the body (it may hold secrets)
   */
  public static <T> T decode(byte[] json, Class<T> type) {
    throw new UnsupportedOperationException("stub");
  }

  /** Encodes a model object. */
  public static String encode(Object value) {
    throw new UnsupportedOperationException("stub");
  }
}
