package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

import java.util.List;

/**
 * Server-side voice activity detection ({@code "type": "server_vad"}): turns end after a period of
 * silence.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = ServerVad.Builder.class)
public final class ServerVad extends TurnDetection {

  private final String type;
  private final Double threshold;
  private final Integer prefixPaddingMs;
  private final Integer silenceDurationMs;
  private final Boolean createResponse;
  private final Boolean interruptResponse;
  private final Integer idleTimeoutMs;

  private ServerVad(Builder b) {
    super(b);
    this.type = b.type;
    this.threshold = b.threshold;
    this.prefixPaddingMs = b.prefixPaddingMs;
    this.silenceDurationMs = b.silenceDurationMs;
    this.createResponse = b.createResponse;
    this.interruptResponse = b.interruptResponse;
    this.idleTimeoutMs = b.idleTimeoutMs;
  }

  /**
   * A new, empty builder (with the defaults noted on the setters).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder().type(SERVER_VAD);
  }

  /**
   * The discriminator, {@code server_vad} (absent when the JSON left it out).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("type")
  public String type() {
    return type;
  }

  /**
   * Activation threshold, 0.0 to 1.0 (default 0.5); higher needs louder audio.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("threshold")
  public Double threshold() {
    return threshold;
  }

  /**
   * Audio kept before detected speech, in ms (default 300).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("prefix_padding_ms")
  public Integer prefixPaddingMs() {
    return prefixPaddingMs;
  }

  /**
   * Silence that ends a turn, in ms (default 500).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("silence_duration_ms")
  public Integer silenceDurationMs() {
    return silenceDurationMs;
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

  /**
   * Starts a response after this long without user speech, in ms, 5000 to 30000 (GA).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("idle_timeout_ms")
  public Integer idleTimeoutMs() {
    return idleTimeoutMs;
  }

  void validate(String path, Dialect dialect) {
    Checks.oneOf(Checks.path(path, "type"), type, java.util.List.of(SERVER_VAD));
    Checks.between(Checks.path(path, "threshold"), threshold, 0, 1);
    Checks.atLeast(Checks.path(path, "prefix_padding_ms"), prefixPaddingMs, 0);
    Checks.atLeast(Checks.path(path, "silence_duration_ms"), silenceDurationMs, 0);
    Checks.between(Checks.path(path, "idle_timeout_ms"), idleTimeoutMs, 5000, 30000);
    if (additionalProperties().containsKey("eagerness")) {
      throw Checks.fail(Checks.path(path, "eagerness"), "is only allowed when type is semantic_vad");
    }
  }

  /**
   * Builds {@link ServerVad} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String type;
    private Double threshold;
    private Integer prefixPaddingMs;
    private Integer silenceDurationMs;
    private Boolean createResponse;
    private Boolean interruptResponse;
    private Integer idleTimeoutMs;

    private Builder() {
    }

    /**
     * Sets {@code type}: the discriminator, {@code server_vad} (absent when the JSON left it out).
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
     * Sets {@code threshold}: activation threshold, 0.0 to 1.0 (default 0.5); higher needs louder audio.
     *
     * @param threshold the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("threshold")
    public Builder threshold(Double threshold) {
      this.threshold = threshold;
      track("threshold", threshold);
      return this;
    }

    /**
     * Sets {@code prefix_padding_ms}: audio kept before detected speech, in ms (default 300).
     *
     * @param prefixPaddingMs the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("prefix_padding_ms")
    public Builder prefixPaddingMs(Integer prefixPaddingMs) {
      this.prefixPaddingMs = prefixPaddingMs;
      track("prefix_padding_ms", prefixPaddingMs);
      return this;
    }

    /**
     * Sets {@code silence_duration_ms}: silence that ends a turn, in ms (default 500).
     *
     * @param silenceDurationMs the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("silence_duration_ms")
    public Builder silenceDurationMs(Integer silenceDurationMs) {
      this.silenceDurationMs = silenceDurationMs;
      track("silence_duration_ms", silenceDurationMs);
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
     * Sets {@code idle_timeout_ms}: starts a response after this long without user speech, in ms, 5000 to 30000 (GA).
     *
     * @param idleTimeoutMs the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("idle_timeout_ms")
    public Builder idleTimeoutMs(Integer idleTimeoutMs) {
      this.idleTimeoutMs = idleTimeoutMs;
      track("idle_timeout_ms", idleTimeoutMs);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public ServerVad build() {
      return new ServerVad(this);
    }
  }
}
