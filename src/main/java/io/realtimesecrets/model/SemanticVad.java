package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

import java.util.List;

/**
 * Semantic voice activity detection ({@code "type": "semantic_vad"}): a model estimates whether the user
 * has finished speaking; {@code eagerness} sets how soon it answers.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = SemanticVad.Builder.class)
public final class SemanticVad extends TurnDetection {

  private final String type;
  private final Eagerness eagerness;
  private final Boolean createResponse;
  private final Boolean interruptResponse;

  private SemanticVad(Builder b) {
    super(b);
    this.type = b.type;
    this.eagerness = b.eagerness;
    this.createResponse = b.createResponse;
    this.interruptResponse = b.interruptResponse;
  }

  /**
   * A new, empty builder (with the defaults noted on the setters).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder().type(SEMANTIC_VAD);
  }

  /**
   * The discriminator, {@code semantic_vad}.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("type")
  public String type() {
    return type;
  }

  /**
   * How eagerly to end the turn; default {@code auto}.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("eagerness")
  public Eagerness eagerness() {
    return eagerness;
  }

  /**
   * Whether a response starts automatically when a turn ends; default true.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("create_response")
  public Boolean createResponse() {
    return createResponse;
  }

  /**
   * Whether speech interrupts an ongoing response; default true.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("interrupt_response")
  public Boolean interruptResponse() {
    return interruptResponse;
  }

  void validate(String path, Dialect dialect) {
    if (dialect == Dialect.BETA_TRANSCRIPTION) {
      throw Checks.fail(Checks.path(path, "type"), "must be server_vad on the transcription_sessions endpoint");
    }
    if (eagerness != null) {
      Checks.oneOf(Checks.path(path, "eagerness"), eagerness.value(), Eagerness.knownWireValues());
    }
    for (String serverOnly : java.util.List.of("threshold", "prefix_padding_ms", "silence_duration_ms",
        "idle_timeout_ms")) {
      if (additionalProperties().containsKey(serverOnly)) {
        throw Checks.fail(Checks.path(path, serverOnly), "is only allowed when type is server_vad");
      }
    }
  }

  /**
   * Builds {@link SemanticVad} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String type;
    private Eagerness eagerness;
    private Boolean createResponse;
    private Boolean interruptResponse;

    private Builder() {
    }

    /**
     * Sets {@code type}: the discriminator, {@code semantic_vad}.
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
     * Sets {@code eagerness}: how eagerly to end the turn; default {@code auto}.
     *
     * @param eagerness the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("eagerness")
    public Builder eagerness(Eagerness eagerness) {
      this.eagerness = eagerness;
      track("eagerness", eagerness);
      return this;
    }

    /**
     * Sets {@code create_response}: whether a response starts automatically when a turn ends; default true.
     *
     * @param createResponse the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("create_response")
    public Builder createResponse(Boolean createResponse) {
      this.createResponse = createResponse;
      track("create_response", createResponse);
      return this;
    }

    /**
     * Sets {@code interrupt_response}: whether speech interrupts an ongoing response; default true.
     *
     * @param interruptResponse the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("interrupt_response")
    public Builder interruptResponse(Boolean interruptResponse) {
      this.interruptResponse = interruptResponse;
      track("interrupt_response", interruptResponse);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public SemanticVad build() {
      return new SemanticVad(this);
    }
  }
}
