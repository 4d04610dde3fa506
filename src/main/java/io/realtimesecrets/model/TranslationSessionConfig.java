package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * A translation session: the {@code session} of a {@link TranslationClientSecretRequest} ({@code model},
 * {@code audio}) and of a {@link TranslationClientSecret} (which adds {@code id}, {@code type} =
 * {@code translation} and {@code expires_at}).
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = TranslationSessionConfig.Builder.class)
public final class TranslationSessionConfig extends ExtensibleObject {

  private final String id;
  private final String type;
  private final Long expiresAt;
  private final String model;
  private final TranslationAudio audio;

  private TranslationSessionConfig(Builder b) {
    super(b);
    this.id = b.id;
    this.type = b.type;
    this.expiresAt = b.expiresAt;
    this.model = b.model;
    this.audio = b.audio;
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
   * Session id ({@code sess_...}); responses only.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("id")
  public String id() {
    return id;
  }

  /**
   * {@code translation}; responses only.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("type")
  public String type() {
    return type;
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
   * The translation model, e.g. {@code gpt-realtime-translate}; required in requests.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("model")
  public String model() {
    return model;
  }

  /**
   * Source transcription, noise reduction and target language.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("audio")
  public TranslationAudio audio() {
    return audio;
  }

  void validate(String path) {
    SharedRules.model(Checks.path(path, "model"), model, true);
    if (audio != null) {
      audio.validate(Checks.path(path, "audio"));
    }
  }

  /**
   * Builds {@link TranslationSessionConfig} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String id;
    private String type;
    private Long expiresAt;
    private String model;
    private TranslationAudio audio;

    private Builder() {
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
     * Sets {@code type}: {@code translation}; responses only.
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
     * Sets {@code model}: the translation model, e.g. {@code gpt-realtime-translate}; required in requests.
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
     * Sets {@code audio}: source transcription, noise reduction and target language.
     *
     * @param audio the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("audio")
    public Builder audio(TranslationAudio audio) {
      this.audio = audio;
      track("audio", audio);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public TranslationSessionConfig build() {
      return new TranslationSessionConfig(this);
    }
  }
}
