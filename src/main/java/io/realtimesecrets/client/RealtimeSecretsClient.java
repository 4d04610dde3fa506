package io.realtimesecrets.client;

import io.realtimesecrets.client.impl.RealtimeSecretsClientImpl;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.RealtimeSession;
import io.realtimesecrets.model.RealtimeSessionRequest;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.model.TranscriptionSession;
import io.realtimesecrets.model.TranscriptionSessionRequest;
import io.realtimesecrets.model.TranslationClientSecret;
import io.realtimesecrets.model.TranslationClientSecretRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A non-blocking client for the OpenAI Realtime credential endpoints, which mint ephemeral client secrets
 * ({@code ek_...}) for browsers and mobile apps.
 *
 * <h2>Share one instance</h2>
 * The client holds a pool of HTTP connections; create it once per application and share it. It is thread
 * safe and may be called from any thread: every returned {@link Future} completes on the caller's Vert.x
 * context when the call is made from one, otherwise on an event loop of the client.
 *
 * <h2>Configure it</h2>
 * <pre>{@code
 * RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, RealtimeSecretsClientOptions.fromEnv());
 * client.createClientSecret(ClientSecretRequest.fromJson("{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}"))
 *     .onSuccess(secret -> sendToBrowser(secret.toJson()));
 * }</pre>
 * Requests are validated before any network call; a broken rule fails the future with
 * {@link io.realtimesecrets.model.RequestValidationException}. Non-2xx answers fail it with
 * {@link ApiException}; transport failures with {@link UpstreamException}. Transient failures (408, 409, 429,
 * 5xx, connection errors, timeouts) are retried with jittered exponential backoff that honours
 * {@code Retry-After}, within the options' overall deadline.
 *
 * <h2>Close it</h2>
 * {@link #close()} releases the connections. The {@link Vertx} instance belongs to the caller and is never
 * closed by the client.
 */
public interface RealtimeSecretsClient {

  /**
   * Creates a client on the given Vert.x instance. The options are copied: later changes to them have no
   * effect on the client.
   *
   * @param vertx the Vert.x instance to run on (not closed by the client)
   * @param options the options
   * @return the client
   * @throws IllegalArgumentException when the options are inconsistent (for example a malformed base URL)
   */
  static RealtimeSecretsClient create(Vertx vertx, RealtimeSecretsClientOptions options) {
    return new RealtimeSecretsClientImpl(vertx, new RealtimeSecretsClientOptions(options));
  }

  /**
   * Creates a client configured from the environment, see {@link RealtimeSecretsClientOptions#fromEnv()}.
   *
   * @param vertx the Vert.x instance to run on (not closed by the client)
   * @return the client
   */
  static RealtimeSecretsClient create(Vertx vertx) {
    return create(vertx, RealtimeSecretsClientOptions.fromEnv());
  }

  /**
   * Mints a GA client secret: {@code POST /realtime/client_secrets}.
   *
   * @param request the request body
   * @return the secret with its session
   */
  default Future<ClientSecret> createClientSecret(ClientSecretRequest request) {
    return mint(request, CallOptions.DEFAULTS).map(MintResult::secret);
  }

  /**
   * Mints a GA translation client secret: {@code POST /realtime/translations/client_secrets}.
   *
   * @param request the request body
   * @return the secret with its translation session
   */
  default Future<TranslationClientSecret> createTranslationClientSecret(TranslationClientSecretRequest request) {
    return mint(request, CallOptions.DEFAULTS).map(MintResult::secret);
  }

  /**
   * Creates a beta realtime session and its one-minute secret: {@code POST /realtime/sessions}.
   *
   * @param request the request body
   * @return the session, with {@code client_secret}
   */
  default Future<RealtimeSession> createSession(RealtimeSessionRequest request) {
    return mint(request, CallOptions.DEFAULTS).map(MintResult::secret);
  }

  /**
   * Creates a beta transcription session and its one-minute secret:
   * {@code POST /realtime/transcription_sessions}.
   *
   * @param request the request body
   * @return the session, with {@code client_secret}
   */
  default Future<TranscriptionSession> createTranscriptionSession(TranscriptionSessionRequest request) {
    return mint(request, CallOptions.DEFAULTS).map(MintResult::secret);
  }

  /**
   * Mints through whichever endpoint the request belongs to, with per-call settings, and returns the
   * response together with what the HTTP exchange told (server date, request id, rate limits, attempts).
   * This is the single path every other method goes through.
   *
   * @param request the request body; validated before any network call
   * @param callOptions per-call headers and overrides ({@link CallOptions#DEFAULTS} for none)
   * @param <R> the response type
   * @return the result
   */
  <R extends EphemeralSecret> Future<MintResult<R>> mint(SecretRequest<R> request, CallOptions callOptions);

  /**
   * The request rate-limit headers of the most recent response that carried them.
   *
   * @return the last seen rate limits, {@link RateLimitInfo#UNKNOWN} before any
   */
  RateLimitInfo lastRateLimit();

  /**
   * The Mutiny face of this client: the same calls returning lazy {@code Uni}s.
   *
   * @return a view sharing this client
   */
  default MutinyRealtimeSecretsClient mutiny() {
    return new MutinyRealtimeSecretsClient(this);
  }

  /**
   * Closes the connections. Calls made afterwards fail with {@link IllegalStateException}; calls in flight
   * may fail. Idempotent.
   *
   * @return completes when the connections are closed
   */
  Future<Void> close();
}
