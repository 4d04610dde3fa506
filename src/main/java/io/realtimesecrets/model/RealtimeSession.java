package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.time.Instant;

/**
 * Response of the beta {@code POST /realtime/sessions}: the session object with a {@code client_secret}
 * {@code {value, expires_at}} (the secret lives about one minute). The session settings use the same
 * types as {@link RealtimeSessionRequest}. Unknown fields are kept and re-emitted. {@code toString()} shows
 * only a redacted secret. Immutable and thread safe.
 */
// the secret first, as before the settings moved to the base class (Jackson writes inherited fields first)
@JsonPropertyOrder({"client_secret", "id", "object", "expires_at"})
@JsonDeserialize(using = JsonDeserializer.None.class, builder = RealtimeSession.Builder.class)
public final class RealtimeSession extends BetaRealtimeSettings implements EphemeralSecret {

  private final ClientSecretValue clientSecret;
  private final String id;
  private final String object;
  private final Long sessionExpiresAt;

  private RealtimeSession(Builder b) {
    super(b);
    this.clientSecret = b.clientSecret;
    this.id = b.id;
    this.object = b.object;
    this.sessionExpiresAt = b.sessionExpiresAt;
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
   * The ephemeral secret and its expiry.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("client_secret")
  public ClientSecretValue clientSecret() {
    return clientSecret;
  }

  /**
   * Session id ({@code sess_...}).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("id")
  public String id() {
    return id;
  }

  /**
   * Object kind.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("object")
  public String object() {
    return object;
  }

  /**
   * The session's expiry, Unix seconds (not the secret's).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("expires_at")
  public Long sessionExpiresAt() {
    return sessionExpiresAt;
  }

  @Override
  public String secretValue() {
    return clientSecret == null ? null : clientSecret.value();
  }

  @Override
  public Instant expiresAt() {
    Long seconds = clientSecret == null ? null : clientSecret.expiresAt();
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
   * Builds {@link RealtimeSession} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends BetaRealtimeSettings.Builder<Builder> {
    private ClientSecretValue clientSecret;
    private String id;
    private String object;
    private Long sessionExpiresAt;

    private Builder() {
    }

    /**
     * Sets {@code client_secret}: the ephemeral secret and its expiry.
     *
     * @param clientSecret the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("client_secret")
    public Builder clientSecret(ClientSecretValue clientSecret) {
      this.clientSecret = clientSecret;
      track("client_secret", clientSecret);
      return this;
    }

    /**
     * Sets {@code id}: session id ({@code sess_...}).
     *
     * @param id the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("id")
    public Builder id(String id) {
      this.id = id;
      track("id", id);
      return this;
    }

    /**
     * Sets {@code object}: object kind.
     *
     * @param object the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("object")
    public Builder object(String object) {
      this.object = object;
      track("object", object);
      return this;
    }

    /**
     * Sets {@code expires_at}: the session's expiry, Unix seconds (not the secret's).
     *
     * @param sessionExpiresAt the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("expires_at")
    public Builder sessionExpiresAt(Long sessionExpiresAt) {
      this.sessionExpiresAt = sessionExpiresAt;
      track("expires_at", sessionExpiresAt);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public RealtimeSession build() {
      return new RealtimeSession(this);
    }
  }
}
