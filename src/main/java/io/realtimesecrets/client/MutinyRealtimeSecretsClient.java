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
import java.util.Objects;

/**
 * The Mutiny face of {@link RealtimeSecretsClient}: each method delegates to the client and nothing else.
 *
 * <p>Every {@code Uni} is lazy: the HTTP call starts at subscription, and each subscription (a
 * {@code retry()}, say) mints again. Cancelling a subscription does not abort a request already sent.
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
    return Uni.createFrom().completionStage(() -> delegate.createClientSecret(request).toCompletionStage());
  }

  /** @see RealtimeSecretsClient#createTranslationClientSecret(TranslationClientSecretRequest) */
  public Uni<TranslationClientSecret> createTranslationClientSecret(TranslationClientSecretRequest request) {
    return Uni.createFrom().completionStage(
        () -> delegate.createTranslationClientSecret(request).toCompletionStage());
  }

  /** @see RealtimeSecretsClient#createSession(RealtimeSessionRequest) */
  public Uni<RealtimeSession> createSession(RealtimeSessionRequest request) {
    return Uni.createFrom().completionStage(() -> delegate.createSession(request).toCompletionStage());
  }

  /** @see RealtimeSecretsClient#createTranscriptionSession(TranscriptionSessionRequest) */
  public Uni<TranscriptionSession> createTranscriptionSession(TranscriptionSessionRequest request) {
    return Uni.createFrom().completionStage(
        () -> delegate.createTranscriptionSession(request).toCompletionStage());
  }

  /** @see RealtimeSecretsClient#mint(SecretRequest, CallOptions) */
  public <R extends EphemeralSecret> Uni<MintResult<R>> mint(SecretRequest<R> request, CallOptions callOptions) {
    return Uni.createFrom().completionStage(() -> delegate.mint(request, callOptions).toCompletionStage());
  }

  /** @see RealtimeSecretsClient#close() */
  public Uni<Void> close() {
    return Uni.createFrom().completionStage(() -> delegate.close().toCompletionStage());
  }
}
