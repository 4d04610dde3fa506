package io.realtimesecrets.model;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

import java.util.List;

import io.realtimesecrets.model.impl.ModelMapper;

/**
 * Request body of the beta {@code POST /realtime/transcription_sessions}: a transcription-only session
 * configuration, flat. {@code {}} is a valid request. Immutable and thread safe.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = TranscriptionSessionRequest.Builder.class)
public final class TranscriptionSessionRequest extends BetaTranscriptionSettings
    implements SecretRequest<TranscriptionSession> {

  private TranscriptionSessionRequest(Builder b) {
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
    validateSettings(modalities(), inputAudioFormat(), inputAudioTranscription(), turnDetection(),
        inputAudioNoiseReduction(), include());

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
  public static final class Builder extends BetaTranscriptionSettings.Builder<Builder> {

    private Builder() {
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
