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

  /** Life of a beta secret ({@code /realtime/sessions}, {@code /realtime/transcription_sessions}): 60 s. */
  java.time.Duration BETA_SECRET_LIFETIME = java.time.Duration.ofSeconds(60);

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
   * The life the API gives a secret minted from this request: {@code expires_after.seconds} (default
   * {@value ExpiresAfter#DEFAULT_SECONDS} s) on the GA endpoints; on the beta ones
   * {@code client_secret.expires_after.seconds} (see {@link BetaClientSecretConfig}), else
   * {@link #BETA_SECRET_LIFETIME}.
   * The pool sizes its floor and cross-checks the server's {@code expires_at} with it.
   *
   * @return the requested life
   */
  java.time.Duration secretLifetime();

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
