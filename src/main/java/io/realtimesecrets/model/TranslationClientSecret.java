package io.realtimesecrets.model;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

/**
 * Response of the GA {@code POST /realtime/translations/client_secrets}: the secret, its expiry and the
 * translation {@code session}. Unknown fields are kept and re-emitted. {@code toString()} shows only a
 * redacted secret. Immutable and thread safe.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = TranslationClientSecret.Builder.class)
public final class TranslationClientSecret extends GaClientSecret<TranslationSessionConfig> {

  private TranslationClientSecret(Builder b) {
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
   * Builds {@link TranslationClientSecret} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends GaClientSecret.Builder<TranslationSessionConfig, Builder> {

    private Builder() {
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
