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
public final class RealtimeSessionRequest extends ExtensibleObject implements SecretRequest<RealtimeSession> {

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

  private RealtimeSessionRequest(Builder b) {
    super(b);
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
    return BETA_SECRET_LIFETIME;
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
    validateSettings(this.model, modalities, voice, inputAudioFormat, outputAudioFormat,
        inputAudioTranscription, turnDetection, inputAudioNoiseReduction, tools, toolChoice, temperature,
        maxResponseOutputTokens, speed, tracing, truncation, prompt);

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
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
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
    public RealtimeSessionRequest build() {
      return new RealtimeSessionRequest(this);
    }
  }
}
