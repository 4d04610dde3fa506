package io.realtimesecrets.model;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

/**
 * Response of the GA {@code POST /realtime/client_secrets}: the secret ({@code value}, {@code ek_...}),
 * its expiry ({@code expires_at}, Unix seconds) and the effective {@code session}
 * ({@link RealtimeSessionConfig}, {@link TranscriptionSessionConfig}, or {@link UnrecognizedSessionConfig}
 * for a type this library does not know). Unknown fields are kept at every level and re-emitted by
 * {@link #toJson()}. {@code toString()} shows only a redacted secret. Immutable and thread safe.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = ClientSecret.Builder.class)
public final class ClientSecret extends GaClientSecret<SessionConfig> {

  private ClientSecret(Builder b) {
    super(b);
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
   * Builds {@link ClientSecret} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends GaClientSecret.Builder<SessionConfig, Builder> {

    private Builder() {
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public ClientSecret build() {
      return new ClientSecret(this);
    }
  }
}
