package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;
import io.realtimesecrets.model.impl.Immutables;

import java.util.List;

/**
 * A GA speech-to-speech session ({@code "type": "realtime"}): the {@code session} of a
 * {@link ClientSecretRequest}, and the effective session in a {@link ClientSecret}. {@code id},
 * {@code object} and {@code expires_at} appear in responses only. GA has no {@code temperature}.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = RealtimeSessionConfig.Builder.class)
public final class RealtimeSessionConfig extends SessionConfig {

  private final String type;
  private final String id;
  private final String object;
  private final Long expiresAt;
  private final List<Modality> outputModalities;
  private final String model;
  private final String instructions;
  private final SessionAudio audio;
  private final List<IncludeOption> include;
  private final Tracing tracing;
  private final List<Tool> tools;
  private final ToolChoice toolChoice;
  private final Boolean parallelToolCalls;
  private final Reasoning reasoning;
  private final TokenLimit maxOutputTokens;
  private final Truncation truncation;
  private final Prompt prompt;

  private RealtimeSessionConfig(Builder b) {
    super(b);
    this.type = b.type;
    this.id = b.id;
    this.object = b.object;
    this.expiresAt = b.expiresAt;
    this.outputModalities = Immutables.list(b.outputModalities);
    this.model = b.model;
    this.instructions = b.instructions;
    this.audio = b.audio;
    this.include = Immutables.list(b.include);
    this.tracing = b.tracing;
    this.tools = Immutables.list(b.tools);
    this.toolChoice = b.toolChoice;
    this.parallelToolCalls = b.parallelToolCalls;
    this.reasoning = b.reasoning;
    this.maxOutputTokens = b.maxOutputTokens;
    this.truncation = b.truncation;
    this.prompt = b.prompt;
  }

  /**
   * A new, empty builder (with the defaults noted on the setters).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder().type(REALTIME);
  }

  /**
   * The discriminator, {@code realtime}; required.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("type")
  public String type() {
    return type;
  }

  /**
   * Session id ({@code sess_...}); responses only.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("id")
  public String id() {
    return id;
  }

  /**
   * Object kind, e.g. {@code realtime.session}; responses only.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("object")
  public String object() {
    return object;
  }

  /**
   * Session expiry, Unix seconds; responses only.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("expires_at")
  public Long expiresAt() {
    return expiresAt;
  }

  /**
   * {@code ["audio"]} (default: audio plus transcript) or {@code ["text"]}; not both.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("output_modalities")
  public List<Modality> outputModalities() {
    return outputModalities;
  }

  /**
   * The Realtime model, e.g. {@code gpt-realtime}; any string.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("model")
  public String model() {
    return model;
  }

  /**
   * System instructions; the server has defaults.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("instructions")
  public String instructions() {
    return instructions;
  }

  /**
   * Input and output audio settings.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("audio")
  public SessionAudio audio() {
    return audio;
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
   * Tracing: {@code "auto"} or settings; {@code null} disables it (the default).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("tracing")
  public Tracing tracing() {
    return tracing;
  }

  /**
   * Tools available to the model: functions and MCP servers.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("tools")
  public List<Tool> tools() {
    return tools;
  }

  /**
   * How the model chooses tools; default {@code auto}.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("tool_choice")
  public ToolChoice toolChoice() {
    return toolChoice;
  }

  /**
   * Whether tool calls may run in parallel (reasoning models).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("parallel_tool_calls")
  public Boolean parallelToolCalls() {
    return parallelToolCalls;
  }

  /**
   * Reasoning settings (reasoning models such as gpt-realtime-2).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("reasoning")
  public Reasoning reasoning() {
    return reasoning;
  }

  /**
   * Output token cap per response: 1 to 4096 or {@code "inf"} (default).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("max_output_tokens")
  public TokenLimit maxOutputTokens() {
    return maxOutputTokens;
  }

  /**
   * Truncation strategy when the context overflows.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("truncation")
  public Truncation truncation() {
    return truncation;
  }

  /**
   * Stored prompt template; {@code null} clears it.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("prompt")
  public Prompt prompt() {
    return prompt;
  }

  void validate(String path) {
    SharedRules.modalities(Checks.path(path, "output_modalities"), outputModalities, false);
    SharedRules.model(Checks.path(path, "model"), model, false);
    if (audio != null) {
      audio.validate(Checks.path(path, "audio"), Dialect.GA);
    }
    SharedRules.include(Checks.path(path, "include"), include);
    if (tracing != null) {
      tracing.validate(Checks.path(path, "tracing"));
    }
    SharedRules.tools(Checks.path(path, "tools"), tools, Dialect.GA);
    if (toolChoice != null) {
      toolChoice.validate(Checks.path(path, "tool_choice"), Dialect.GA, tools);
    }
    if (reasoning != null) {
      reasoning.validate(Checks.path(path, "reasoning"));
    }
    if (maxOutputTokens != null) {
      maxOutputTokens.validate(Checks.path(path, "max_output_tokens"));
    }
    if (truncation != null) {
      truncation.validate(Checks.path(path, "truncation"));
    }
    if (prompt != null) {
      prompt.validate(Checks.path(path, "prompt"));
    }
    for (String betaOnly : List.of("temperature", "max_response_output_tokens", "modalities", "voice",
        "input_audio_format", "output_audio_format", "speed", "turn_detection")) {
      if (additionalProperties().containsKey(betaOnly)) {
        throw Checks.fail(Checks.path(path, betaOnly), "is a beta /realtime/sessions field; the GA session"
            + " does not accept it" + ("temperature".equals(betaOnly) ? "" : " at this level"));
      }
    }
  }

  /**
   * Builds {@link RealtimeSessionConfig} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String type;
    private String id;
    private String object;
    private Long expiresAt;
    private List<Modality> outputModalities;
    private String model;
    private String instructions;
    private SessionAudio audio;
    private List<IncludeOption> include;
    private Tracing tracing;
    private List<Tool> tools;
    private ToolChoice toolChoice;
    private Boolean parallelToolCalls;
    private Reasoning reasoning;
    private TokenLimit maxOutputTokens;
    private Truncation truncation;
    private Prompt prompt;

    private Builder() {
    }

    /**
     * Sets {@code type}: the discriminator, {@code realtime}; required.
     *
     * @param type the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("type")
    public Builder type(String type) {
      this.type = type;
      track("type", type);
      return this;
    }

    /**
     * Sets {@code id}: session id ({@code sess_...}); responses only.
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
     * Sets {@code object}: object kind, e.g. {@code realtime.session}; responses only.
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
     * Sets {@code expires_at}: session expiry, Unix seconds; responses only.
     *
     * @param expiresAt the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("expires_at")
    public Builder expiresAt(Long expiresAt) {
      this.expiresAt = expiresAt;
      track("expires_at", expiresAt);
      return this;
    }

    /**
     * Sets {@code output_modalities}: {@code ["audio"]} (default: audio plus transcript) or {@code ["text"]}; not both.
     *
     * @param outputModalities the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("output_modalities")
    public Builder outputModalities(List<Modality> outputModalities) {
      this.outputModalities = outputModalities;
      track("output_modalities", outputModalities);
      return this;
    }

    /**
     * Sets {@code model}: the Realtime model, e.g. {@code gpt-realtime}; any string.
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
     * Sets {@code instructions}: system instructions; the server has defaults.
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
     * Sets {@code audio}: input and output audio settings.
     *
     * @param audio the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("audio")
    public Builder audio(SessionAudio audio) {
      this.audio = audio;
      track("audio", audio);
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
     * Sets {@code tracing}: tracing: {@code "auto"} or settings; {@code null} disables it (the default).
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
     * Sets {@code tools}: tools available to the model: functions and MCP servers.
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
     * Sets {@code tool_choice}: how the model chooses tools; default {@code auto}.
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
     * Sets {@code parallel_tool_calls}: whether tool calls may run in parallel (reasoning models).
     *
     * @param parallelToolCalls the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("parallel_tool_calls")
    public Builder parallelToolCalls(Boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      track("parallel_tool_calls", parallelToolCalls);
      return this;
    }

    /**
     * Sets {@code reasoning}: reasoning settings (reasoning models such as gpt-realtime-2).
     *
     * @param reasoning the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("reasoning")
    public Builder reasoning(Reasoning reasoning) {
      this.reasoning = reasoning;
      track("reasoning", reasoning);
      return this;
    }

    /**
     * Sets {@code max_output_tokens}: output token cap per response: 1 to 4096 or {@code "inf"} (default).
     *
     * @param maxOutputTokens the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("max_output_tokens")
    public Builder maxOutputTokens(TokenLimit maxOutputTokens) {
      this.maxOutputTokens = maxOutputTokens;
      track("max_output_tokens", maxOutputTokens);
      return this;
    }

    /**
     * Sets {@code truncation}: truncation strategy when the context overflows.
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
     * Sets {@code prompt}: stored prompt template; {@code null} clears it.
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
    public RealtimeSessionConfig build() {
      return new RealtimeSessionConfig(this);
    }
  }
}
