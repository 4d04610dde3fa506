package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
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

  private final BetaClientSecretConfig clientSecret;

  private TranscriptionSessionRequest(Builder b) {
    super(b);
    this.clientSecret = b.clientSecret;
  }

  /**
   * The secret's lifetime ({@code client_secret.expires_after}, or {@code expires_at} as the SDKs name it
   * on the transcription endpoint); without it the secret lives about one minute.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("client_secret")
  public BetaClientSecretConfig clientSecret() {
    return clientSecret;
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
    Long seconds = clientSecret == null ? null : clientSecret.requestedSeconds();
    return seconds == null ? BETA_SECRET_LIFETIME : java.time.Duration.ofSeconds(seconds);
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
    if (clientSecret != null) {
      clientSecret.validate("client_secret");
    } else if (isExplicitNull("client_secret")) {
      throw Checks.fail("client_secret", "must be an object, not null");
    }
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

    private BetaClientSecretConfig clientSecret;

    private Builder() {
    }

    /**
     * Sets {@code client_secret}: the secret's lifetime, e.g.
     * {@link BetaClientSecretConfig#expiresAfterSeconds(long)}.
     *
     * @param clientSecret the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("client_secret")
    public Builder clientSecret(BetaClientSecretConfig clientSecret) {
      this.clientSecret = clientSecret;
      track("client_secret", clientSecret);
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
