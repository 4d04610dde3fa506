package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;
import io.realtimesecrets.model.impl.Immutables;

import java.util.List;

import io.realtimesecrets.model.impl.ModelMapper;

/**
 * Request body of the beta {@code POST /realtime/transcription_sessions}: a transcription-only session
 * configuration, flat. {@code {}} is a valid request. Immutable and thread safe.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = TranscriptionSessionRequest.Builder.class)
public final class TranscriptionSessionRequest extends ExtensibleObject implements SecretRequest<TranscriptionSession> {

  private final List<Modality> modalities;
  private final BetaAudioFormat inputAudioFormat;
  private final AudioTranscription inputAudioTranscription;
  private final TurnDetection turnDetection;
  private final NoiseReduction inputAudioNoiseReduction;
  private final List<IncludeOption> include;

  private TranscriptionSessionRequest(Builder b) {
    super(b);
    this.modalities = Immutables.list(b.modalities);
    this.inputAudioFormat = b.inputAudioFormat;
    this.inputAudioTranscription = b.inputAudioTranscription;
    this.turnDetection = b.turnDetection;
    this.inputAudioNoiseReduction = b.inputAudioNoiseReduction;
    this.include = Immutables.list(b.include);
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
   * {@code {"input_audio_transcription": {"model": "gpt-4o-transcribe"}}}.
   *
   * @return a request that passes {@link #validate()}
   */
  public static TranscriptionSessionRequest minimal() {
    return builder().inputAudioTranscription(AudioTranscription.ofModel(DEFAULT_TRANSCRIPTION_MODEL)).build();
  }

  /**
   * Parses a request body (for example a gateway profile or a CLI argument). Unknown fields are kept and
   * sent on. Call {@link #validate()} to check the API's rules.
   *
   * @param json the JSON text
   * @return the request
   * @throws RequestValidationException with field {@code $} when the text is not a JSON object, or the
   *     JSON path of a field of the wrong type; the message never quotes the input
   */
  public static TranscriptionSessionRequest fromJson(String json) {
    return ModelMapper.readRequest(json, TranscriptionSessionRequest.class);
  }

  @Override
  public java.time.Duration secretLifetime() {
    return BETA_SECRET_LIFETIME;
  }

  @Override
  public Endpoint endpoint() {
    return Endpoint.TRANSCRIPTION_SESSIONS;
  }

  @Override
  public Class<TranscriptionSession> responseType() {
    return TranscriptionSession.class;
  }

  @Override
  public void validate() {
    validateSettings(modalities, inputAudioFormat, inputAudioTranscription, turnDetection,
        inputAudioNoiseReduction, include);

  }
  static void validateSettings(List<Modality> modalities, BetaAudioFormat inputAudioFormat,
      AudioTranscription inputAudioTranscription, TurnDetection turnDetection,
      NoiseReduction inputAudioNoiseReduction, List<IncludeOption> include) {
    Dialect d = Dialect.BETA_TRANSCRIPTION;
    SharedRules.modalities("modalities", modalities, true);
    SharedRules.betaFormat("input_audio_format", inputAudioFormat);
    if (inputAudioTranscription != null) {
      inputAudioTranscription.validate("input_audio_transcription", d);
    }
    if (turnDetection != null) {
      turnDetection.validate("turn_detection", d);
      if (turnDetection instanceof ServerVad && ((ServerVad) turnDetection).idleTimeoutMs() != null) {
        throw Checks.fail("turn_detection.idle_timeout_ms", "is a GA field; not accepted on this endpoint");
      }
    }
    if (inputAudioNoiseReduction != null) {
      inputAudioNoiseReduction.validate("input_audio_noise_reduction");
    }
    SharedRules.include("include", include);
  }
  /** The transcription model {@link #minimal()} uses: {@value}. */
  public static final String DEFAULT_TRANSCRIPTION_MODEL = "gpt-4o-transcribe";

  /**
   * Builds {@link TranscriptionSessionRequest} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private List<Modality> modalities;
    private BetaAudioFormat inputAudioFormat;
    private AudioTranscription inputAudioTranscription;
    private TurnDetection turnDetection;
    private NoiseReduction inputAudioNoiseReduction;
    private List<IncludeOption> include;

    private Builder() {
    }

    /**
     * Sets {@code modalities}: modalities (as the server echoes them).
     *
     * @param modalities the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("modalities")
    public Builder modalities(List<Modality> modalities) {
      this.modalities = modalities;
      track("modalities", modalities);
      return this;
    }

    /**
     * Sets {@code input_audio_format}: input format; default {@code pcm16}.
     *
     * @param inputAudioFormat the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("input_audio_format")
    public Builder inputAudioFormat(BetaAudioFormat inputAudioFormat) {
      this.inputAudioFormat = inputAudioFormat;
      track("input_audio_format", inputAudioFormat);
      return this;
    }

    /**
     * Sets {@code input_audio_transcription}: transcription settings (model, language, languages, keywords, prompt, delay).
     *
     * @param inputAudioTranscription the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("input_audio_transcription")
    public Builder inputAudioTranscription(AudioTranscription inputAudioTranscription) {
      this.inputAudioTranscription = inputAudioTranscription;
      track("input_audio_transcription", inputAudioTranscription);
      return this;
    }

    /**
     * Sets {@code turn_detection}: server VAD only; {@code null} turns it off.
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
     * Sets {@code input_audio_noise_reduction}: input noise reduction; {@code null} turns it off.
     *
     * @param inputAudioNoiseReduction the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("input_audio_noise_reduction")
    public Builder inputAudioNoiseReduction(NoiseReduction inputAudioNoiseReduction) {
      this.inputAudioNoiseReduction = inputAudioNoiseReduction;
      track("input_audio_noise_reduction", inputAudioNoiseReduction);
      return this;
    }

    /**
     * Sets {@code include}: extra fields to include in server outputs.
     *
     * @param include the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("include")
    public Builder include(List<IncludeOption> include) {
      this.include = include;
      track("include", include);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public TranscriptionSessionRequest build() {
      return new TranscriptionSessionRequest(this);
    }
  }
}
