package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * Output audio settings ({@code audio.output}) of a GA realtime session.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = AudioOutput.Builder.class)
public final class AudioOutput extends ExtensibleObject {

  private final AudioFormat format;
  private final Voice voice;
  private final Double speed;

  private AudioOutput(Builder b) {
    super(b);
    this.format = b.format;
    this.voice = b.voice;
    this.speed = b.speed;
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
   * Output audio format.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("format")
  public AudioFormat format() {
    return format;
  }

  /**
   * The voice; default {@code alloy}. Cannot change after the model has spoken.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("voice")
  public Voice voice() {
    return voice;
  }

  /**
   * Speech speed, 0.25 to 1.5 (default 1.0), applied as post-processing.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("speed")
  public Double speed() {
    return speed;
  }

  void validate(String path, Dialect dialect) {
    if (format != null) {
      format.validate(Checks.path(path, "format"));
    }
    if (voice != null) {
      voice.validate(Checks.path(path, "voice"), dialect);
    }
    Checks.between(Checks.path(path, "speed"), speed, 0.25, 1.5);
  }

  /**
   * Builds {@link AudioOutput} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private AudioFormat format;
    private Voice voice;
    private Double speed;

    private Builder() {
    }

    /**
     * Sets {@code format}: output audio format.
     *
     * @param format the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("format")
    public Builder format(AudioFormat format) {
      this.format = format;
      track("format", format);
      return this;
    }

    /**
     * Sets {@code voice}: the voice; default {@code alloy}. Cannot change after the model has spoken.
     *
     * @param voice the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("voice")
    public Builder voice(Voice voice) {
      this.voice = voice;
      track("voice", voice);
      return this;
    }

    /**
     * Sets {@code speed}: speech speed, 0.25 to 1.5 (default 1.0), applied as post-processing.
     *
     * @param speed the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("speed")
    public Builder speed(Double speed) {
      this.speed = speed;
      track("speed", speed);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public AudioOutput build() {
      return new AudioOutput(this);
    }
  }
}
