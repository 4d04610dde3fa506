package io.realtimesecrets.client;

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
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Objects;

/**
 * The Mutiny face of {@link RealtimeSecretsClient}: each method delegates to the client and nothing else.
 *
 * <p>Every {@code Uni} is lazy: the HTTP call starts at subscription, and each subscription (a
 * {@code retry()}, say) mints again. Cancelling a subscription cancels the call: no further attempt, and an
 * attempt in flight is abandoned (a request already sent may still have minted a secret upstream).
 * Items and failures arrive on the same context as the underlying {@code Future}.
 */
public final class MutinyRealtimeSecretsClient {

  private final RealtimeSecretsClient delegate;

  /**
   * Wraps a client.
   *
   * @param delegate the client that does the work
   */
  public MutinyRealtimeSecretsClient(RealtimeSecretsClient delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * The wrapped client.
   *
   * @return the client
   */
  public RealtimeSecretsClient getDelegate() {
    return delegate;
  }

  /** @see RealtimeSecretsClient#createClientSecret(ClientSecretRequest) */
  public Uni<ClientSecret> createClientSecret(ClientSecretRequest request) {
    return mint(request, CallOptions.DEFAULTS).map(MintResult::secret);
  }

  /** @see RealtimeSecretsClient#createTranslationClientSecret(TranslationClientSecretRequest) */
  public Uni<TranslationClientSecret> createTranslationClientSecret(TranslationClientSecretRequest request) {
    return mint(request, CallOptions.DEFAULTS).map(MintResult::secret);
  }

  /** @see RealtimeSecretsClient#createSession(RealtimeSessionRequest) */
  public Uni<RealtimeSession> createSession(RealtimeSessionRequest request) {
    return mint(request, CallOptions.DEFAULTS).map(MintResult::secret);
  }

  /** @see RealtimeSecretsClient#createTranscriptionSession(TranscriptionSessionRequest) */
  public Uni<TranscriptionSession> createTranscriptionSession(TranscriptionSessionRequest request) {
    return mint(request, CallOptions.DEFAULTS).map(MintResult::secret);
  }

  /**
   * As {@link RealtimeSecretsClient#mint(SecretRequest, CallOptions)}; cancelling the subscription cancels the
   * call as {@link CallOptions.Builder#cancelWhen(Future)} does (together with any signal the options carry).
   */
  public <R extends EphemeralSecret> Uni<MintResult<R>> mint(SecretRequest<R> request, CallOptions callOptions) {
    CallOptions given = callOptions == null ? CallOptions.DEFAULTS : callOptions;
    return Uni.createFrom().emitter(emitter -> {
      Promise<Void> cancelled = Promise.promise();
      // also runs after the item or failure, when the call is over and cancelling it does nothing
      emitter.onTermination(cancelled::tryComplete);
      if (given.cancellation() != null) {
        given.cancellation().onComplete(ar -> cancelled.tryComplete());
      }
      delegate.mint(request, withCancellation(given, cancelled.future())).onComplete(ar -> {
        if (ar.succeeded()) {
          emitter.complete(ar.result());
        } else {
          emitter.fail(ar.cause());
        }
      });
    });
  }

  private static CallOptions withCancellation(CallOptions given, Future<Void> cancelled) {
    CallOptions.Builder b = CallOptions.builder().cancelWhen(cancelled);
    given.headers().forEach(b::header);
    if (given.timeout() != null) {
      b.timeout(given.timeout());
    }
    if (given.maxRetries() != null) {
      b.maxRetries(given.maxRetries());
    }
    return b.build();
  }

  /** @see RealtimeSecretsClient#close() */
  public Uni<Void> close() {
    return Uni.createFrom().completionStage(() -> delegate.close().toCompletionStage());
  }
}
