package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * The {@code audio} block of a translation session: optional source transcription and noise reduction on
 * {@code input}, the target {@code language} on {@code output}.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = TranslationAudio.Builder.class)
public final class TranslationAudio extends ExtensibleObject {

  private final AudioInput input;
  private final TranslationAudioOutput output;

  private TranslationAudio(Builder b) {
    super(b);
    this.input = b.input;
    this.output = b.output;
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
   * Input settings: {@code transcription} (source-language transcript) and {@code noise_reduction}.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("input")
  public AudioInput input() {
    return input;
  }

  /**
   * Output settings: the target language.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("output")
  public TranslationAudioOutput output() {
    return output;
  }

  void validate(String path) {
    if (input != null) {
      input.validate(Checks.path(path, "input"), Dialect.TRANSLATION);
    }
    if (output != null) {
      output.validate(Checks.path(path, "output"));
    }
  }

  /**
   * Builds {@link TranslationAudio} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private AudioInput input;
    private TranslationAudioOutput output;

    private Builder() {
    }

    /**
     * Sets {@code input}: input settings: {@code transcription} (source-language transcript) and {@code noise_reduction}.
     *
     * @param input the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("input")
    public Builder input(AudioInput input) {
      this.input = input;
      track("input", input);
      return this;
    }

    /**
     * Sets {@code output}: output settings: the target language.
     *
     * @param output the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("output")
    public Builder output(TranslationAudioOutput output) {
      this.output = output;
      track("output", output);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public TranslationAudio build() {
      return new TranslationAudio(this);
    }
  }
}
