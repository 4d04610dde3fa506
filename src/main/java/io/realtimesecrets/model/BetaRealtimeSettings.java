package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimesecrets.model.impl.Immutables;
import java.util.List;

/**
 * The settings of a beta speech-to-speech session, which the request ({@link RealtimeSessionRequest})
 * sends and the response ({@link RealtimeSession}) echoes, flat: model, modalities, instructions, voice,
 * audio formats, transcription, turn detection, noise reduction, tools, sampling and output limits,
 * tracing, truncation and prompt. Immutable and thread safe.
 */
public abstract class BetaRealtimeSettings extends ExtensibleObject {

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

  /**
   * Copies the settings collected by a builder.
   *
   * @param b the builder
   */
  protected BetaRealtimeSettings(Builder<?> b) {
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

  /**
   * The setters the request and response builders share. Not thread safe. Unset fields are omitted from
   * the JSON.
   *
   * @param <B> the concrete builder type
   */
  public abstract static class Builder<B extends Builder<B>> extends ExtensibleObject.Builder<B> {
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

    /** Creates an empty builder. */
    protected Builder() {
    }

    /**
     * Sets {@code model}: the Realtime model, e.g. {@code gpt-4o-realtime-preview}; any string.
     *
     * @param model the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("model")
    public B model(String model) {
      this.model = model;
      track("model", model);
      return self();
    }

    /**
     * Sets {@code modalities}: modalities; default {@code ["text", "audio"]}; {@code ["text"]} disables audio.
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
     * Sets {@code instructions}: system instructions.
     *
     * @param instructions the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("instructions")
    public B instructions(String instructions) {
      this.instructions = instructions;
      track("instructions", instructions);
      return self();
    }

    /**
     * Sets {@code voice}: the voice, by name (no custom voices on this endpoint).
     *
     * @param voice the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("voice")
    public B voice(Voice voice) {
      this.voice = voice;
      track("voice", voice);
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
     * Sets {@code output_audio_format}: output format; default {@code pcm16}.
     *
     * @param outputAudioFormat the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("output_audio_format")
    public B outputAudioFormat(BetaAudioFormat outputAudioFormat) {
      this.outputAudioFormat = outputAudioFormat;
      track("output_audio_format", outputAudioFormat);
      return self();
    }

    /**
     * Sets {@code input_audio_transcription}: input transcription ({@code model}, {@code language}, {@code prompt}); {@code null} turns it off.
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
     * Sets {@code turn_detection}: voice activity detection; {@code null} turns it off.
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
     * Sets {@code tools}: function tools.
     *
     * @param tools the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("tools")
    public B tools(List<Tool> tools) {
      this.tools = tools;
      track("tools", tools);
      return self();
    }

    /**
     * Sets {@code tool_choice}: a string: {@code auto} (default), {@code none}, {@code required} or a function name.
     *
     * @param toolChoice the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("tool_choice")
    public B toolChoice(ToolChoice toolChoice) {
      this.toolChoice = toolChoice;
      track("tool_choice", toolChoice);
      return self();
    }

    /**
     * Sets {@code temperature}: sampling temperature, 0.6 to 1.2 (default 0.8).
     *
     * @param temperature the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("temperature")
    public B temperature(Double temperature) {
      this.temperature = temperature;
      track("temperature", temperature);
      return self();
    }

    /**
     * Sets {@code max_response_output_tokens}: output token cap per response: 1 to 4096 or {@code "inf"} (default).
     *
     * @param maxResponseOutputTokens the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("max_response_output_tokens")
    public B maxResponseOutputTokens(TokenLimit maxResponseOutputTokens) {
      this.maxResponseOutputTokens = maxResponseOutputTokens;
      track("max_response_output_tokens", maxResponseOutputTokens);
      return self();
    }

    /**
     * Sets {@code speed}: speech speed, 0.25 to 1.5 (default 1.0).
     *
     * @param speed the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("speed")
    public B speed(Double speed) {
      this.speed = speed;
      track("speed", speed);
      return self();
    }

    /**
     * Sets {@code tracing}: tracing: {@code "auto"} or settings.
     *
     * @param tracing the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("tracing")
    public B tracing(Tracing tracing) {
      this.tracing = tracing;
      track("tracing", tracing);
      return self();
    }

    /**
     * Sets {@code truncation}: truncation strategy.
     *
     * @param truncation the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("truncation")
    public B truncation(Truncation truncation) {
      this.truncation = truncation;
      track("truncation", truncation);
      return self();
    }

    /**
     * Sets {@code prompt}: stored prompt template.
     *
     * @param prompt the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("prompt")
    public B prompt(Prompt prompt) {
      this.prompt = prompt;
      track("prompt", prompt);
      return self();
    }
  }
}
