package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What the two GA mint responses share ({@link ClientSecret}, {@link TranslationClientSecret}): the secret
 * ({@code value}, {@code ek_...}), its expiry ({@code expires_at}, Unix seconds) and the {@code session} it
 * is bound to, whose type is the only difference between them. Unknown fields are kept and re-emitted by
 * {@link #toJson()}. {@code toString()} shows only a redacted secret. Immutable and thread safe.
 *
 * @param <S> the type of the {@code session} object
 */
public abstract class GaClientSecret<S> extends ExtensibleObject implements EphemeralSecret {

  private final String value;
  private final Long expiresAtEpochSeconds;
  private final S session;

  /**
   * Copies the fields collected by a builder.
   *
   * @param b the builder
   */
  protected GaClientSecret(Builder<S, ?> b) {
    super(b);
    this.value = b.value;
    this.expiresAtEpochSeconds = b.expiresAtEpochSeconds;
    this.session = b.session;
  }

  /**
   * The secret ({@code ek_...}); never log it.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("value")
  public String value() {
    return value;
  }

  /**
   * The secret's expiry, Unix seconds.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("expires_at")
  public Long expiresAtEpochSeconds() {
    return expiresAtEpochSeconds;
  }

  /**
   * The session the secret is bound to, as the server reports it.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("session")
  public S session() {
    return session;
  }

  @Override
  public String secretValue() {
    return value;
  }

  @Override
  public Instant expiresAt() {
    Long seconds = expiresAtEpochSeconds;
    return seconds == null ? null : Instant.ofEpochSecond(seconds);
  }

  @Override
  public String toJson() {
    return super.toJson();
  }

  @Override
  public String toString() {
    return super.toString();
  }

  /**
   * The setters both GA response builders share. Not thread safe. Unset fields are omitted from the JSON.
   *
   * @param <S> the type of the {@code session} object
   * @param <B> the concrete builder type
   */
  public abstract static class Builder<S, B extends Builder<S, B>> extends ExtensibleObject.Builder<B> {
    private String value;
    private Long expiresAtEpochSeconds;
    private S session;

    /** Creates an empty builder. */
    protected Builder() {
    }

    /**
     * Sets {@code value}: the secret ({@code ek_...}); never log it.
     *
     * @param value the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("value")
    public B value(String value) {
      this.value = value;
      track("value", value);
      return self();
    }

    /**
     * Sets {@code expires_at}: the secret's expiry, Unix seconds.
     *
     * @param expiresAtEpochSeconds the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("expires_at")
    public B expiresAtEpochSeconds(Long expiresAtEpochSeconds) {
      this.expiresAtEpochSeconds = expiresAtEpochSeconds;
      track("expires_at", expiresAtEpochSeconds);
      return self();
    }

    /**
     * Sets {@code session}: the session the secret is bound to.
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
