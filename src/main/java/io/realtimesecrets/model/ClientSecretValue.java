package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

/**
 * The {@code client_secret} object of the beta responses: {@code value} ({@code ek_...}) and
 * {@code expires_at} (Unix seconds). {@code toString()} shows only a redacted value.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = ClientSecretValue.Builder.class)
public final class ClientSecretValue extends ExtensibleObject {

  private final String value;
  private final Long expiresAt;

  private ClientSecretValue(Builder b) {
    super(b);
    this.value = b.value;
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
   * The ephemeral secret; never log it.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("value")
  public String value() {
    return value;
  }

  /**
   * Expiry, Unix seconds.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("expires_at")
  public Long expiresAt() {
    return expiresAt;
  }

  /**
   * Builds {@link ClientSecretValue} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String value;
    private Long expiresAt;

    private Builder() {
    }

    /**
     * Sets {@code value}: the ephemeral secret; never log it.
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
     * Sets {@code expires_at}: expiry, Unix seconds.
     *
     * @param expiresAt the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("expires_at")
    public Builder expiresAt(Long expiresAt) {
      this.expiresAt = expiresAt;
      track("expires_at", expiresAt);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public ClientSecretValue build() {
      return new ClientSecretValue(this);
    }
  }
}
