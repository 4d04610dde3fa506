package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * Output settings of a translation session ({@code audio.output}).
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = TranslationAudioOutput.Builder.class)
public final class TranslationAudioOutput extends ExtensibleObject {

  private final String language;

  private TranslationAudioOutput(Builder b) {
    super(b);
    this.language = b.language;
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
   * The target language, e.g. {@code es}.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("language")
  public String language() {
    return language;
  }

  void validate(String path) {
    Checks.notBlank(Checks.path(path, "language"), language);
  }

  /**
   * Builds {@link TranslationAudioOutput} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String language;

    private Builder() {
    }

    /**
     * Sets {@code language}: the target language, e.g. {@code es}.
     *
     * @param language the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("language")
    public Builder language(String language) {
      this.language = language;
      track("language", language);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public TranslationAudioOutput build() {
      return new TranslationAudioOutput(this);
    }
  }
}
