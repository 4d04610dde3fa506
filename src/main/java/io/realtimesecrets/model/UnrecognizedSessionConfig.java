package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * A GA session whose {@code type} is missing or unknown to this library. Every field is kept in
 * {@link #additionalProperties()}, so a response with a new session type still parses and re-encodes
 * unchanged; a request with it fails validation.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = UnrecognizedSessionConfig.Builder.class)
public final class UnrecognizedSessionConfig extends SessionConfig {

  private final String type;

  private UnrecognizedSessionConfig(Builder b) {
    super(b);
    this.type = b.typeValue();
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
   * The unknown discriminator, or {@code null} when absent.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("type")
  public String type() {
    return type;
  }

  void validate(String path) {
    if (type == null) {
      throw Checks.fail(Checks.path(path, "type"), "is required: one of realtime, transcription");
    }
    throw Checks.fail(Checks.path(path, "type"), "must be one of realtime, transcription");
  }

  /**
   * Builds {@link UnrecognizedSessionConfig} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends UnrecognizedTypeBuilder<Builder> {

    private Builder() {
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public UnrecognizedSessionConfig build() {
      return new UnrecognizedSessionConfig(this);
    }
  }
}
