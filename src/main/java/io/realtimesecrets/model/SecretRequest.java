package io.realtimesecrets.model;

/**
 * A request body for one of the mint endpoints, typed by the response it produces.
 *
 * <p>Implementations are immutable and thread safe, so one instance can serve as a template for any number
 * of mints (the pool and the gateway hold exactly that).
 *
 * @param <R> the response type of the endpoint
 */
public interface SecretRequest<R extends EphemeralSecret> {

  /**
   * The endpoint this body is sent to.
   *
   * @return the endpoint
   */
  Endpoint endpoint();

  /**
   * The Java type the endpoint's answer decodes to.
   *
   * @return the response class
   */
  Class<R> responseType();

  /**
   * Checks every rule the API documents (schema and prose) without any network call.
   *
   * @throws RequestValidationException naming the first offending field and the rule it breaks
   */
  void validate();

  /**
   * Encodes this request with the library's own mapper (never Vert.x's global codec).
   *
   * @return the JSON body
   */
  String toJson();
}
