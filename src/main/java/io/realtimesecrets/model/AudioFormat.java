package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * A GA audio format object ({@code audio.input.format}, {@code audio.output.format}):
 * {@code {"type": "audio/pcm", "rate": 24000}}, {@code {"type": "audio/pcmu"}} or
 * {@code {"type": "audio/pcma"}}.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = AudioFormat.Builder.class)
public final class AudioFormat extends ExtensibleObject {

  private final AudioFormatType type;
  private final Integer rate;

  private AudioFormat(Builder b) {
    super(b);
    this.type = b.type;
    this.rate = b.rate;
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
   * The format type.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("type")
  public AudioFormatType type() {
    return type;
  }

  /**
   * Sample rate in Hz for {@code audio/pcm}; only 24000 is supported.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("rate")
  public Integer rate() {
    return rate;
  }

  /** The only supported PCM sample rate, in Hz: {@value}. */
  public static final int PCM_RATE = 24000;

  /** {@code {"type": "audio/pcm", "rate": 24000}}. */
  public static final AudioFormat PCM_24KHZ = builder().type(AudioFormatType.PCM).rate(PCM_RATE).build();
  /** {@code {"type": "audio/pcmu"}} (G.711 mu-law). */
  public static final AudioFormat PCMU = builder().type(AudioFormatType.PCMU).build();
  /** {@code {"type": "audio/pcma"}} (G.711 A-law). */
  public static final AudioFormat PCMA = builder().type(AudioFormatType.PCMA).build();

  /**
   * The GA object for a beta format string.
   *
   * @param beta a beta format
   * @return {@code pcm16} as PCM 24 kHz, {@code g711_ulaw} as PCMU, {@code g711_alaw} as PCMA
   * @throws IllegalArgumentException for an undocumented beta value
   */
  public static AudioFormat fromBeta(BetaAudioFormat beta) {
    if (BetaAudioFormat.PCM16.equals(beta)) {
      return PCM_24KHZ;
    }
    if (BetaAudioFormat.G711_ULAW.equals(beta)) {
      return PCMU;
    }
    if (BetaAudioFormat.G711_ALAW.equals(beta)) {
      return PCMA;
    }
    throw new IllegalArgumentException("no GA audio format for beta format " + beta);
  }

  void validate(String path) {
    if (type != null) {
      Checks.oneOf(Checks.path(path, "type"), type.value(), AudioFormatType.knownWireValues());
    }
    if (rate != null) {
      if (type != null && !AudioFormatType.PCM.equals(type)) {
        throw Checks.fail(Checks.path(path, "rate"), "is only allowed for type audio/pcm");
      }
      if (rate != PCM_RATE) {
        throw Checks.fail(Checks.path(path, "rate"), "must be 24000 (the only supported rate)");
      }
    }
  }

  /**
   * Builds {@link AudioFormat} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private AudioFormatType type;
    private Integer rate;

    private Builder() {
    }

    /**
     * Sets {@code type}: the format type.
     *
     * @param type the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("type")
    public Builder type(AudioFormatType type) {
      this.type = type;
      track("type", type);
      return this;
    }

    /**
     * Sets {@code rate}: sample rate in Hz for {@code audio/pcm}; only 24000 is supported.
     *
     * @param rate the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("rate")
    public Builder rate(Integer rate) {
      this.rate = rate;
      track("rate", rate);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public AudioFormat build() {
      return new AudioFormat(this);
    }
  }
}
