package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

import java.util.List;

/**
 * Input audio settings ({@code audio.input}) of a GA session; a translation session uses only
 * {@code transcription} and {@code noise_reduction}.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = AudioInput.Builder.class)
public final class AudioInput extends ExtensibleObject {

  private final AudioFormat format;
  private final AudioTranscription transcription;
  private final NoiseReduction noiseReduction;
  private final TurnDetection turnDetection;

  private AudioInput(Builder b) {
    super(b);
    this.format = b.format;
    this.transcription = b.transcription;
    this.noiseReduction = b.noiseReduction;
    this.turnDetection = b.turnDetection;
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
   * Input audio format.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("format")
  public AudioFormat format() {
    return format;
  }

  /**
   * Input transcription; {@code null} turns it off.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("transcription")
  public AudioTranscription transcription() {
    return transcription;
  }

  /**
   * Input noise reduction; {@code null} turns it off.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("noise_reduction")
  public NoiseReduction noiseReduction() {
    return noiseReduction;
  }

  /**
   * Voice activity detection; {@code null} turns it off (manual turns).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("turn_detection")
  public TurnDetection turnDetection() {
    return turnDetection;
  }

  void validate(String path, Dialect dialect) {
    if (format != null) {
      format.validate(Checks.path(path, "format"));
    }
    if (transcription != null) {
      transcription.validate(Checks.path(path, "transcription"), dialect);
    }
    if (noiseReduction != null) {
      noiseReduction.validate(Checks.path(path, "noise_reduction"));
    }
    if (turnDetection != null) {
      turnDetection.validate(Checks.path(path, "turn_detection"), dialect);
      if (transcription != null && AudioTranscription.REALTIME_WHISPER.equals(transcription.model())) {
        throw Checks.fail(Checks.path(path, "turn_detection"),
            "must be null with transcription model " + AudioTranscription.REALTIME_WHISPER);
      }
    }
    if (dialect == Dialect.TRANSLATION) {
      for (String unsupported : List.of("format", "turn_detection")) {
        if ((unsupported.equals("format") ? format : turnDetection) != null) {
          throw Checks.fail(Checks.path(path, unsupported), "is not supported for translation sessions");
        }
      }
    }
  }

  /**
   * Builds {@link AudioInput} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private AudioFormat format;
    private AudioTranscription transcription;
    private NoiseReduction noiseReduction;
    private TurnDetection turnDetection;

    private Builder() {
    }

    /**
     * Sets {@code format}: input audio format.
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
     * Sets {@code transcription}: input transcription; {@code null} turns it off.
     *
     * @param transcription the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("transcription")
    public Builder transcription(AudioTranscription transcription) {
      this.transcription = transcription;
      track("transcription", transcription);
      return this;
    }

    /**
     * Sets {@code noise_reduction}: input noise reduction; {@code null} turns it off.
     *
     * @param noiseReduction the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("noise_reduction")
    public Builder noiseReduction(NoiseReduction noiseReduction) {
      this.noiseReduction = noiseReduction;
      track("noise_reduction", noiseReduction);
      return this;
    }

    /**
     * Sets {@code turn_detection}: voice activity detection; {@code null} turns it off (manual turns).
     *
     * @param turnDetection the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("turn_detection")
    public Builder turnDetection(TurnDetection turnDetection) {
      this.turnDetection = turnDetection;
      track("turn_detection", turnDetection);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public AudioInput build() {
      return new AudioInput(this);
    }
  }
}
