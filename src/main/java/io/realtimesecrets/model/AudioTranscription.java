package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;
import io.realtimesecrets.model.impl.Immutables;

import java.util.List;

/**
 * Input audio transcription settings ({@code audio.input.transcription}, beta
 * {@code input_audio_transcription}). Transcription runs asynchronously, as guidance for the user; set the
 * parent field to {@code null} to turn it off (the default). Translation sessions use only {@code model}.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = AudioTranscription.Builder.class)
public final class AudioTranscription extends ExtensibleObject {

  private final String model;
  private final String language;
  private final List<String> languages;
  private final List<String> keywords;
  private final String prompt;
  private final TranscriptionDelay delay;

  private AudioTranscription(Builder b) {
    super(b);
    this.model = b.model;
    this.language = b.language;
    this.languages = Immutables.list(b.languages);
    this.keywords = Immutables.list(b.keywords);
    this.prompt = b.prompt;
    this.delay = b.delay;
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
   * The transcription model, e.g. {@code gpt-4o-transcribe}, {@code whisper-1}, {@code gpt-realtime-whisper}; any string.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("model")
  public String model() {
    return model;
  }

  /**
   * Input language, ISO-639-1 (e.g. {@code en}).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("language")
  public String language() {
    return language;
  }

  /**
   * Several input languages, at least one (only {@code gpt-transcribe}, {@code gpt-live-transcribe}).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("languages")
  public List<String> languages() {
    return languages;
  }

  /**
   * Words to bias recognition towards (only {@code gpt-transcribe}, {@code gpt-live-transcribe}).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("keywords")
  public List<String> keywords() {
    return keywords;
  }

  /**
   * Guidance text (keywords for whisper-1, free text for gpt-4o-transcribe).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("prompt")
  public String prompt() {
    return prompt;
  }

  /**
   * Latency/accuracy trade-off (only {@code gpt-realtime-whisper}).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("delay")
  public TranscriptionDelay delay() {
    return delay;
  }

  /** The transcription model that supports {@code delay} and requires turn detection off. */
  public static final String REALTIME_WHISPER = "gpt-realtime-whisper";

  /**
   * {@code {"model": model}}.
   *
   * @param model the transcription model
   * @return the value
   */
  public static AudioTranscription ofModel(String model) {
    return builder().model(model).build();
  }

  void validate(String path, Dialect dialect) {
    Checks.notBlank(Checks.path(path, "model"), model);
    if (dialect == Dialect.TRANSLATION) {
      Checks.required(Checks.path(path, "model"), model);
    }
    Checks.notBlank(Checks.path(path, "language"), language);
    if (languages != null && languages.isEmpty()) {
      throw Checks.fail(Checks.path(path, "languages"), "must have at least one item");
    }
    if (delay != null) {
      Checks.oneOf(Checks.path(path, "delay"), delay.value(), TranscriptionDelay.knownWireValues());
      if (model != null && !REALTIME_WHISPER.equals(model)) {
        throw Checks.fail(Checks.path(path, "delay"), "is only supported with model " + REALTIME_WHISPER);
      }
    }
    if (prompt != null && REALTIME_WHISPER.equals(model) && dialect == Dialect.GA) {
      throw Checks.fail(Checks.path(path, "prompt"), "is not supported with model " + REALTIME_WHISPER);
    }
  }

  /**
   * Builds {@link AudioTranscription} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String model;
    private String language;
    private List<String> languages;
    private List<String> keywords;
    private String prompt;
    private TranscriptionDelay delay;

    private Builder() {
    }

    /**
     * Sets {@code model}: the transcription model, e.g. {@code gpt-4o-transcribe}, {@code whisper-1}, {@code gpt-realtime-whisper}; any string.
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
     * Sets {@code language}: input language, ISO-639-1 (e.g. {@code en}).
     *
     * @param language the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("language")
    public Builder language(String language) {
      this.language = language;
      track("language", language);
      return this;
    }

    /**
     * Sets {@code languages}: several input languages, at least one (only {@code gpt-transcribe}, {@code gpt-live-transcribe}).
     *
     * @param languages the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("languages")
    public Builder languages(List<String> languages) {
      this.languages = languages;
      track("languages", languages);
      return this;
    }

    /**
     * Sets {@code keywords}: words to bias recognition towards (only {@code gpt-transcribe}, {@code gpt-live-transcribe}).
     *
     * @param keywords the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("keywords")
    public Builder keywords(List<String> keywords) {
      this.keywords = keywords;
      track("keywords", keywords);
      return this;
    }

    /**
     * Sets {@code prompt}: guidance text (keywords for whisper-1, free text for gpt-4o-transcribe).
     *
     * @param prompt the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("prompt")
    public Builder prompt(String prompt) {
      this.prompt = prompt;
      track("prompt", prompt);
      return this;
    }

    /**
     * Sets {@code delay}: latency/accuracy trade-off (only {@code gpt-realtime-whisper}).
     *
     * @param delay the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("delay")
    public Builder delay(TranscriptionDelay delay) {
      this.delay = delay;
      track("delay", delay);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public AudioTranscription build() {
      return new AudioTranscription(this);
    }
  }
}
