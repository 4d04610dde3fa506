package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * The {@code client_secret} object of a beta request ({@link RealtimeSessionRequest},
 * {@link TranscriptionSessionRequest}): how long the secret lives, {@code seconds} (10 to 7200) from
 * {@code anchor} ({@code created_at}). Without it a beta secret lives about one minute.
 *
 * <p>The official SDKs name the lifetime object differently on the two beta endpoints:
 * {@code expires_after} on {@code /realtime/sessions} and {@code expires_at} on
 * {@code /realtime/transcription_sessions}. Both names are read on both endpoints; setting both is an
 * error. Immutable and thread safe.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = BetaClientSecretConfig.Builder.class)
public final class BetaClientSecretConfig extends ExtensibleObject {

  private final ExpiresAfter expiresAfter;
  private final ExpiresAfter expiresAt;

  private BetaClientSecretConfig(Builder b) {
    super(b);
    this.expiresAfter = b.expiresAfter;
    this.expiresAt = b.expiresAt;
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
   * {@code {"expires_after": {"anchor": "created_at", "seconds": seconds}}}.
   *
   * @param seconds the secret's life in seconds, 10 to 7200
   * @return the value
   */
  public static BetaClientSecretConfig expiresAfterSeconds(long seconds) {
    return builder().expiresAfter(ExpiresAfter.ofSeconds(seconds)).build();
  }

  /**
   * The secret's lifetime as {@code /realtime/sessions} names it (the SDKs' name there).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("expires_after")
  public ExpiresAfter expiresAfter() {
    return expiresAfter;
  }

  /**
   * The secret's lifetime as {@code /realtime/transcription_sessions} names it (the SDKs' name there;
   * an object {@code {anchor, seconds}}, not a timestamp).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("expires_at")
  public ExpiresAfter expiresAt() {
    return expiresAt;
  }

  /**
   * The requested lifetime in seconds, whichever name carried it.
   *
   * @return the seconds, or {@code null} when none was requested
   */
  public Long requestedSeconds() {
    ExpiresAfter e = expiresAfter != null ? expiresAfter : expiresAt;
    return e == null ? null : e.seconds();
  }

  void validate(String path) {
    if (expiresAfter != null && expiresAt != null) {
      throw Checks.fail(path, "set expires_after or expires_at, not both");
    }
    if (expiresAfter != null) {
      expiresAfter.validate(Checks.path(path, "expires_after"));
    } else if (expiresAt != null) {
      expiresAt.validate(Checks.path(path, "expires_at"));
    }
  }

  /**
   * Builds {@link BetaClientSecretConfig} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private ExpiresAfter expiresAfter;
    private ExpiresAfter expiresAt;

    private Builder() {
    }

    /**
     * Sets {@code expires_after}: the secret's lifetime (the name {@code /realtime/sessions} uses).
     *
     * @param expiresAfter the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("expires_after")
    public Builder expiresAfter(ExpiresAfter expiresAfter) {
      this.expiresAfter = expiresAfter;
      track("expires_after", expiresAfter);
      return this;
    }

    /**
     * Sets {@code expires_at}: the secret's lifetime (the name {@code /realtime/transcription_sessions}
     * uses).
     *
     * @param expiresAt the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("expires_at")
    public Builder expiresAt(ExpiresAfter expiresAt) {
      this.expiresAt = expiresAt;
      track("expires_at", expiresAt);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public BetaClientSecretConfig build() {
      return new BetaClientSecretConfig(this);
    }
  }
}
