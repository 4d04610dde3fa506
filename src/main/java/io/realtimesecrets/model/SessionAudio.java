package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * The {@code audio} block of a GA session: {@code input} and (realtime sessions only) {@code output}.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = SessionAudio.Builder.class)
public final class SessionAudio extends ExtensibleObject {

  private final AudioInput input;
  private final AudioOutput output;

  private SessionAudio(Builder b) {
    super(b);
    this.input = b.input;
    this.output = b.output;
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
   * Input audio settings.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("input")
  public AudioInput input() {
    return input;
  }

  /**
   * Output audio settings (realtime sessions only).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("output")
  public AudioOutput output() {
    return output;
  }

  void validate(String path, Dialect dialect) {
    if (input != null) {
      input.validate(Checks.path(path, "input"), dialect);
    }
    if (output != null) {
      output.validate(Checks.path(path, "output"), dialect);
    }
  }

  /**
   * Builds {@link SessionAudio} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private AudioInput input;
    private AudioOutput output;

    private Builder() {
    }

    /**
     * Sets {@code input}: input audio settings.
     *
     * @param input the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("input")
    public Builder input(AudioInput input) {
      this.input = input;
      track("input", input);
      return this;
    }

    /**
     * Sets {@code output}: output audio settings (realtime sessions only).
     *
     * @param output the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("output")
    public Builder output(AudioOutput output) {
      this.output = output;
      track("output", output);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public SessionAudio build() {
      return new SessionAudio(this);
    }
  }
}
