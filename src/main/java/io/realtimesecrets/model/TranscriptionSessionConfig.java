package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;
import io.realtimesecrets.model.impl.Immutables;

import java.util.List;

/**
 * A GA transcription-only session ({@code "type": "transcription"}): the {@code session} of a
 * {@link ClientSecretRequest}, and the effective session in a {@link ClientSecret}. The transcription model
 * is chosen at {@code audio.input.transcription.model}; there is no {@code audio.output}.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = TranscriptionSessionConfig.Builder.class)
public final class TranscriptionSessionConfig extends SessionConfig {

  private final String type;
  private final String id;
  private final String object;
  private final Long expiresAt;
  private final SessionAudio audio;
  private final List<IncludeOption> include;

  private TranscriptionSessionConfig(Builder b) {
    super(b);
    this.type = b.type;
    this.id = b.id;
    this.object = b.object;
    this.expiresAt = b.expiresAt;
    this.audio = b.audio;
    this.include = Immutables.list(b.include);
  }

  /**
   * A new, empty builder (with the defaults noted on the setters).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder().type(TRANSCRIPTION);
  }

  /**
   * The discriminator, {@code transcription}; required.
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
   * Input audio settings ({@code audio.input}).
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

  void validate(String path) {
    if (audio != null) {
      if (audio.output() != null) {
        throw Checks.fail(Checks.path(path, "audio.output"), "is not supported for transcription sessions");
      }
      audio.validate(Checks.path(path, "audio"), Dialect.GA);
    }
    SharedRules.include(Checks.path(path, "include"), include);
    for (String realtimeOnly : List.of("model", "instructions", "output_modalities", "tools", "tool_choice",
        "max_output_tokens", "tracing")) {
      if (additionalProperties().containsKey(realtimeOnly)) {
        throw Checks.fail(Checks.path(path, realtimeOnly), "is not supported for transcription sessions");
      }
    }
  }

  /**
   * Builds {@link TranscriptionSessionConfig} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String type;
    private String id;
    private String object;
    private Long expiresAt;
    private SessionAudio audio;
    private List<IncludeOption> include;

    private Builder() {
    }

    /**
     * Sets {@code type}: the discriminator, {@code transcription}; required.
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
     * Sets {@code audio}: input audio settings ({@code audio.input}).
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
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public TranscriptionSessionConfig build() {
      return new TranscriptionSessionConfig(this);
    }
  }
}
