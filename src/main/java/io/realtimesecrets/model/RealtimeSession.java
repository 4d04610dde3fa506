package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import io.realtimesecrets.model.impl.Immutables;

import java.util.List;

import java.time.Instant;

/**
 * Response of the beta {@code POST /realtime/sessions}: the session object with a {@code client_secret}
 * {@code {value, expires_at}} (the secret lives about one minute). The session settings use the same
 * types as {@link RealtimeSessionRequest}. Unknown fields are kept and re-emitted. {@code toString()} shows
 * only a redacted secret. Immutable and thread safe.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = RealtimeSession.Builder.class)
public final class RealtimeSession extends ExtensibleObject implements EphemeralSecret {

  private final ClientSecretValue clientSecret;
  private final String id;
  private final String object;
  private final Long sessionExpiresAt;
  private final String model;
  private final List<Modality> modalities;
  private final String instructions;
  private final Voice voice;
  private final BetaAudioFormat inputAudioFormat;
  private final BetaAudioFormat outputAudioFormat;
  private final AudioTranscription inputAudioTranscription;
  private final TurnDetection turnDetection;
  private final NoiseReduction inputAudioNoiseReduction;
  private final List<Tool> tools;
  private final ToolChoice toolChoice;
  private final Double temperature;
  private final TokenLimit maxResponseOutputTokens;
  private final Double speed;
  private final Tracing tracing;
  private final Truncation truncation;
  private final Prompt prompt;

  private RealtimeSession(Builder b) {
    super(b);
    this.clientSecret = b.clientSecret;
    this.id = b.id;
    this.object = b.object;
    this.sessionExpiresAt = b.sessionExpiresAt;
    this.model = b.model;
    this.modalities = Immutables.list(b.modalities);
    this.instructions = b.instructions;
    this.voice = b.voice;
    this.inputAudioFormat = b.inputAudioFormat;
    this.outputAudioFormat = b.outputAudioFormat;
    this.inputAudioTranscription = b.inputAudioTranscription;
    this.turnDetection = b.turnDetection;
    this.inputAudioNoiseReduction = b.inputAudioNoiseReduction;
    this.tools = Immutables.list(b.tools);
    this.toolChoice = b.toolChoice;
    this.temperature = b.temperature;
    this.maxResponseOutputTokens = b.maxResponseOutputTokens;
    this.speed = b.speed;
    this.tracing = b.tracing;
    this.truncation = b.truncation;
    this.prompt = b.prompt;
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
   * The ephemeral secret and its expiry.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("client_secret")
  public ClientSecretValue clientSecret() {
    return clientSecret;
  }

  /**
   * Session id ({@code sess_...}).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("id")
  public String id() {
    return id;
  }

  /**
   * Object kind.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("object")
  public String object() {
    return object;
  }

  /**
   * The session's expiry, Unix seconds (not the secret's).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("expires_at")
  public Long sessionExpiresAt() {
    return sessionExpiresAt;
  }

  /**
   * The Realtime model, e.g. {@code gpt-4o-realtime-preview}; any string.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("model")
  public String model() {
    return model;
  }

  /**
   * Modalities; default {@code ["text", "audio"]}; {@code ["text"]} disables audio.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("modalities")
  public List<Modality> modalities() {
    return modalities;
  }

  /**
   * System instructions.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("instructions")
  public String instructions() {
    return instructions;
  }

  /**
   * The voice, by name (no custom voices on this endpoint).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("voice")
  public Voice voice() {
    return voice;
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
   * Output format; default {@code pcm16}.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("output_audio_format")
  public BetaAudioFormat outputAudioFormat() {
    return outputAudioFormat;
  }

  /**
   * Input transcription ({@code model}, {@code language}, {@code prompt}); {@code null} turns it off.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("input_audio_transcription")
  public AudioTranscription inputAudioTranscription() {
    return inputAudioTranscription;
  }

  /**
   * Voice activity detection; {@code null} turns it off.
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
   * Function tools.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("tools")
  public List<Tool> tools() {
    return tools;
  }

  /**
   * A string: {@code auto} (default), {@code none}, {@code required} or a function name.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("tool_choice")
  public ToolChoice toolChoice() {
    return toolChoice;
  }

  /**
   * Sampling temperature, 0.6 to 1.2 (default 0.8).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("temperature")
  public Double temperature() {
    return temperature;
  }

  /**
   * Output token cap per response: 1 to 4096 or {@code "inf"} (default).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("max_response_output_tokens")
  public TokenLimit maxResponseOutputTokens() {
    return maxResponseOutputTokens;
  }

  /**
   * Speech speed, 0.25 to 1.5 (default 1.0).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("speed")
  public Double speed() {
    return speed;
  }

  /**
   * Tracing: {@code "auto"} or settings.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("tracing")
  public Tracing tracing() {
    return tracing;
  }

  /**
   * Truncation strategy.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("truncation")
  public Truncation truncation() {
    return truncation;
  }

  /**
   * Stored prompt template.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("prompt")
  public Prompt prompt() {
    return prompt;
  }

  @Override
  public String secretValue() {
    return clientSecret == null ? null : clientSecret.value();
  }

  @Override
  public Instant expiresAt() {
    Long seconds = clientSecret == null ? null : clientSecret.expiresAt();
    return seconds == null ? null : Instant.ofEpochSecond(seconds);
  }

  @Override
  public String toJson() {
    return super.toJson();
  }

  @Override
  public String toString() {
    return super.toString();
  }

  /**
   * Builds {@link RealtimeSession} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private ClientSecretValue clientSecret;
    private String id;
    private String object;
    private Long sessionExpiresAt;
    private String model;
    private List<Modality> modalities;
    private String instructions;
    private Voice voice;
    private BetaAudioFormat inputAudioFormat;
    private BetaAudioFormat outputAudioFormat;
    private AudioTranscription inputAudioTranscription;
    private TurnDetection turnDetection;
    private NoiseReduction inputAudioNoiseReduction;
    private List<Tool> tools;
    private ToolChoice toolChoice;
    private Double temperature;
    private TokenLimit maxResponseOutputTokens;
    private Double speed;
    private Tracing tracing;
    private Truncation truncation;
    private Prompt prompt;

    private Builder() {
    }

    /**
     * Sets {@code client_secret}: the ephemeral secret and its expiry.
     *
     * @param clientSecret the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("client_secret")
    public Builder clientSecret(ClientSecretValue clientSecret) {
      this.clientSecret = clientSecret;
      track("client_secret", clientSecret);
      return this;
    }

    /**
     * Sets {@code id}: session id ({@code sess_...}).
     *
     * @param id the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("id")
    public Builder id(String id) {
      this.id = id;
      track("id", id);
      return this;
    }

    /**
     * Sets {@code object}: object kind.
     *
     * @param object the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("object")
    public Builder object(String object) {
      this.object = object;
      track("object", object);
      return this;
    }

    /**
     * Sets {@code expires_at}: the session's expiry, Unix seconds (not the secret's).
     *
     * @param sessionExpiresAt the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("expires_at")
    public Builder sessionExpiresAt(Long sessionExpiresAt) {
      this.sessionExpiresAt = sessionExpiresAt;
      track("expires_at", sessionExpiresAt);
      return this;
    }

    /**
     * Sets {@code model}: the Realtime model, e.g. {@code gpt-4o-realtime-preview}; any string.
     *
     * @param model the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("model")
    public Builder model(String model) {
      this.model = model;
      track("model", model);
      return this;
    }

    /**
     * Sets {@code modalities}: modalities; default {@code ["text", "audio"]}; {@code ["text"]} disables audio.
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
     * Sets {@code instructions}: system instructions.
     *
     * @param instructions the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("instructions")
    public Builder instructions(String instructions) {
      this.instructions = instructions;
      track("instructions", instructions);
      return this;
    }

    /**
     * Sets {@code voice}: the voice, by name (no custom voices on this endpoint).
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
     * Sets {@code output_audio_format}: output format; default {@code pcm16}.
     *
     * @param outputAudioFormat the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("output_audio_format")
    public Builder outputAudioFormat(BetaAudioFormat outputAudioFormat) {
      this.outputAudioFormat = outputAudioFormat;
      track("output_audio_format", outputAudioFormat);
      return this;
    }

    /**
     * Sets {@code input_audio_transcription}: input transcription ({@code model}, {@code language}, {@code prompt}); {@code null} turns it off.
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
     * Sets {@code turn_detection}: voice activity detection; {@code null} turns it off.
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
     * Sets {@code tools}: function tools.
     *
     * @param tools the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("tools")
    public Builder tools(List<Tool> tools) {
      this.tools = tools;
      track("tools", tools);
      return this;
    }

    /**
     * Sets {@code tool_choice}: a string: {@code auto} (default), {@code none}, {@code required} or a function name.
     *
     * @param toolChoice the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("tool_choice")
    public Builder toolChoice(ToolChoice toolChoice) {
      this.toolChoice = toolChoice;
      track("tool_choice", toolChoice);
      return this;
    }

    /**
     * Sets {@code temperature}: sampling temperature, 0.6 to 1.2 (default 0.8).
     *
     * @param temperature the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("temperature")
    public Builder temperature(Double temperature) {
      this.temperature = temperature;
      track("temperature", temperature);
      return this;
    }

    /**
     * Sets {@code max_response_output_tokens}: output token cap per response: 1 to 4096 or {@code "inf"} (default).
     *
     * @param maxResponseOutputTokens the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("max_response_output_tokens")
    public Builder maxResponseOutputTokens(TokenLimit maxResponseOutputTokens) {
      this.maxResponseOutputTokens = maxResponseOutputTokens;
      track("max_response_output_tokens", maxResponseOutputTokens);
      return this;
    }

    /**
     * Sets {@code speed}: speech speed, 0.25 to 1.5 (default 1.0).
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
     * Sets {@code tracing}: tracing: {@code "auto"} or settings.
     *
     * @param tracing the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("tracing")
    public Builder tracing(Tracing tracing) {
      this.tracing = tracing;
      track("tracing", tracing);
      return this;
    }

    /**
     * Sets {@code truncation}: truncation strategy.
     *
     * @param truncation the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("truncation")
    public Builder truncation(Truncation truncation) {
      this.truncation = truncation;
      track("truncation", truncation);
      return this;
    }

    /**
     * Sets {@code prompt}: stored prompt template.
     *
     * @param prompt the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("prompt")
    public Builder prompt(Prompt prompt) {
      this.prompt = prompt;
      track("prompt", prompt);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public RealtimeSession build() {
      return new RealtimeSession(this);
    }
  }
}
