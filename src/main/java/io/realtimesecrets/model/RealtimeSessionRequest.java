package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

import java.util.List;

import io.realtimesecrets.model.impl.ModelMapper;

/**
 * Request body of the beta {@code POST /realtime/sessions}: the session configuration itself, flat
 * ({@code voice}, {@code input_audio_format}, {@code turn_detection}, ...). The secret it returns lives
 * about one minute.
 *
 * <p>Modelled on the consistent beta shape (spec of 2025-04 and the official Node SDK), because the
 * current official schema for this endpoint is broken (it requires a {@code client_secret} in the request
 * and has no {@code model}). Limits the spec states only in prose are enforced by {@link #validate()}:
 * temperature 0.6 to 1.2, token cap 1 to 4096 or {@code "inf"}, VAD threshold 0 to 1. Immutable and
 * thread safe.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = RealtimeSessionRequest.Builder.class)
public final class RealtimeSessionRequest extends BetaRealtimeSettings
    implements SecretRequest<RealtimeSession> {

  private final BetaClientSecretConfig clientSecret;

  private RealtimeSessionRequest(Builder b) {
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

  /** The model {@link #minimal()} uses: {@value}. */
  public static final String DEFAULT_MODEL = "gpt-4o-realtime-preview";
  /** Lowest temperature the API accepts (prose of the spec): {@value}. */
  public static final double MIN_TEMPERATURE = 0.6;
  /** Highest temperature the API accepts (prose of the spec): {@value}. */
  public static final double MAX_TEMPERATURE = 1.2;

  /**
   * {@code {"model": "gpt-4o-realtime-preview"}}.
   *
   * @return a request that passes {@link #validate()}
   */
  public static RealtimeSessionRequest minimal() {
    return builder().model(DEFAULT_MODEL).build();
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
  public static RealtimeSessionRequest fromJson(String json) {
    return ModelMapper.readRequest(json, RealtimeSessionRequest.class);
  }

  @Override
  public java.time.Duration secretLifetime() {
    Long seconds = clientSecret == null ? null : clientSecret.requestedSeconds();
    return seconds == null ? BETA_SECRET_LIFETIME : java.time.Duration.ofSeconds(seconds);
  }

  @Override
  public Endpoint endpoint() {
    return Endpoint.SESSIONS;
  }

  @Override
  public Class<RealtimeSession> responseType() {
    return RealtimeSession.class;
  }

  @Override
  public void validate() {
    validateSettings(model(), modalities(), voice(), inputAudioFormat(), outputAudioFormat(),
        inputAudioTranscription(), turnDetection(), inputAudioNoiseReduction(), tools(), toolChoice(),
        temperature(), maxResponseOutputTokens(), speed(), tracing(), truncation(), prompt());
    if (clientSecret != null) {
      clientSecret.validate("client_secret");
    } else if (isExplicitNull("client_secret")) {
      throw Checks.fail("client_secret", "must be an object, not null");
    }
  }

  static void validateSettings(String model, List<Modality> modalities, Voice voice,
      BetaAudioFormat inputAudioFormat, BetaAudioFormat outputAudioFormat,
      AudioTranscription inputAudioTranscription, TurnDetection turnDetection,
      NoiseReduction inputAudioNoiseReduction, List<Tool> tools, ToolChoice toolChoice, Double temperature,
      TokenLimit maxResponseOutputTokens, Double speed, Tracing tracing, Truncation truncation,
      Prompt prompt) {
    Dialect d = Dialect.BETA_REALTIME;
    SharedRules.model("model", model, false);
    SharedRules.modalities("modalities", modalities, true);
    if (voice != null) {
      voice.validate("voice", d);
    }
    SharedRules.betaFormat("input_audio_format", inputAudioFormat);
    SharedRules.betaFormat("output_audio_format", outputAudioFormat);
    if (inputAudioTranscription != null) {
      inputAudioTranscription.validate("input_audio_transcription", d);
    }
    if (turnDetection != null) {
      turnDetection.validate("turn_detection", d);
    }
    if (inputAudioNoiseReduction != null) {
      inputAudioNoiseReduction.validate("input_audio_noise_reduction");
    }
    SharedRules.tools("tools", tools, d);
    if (toolChoice != null) {
      toolChoice.validate("tool_choice", d, tools);
    }
    Checks.between("temperature", temperature, MIN_TEMPERATURE, MAX_TEMPERATURE);
    if (maxResponseOutputTokens != null) {
      maxResponseOutputTokens.validate("max_response_output_tokens");
    }
    Checks.between("speed", speed, 0.25, 1.5);
    if (tracing != null) {
      tracing.validate("tracing");
    }
    if (truncation != null) {
      truncation.validate("truncation");
    }
    if (prompt != null) {
      prompt.validate("prompt");
    }
  }

  /**
   * Builds {@link RealtimeSessionRequest} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends BetaRealtimeSettings.Builder<Builder> {

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
    public RealtimeSessionRequest build() {
      return new RealtimeSessionRequest(this);
    }
  }
}
