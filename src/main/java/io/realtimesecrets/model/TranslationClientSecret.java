package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.time.Instant;

/**
 * Response of the GA {@code POST /realtime/translations/client_secrets}: the secret, its expiry and the
 * translation {@code session}. Unknown fields are kept and re-emitted. {@code toString()} shows only a
 * redacted secret. Immutable and thread safe.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = TranslationClientSecret.Builder.class)
public final class TranslationClientSecret extends ExtensibleObject implements EphemeralSecret {

  private final String value;
  private final Long expiresAtEpochSeconds;
  private final TranslationSessionConfig session;

  private TranslationClientSecret(Builder b) {
    super(b);
    this.value = b.value;
    this.expiresAtEpochSeconds = b.expiresAtEpochSeconds;
    this.session = b.session;
  }

  /**
   * A new, empty builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
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
   * The translation session.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("session")
  public TranslationSessionConfig session() {
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
   * Builds {@link TranslationClientSecret} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String value;
    private Long expiresAtEpochSeconds;
    private TranslationSessionConfig session;

    private Builder() {
    }

    /**
     * Sets {@code value}: the secret ({@code ek_...}); never log it.
     *
     * @param value the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("value")
    public Builder value(String value) {
      this.value = value;
      track("value", value);
      return this;
    }

    /**
     * Sets {@code expires_at}: the secret's expiry, Unix seconds.
     *
     * @param expiresAtEpochSeconds the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("expires_at")
    public Builder expiresAtEpochSeconds(Long expiresAtEpochSeconds) {
      this.expiresAtEpochSeconds = expiresAtEpochSeconds;
      track("expires_at", expiresAtEpochSeconds);
      return this;
    }

    /**
     * Sets {@code session}: the translation session.
     *
     * @param session the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("session")
    public Builder session(TranslationSessionConfig session) {
      this.session = session;
      track("session", session);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public TranslationClientSecret build() {
      return new TranslationClientSecret(this);
    }
  }
}
