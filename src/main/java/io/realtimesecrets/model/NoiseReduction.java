package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * Input noise reduction ({@code noise_reduction}, beta {@code input_audio_noise_reduction}): filters audio
 * before VAD and the model see it. Set the parent field to {@code null} to turn it off (the default).
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = NoiseReduction.Builder.class)
public final class NoiseReduction extends ExtensibleObject {

  private final NoiseReductionType type;

  private NoiseReduction(Builder b) {
    super(b);
    this.type = b.type;
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
   * {@code near_field} or {@code far_field}; required.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("type")
  public NoiseReductionType type() {
    return type;
  }

  /**
   * {@code {"type": type}}.
   *
   * @param type the kind of microphone
   * @return the value
   */
  public static NoiseReduction of(NoiseReductionType type) {
    return builder().type(type).build();
  }

  void validate(String path) {
    Checks.required(Checks.path(path, "type"), type);
    Checks.oneOf(Checks.path(path, "type"), type.value(), NoiseReductionType.knownWireValues());
  }

  /**
   * Builds {@link NoiseReduction} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private NoiseReductionType type;

    private Builder() {
    }

    /**
     * Sets {@code type}: {@code near_field} or {@code far_field}; required.
     *
     * @param type the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("type")
    public Builder type(NoiseReductionType type) {
      this.type = type;
      track("type", type);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public NoiseReduction build() {
      return new NoiseReduction(this);
    }
  }
}
