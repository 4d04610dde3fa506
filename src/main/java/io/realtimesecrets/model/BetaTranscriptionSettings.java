package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimesecrets.model.impl.Immutables;
import java.util.List;

/**
 * The settings of a beta transcription session, which the request ({@link TranscriptionSessionRequest})
 * sends and the response ({@link TranscriptionSession}) echoes: modalities, input audio format,
 * transcription, turn detection, noise reduction and {@code include}. Immutable and thread safe.
 */
public abstract class BetaTranscriptionSettings extends ExtensibleObject {

  private final List<Modality> modalities;
  private final BetaAudioFormat inputAudioFormat;
  private final AudioTranscription inputAudioTranscription;
  private final TurnDetection turnDetection;
  private final NoiseReduction inputAudioNoiseReduction;
  private final List<IncludeOption> include;

  /**
   * Copies the settings collected by a builder.
   *
   * @param b the builder
   */
  protected BetaTranscriptionSettings(Builder<?> b) {
    super(b);
    this.modalities = Immutables.list(b.modalities);
    this.inputAudioFormat = b.inputAudioFormat;
    this.inputAudioTranscription = b.inputAudioTranscription;
    this.turnDetection = b.turnDetection;
    this.inputAudioNoiseReduction = b.inputAudioNoiseReduction;
    this.include = Immutables.list(b.include);
  }

  /**
   * Modalities (as the server echoes them).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("modalities")
  public List<Modality> modalities() {
    return modalities;
  }

  /**
   * Input format; default {@code pcm16}.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("input_audio_format")
  public BetaAudioFormat inputAudioFormat() {
    return inputAudioFormat;
  }

  /**
   * Transcription settings (model, language, languages, keywords, prompt, delay).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("input_audio_transcription")
  public AudioTranscription inputAudioTranscription() {
    return inputAudioTranscription;
  }

  /**
   * Server VAD only; {@code null} turns it off.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("turn_detection")
  public TurnDetection turnDetection() {
    return turnDetection;
  }

  /**
   * Input noise reduction; {@code null} turns it off.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("input_audio_noise_reduction")
  public NoiseReduction inputAudioNoiseReduction() {
    return inputAudioNoiseReduction;
  }

  /**
   * Extra fields to include in server outputs.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("include")
  public List<IncludeOption> include() {
    return include;
  }

  /**
   * The setters the request and response builders share. Not thread safe. Unset fields are omitted from
   * the JSON.
   *
   * @param <B> the concrete builder type
   */
  public abstract static class Builder<B extends Builder<B>> extends ExtensibleObject.Builder<B> {
    private List<Modality> modalities;
    private BetaAudioFormat inputAudioFormat;
    private AudioTranscription inputAudioTranscription;
    private TurnDetection turnDetection;
    private NoiseReduction inputAudioNoiseReduction;
    private List<IncludeOption> include;

    /** Creates an empty builder. */
    protected Builder() {
    }

    /**
     * Sets {@code modalities}: modalities (as the server echoes them).
     *
     * @param modalities the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("modalities")
    public B modalities(List<Modality> modalities) {
      this.modalities = modalities;
      track("modalities", modalities);
      return self();
    }

    /**
     * Sets {@code input_audio_format}: input format; default {@code pcm16}.
     *
     * @param inputAudioFormat the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("input_audio_format")
    public B inputAudioFormat(BetaAudioFormat inputAudioFormat) {
      this.inputAudioFormat = inputAudioFormat;
      track("input_audio_format", inputAudioFormat);
      return self();
    }

    /**
     * Sets {@code input_audio_transcription}: transcription settings (model, language, languages, keywords, prompt, delay).
     *
     * @param inputAudioTranscription the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("input_audio_transcription")
    public B inputAudioTranscription(AudioTranscription inputAudioTranscription) {
      this.inputAudioTranscription = inputAudioTranscription;
      track("input_audio_transcription", inputAudioTranscription);
      return self();
    }

    /**
     * Sets {@code turn_detection}: server VAD only; {@code null} turns it off.
     *
     * @param turnDetection the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("turn_detection")
    public B turnDetection(TurnDetection turnDetection) {
      this.turnDetection = turnDetection;
      track("turn_detection", turnDetection);
      return self();
    }

    /**
     * Sets {@code input_audio_noise_reduction}: input noise reduction; {@code null} turns it off.
     *
     * @param inputAudioNoiseReduction the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("input_audio_noise_reduction")
    public B inputAudioNoiseReduction(NoiseReduction inputAudioNoiseReduction) {
      this.inputAudioNoiseReduction = inputAudioNoiseReduction;
      track("input_audio_noise_reduction", inputAudioNoiseReduction);
      return self();
    }

    /**
     * Sets {@code include}: extra fields to include in server outputs.
     *
     * @param include the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("include")
    public B include(List<IncludeOption> include) {
      this.include = include;
      track("include", include);
      return self();
    }
  }
}
