package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimesecrets.model.impl.Checks;
import java.time.Duration;

/**
 * What the two GA request bodies share ({@link ClientSecretRequest}, {@link TranslationClientSecretRequest}):
 * the secret's lifetime ({@code expires_after}, 10 s to 2 h, default 10 min) and the {@code session} it
 * carries, whose type and rules are the only difference between them. Immutable and thread safe.
 *
 * @param <S> the type of the {@code session} object
 * @param <R> the response type
 */
public abstract class GaClientSecretRequest<S, R extends EphemeralSecret> extends ExtensibleObject
    implements SecretRequest<R> {

  private final ExpiresAfter expiresAfter;
  private final S session;

  /**
   * Copies the fields collected by a builder.
   *
   * @param b the builder
   */
  protected GaClientSecretRequest(Builder<S, ?> b) {
    super(b);
    this.expiresAfter = b.expiresAfter;
    this.session = b.session;
  }

  /**
   * Lifetime of the secret; the API defaults to 600 s.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("expires_after")
  public ExpiresAfter expiresAfter() {
    return expiresAfter;
  }

  /**
   * The session configuration to attach to the secret.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("session")
  public S session() {
    return session;
  }

  @Override
  public Duration secretLifetime() {
    Long seconds = expiresAfter == null ? null : expiresAfter.seconds();
    return Duration.ofSeconds(seconds == null ? ExpiresAfter.DEFAULT_SECONDS : seconds);
  }

  /** Checks {@code expires_after}, the rule both GA bodies share; the subclass then checks its session. */
  final void validateExpiresAfter() {
    if (expiresAfter != null) {
      expiresAfter.validate("expires_after");
    } else if (isExplicitNull("expires_after")) {
      throw Checks.fail("expires_after", "must be an object, not null");
    }
  }

  /**
   * The setters both GA request builders share. Not thread safe. Unset fields are omitted from the JSON.
   *
   * @param <S> the type of the {@code session} object
   * @param <B> the concrete builder type
   */
  public abstract static class Builder<S, B extends Builder<S, B>> extends ExtensibleObject.Builder<B> {
    private ExpiresAfter expiresAfter;
    private S session;

    /** Creates an empty builder. */
    protected Builder() {
    }

    /**
     * Sets {@code expires_after}: lifetime of the secret; the API defaults to 600 s.
     *
     * @param expiresAfter the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("expires_after")
    public B expiresAfter(ExpiresAfter expiresAfter) {
      this.expiresAfter = expiresAfter;
      track("expires_after", expiresAfter);
      return self();
    }

    /**
     * Sets {@code session}: the session configuration to attach to the secret.
     *
     * @param session the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("session")
    public B session(S session) {
      this.session = session;
      track("session", session);
      return self();
    }
  }
}
