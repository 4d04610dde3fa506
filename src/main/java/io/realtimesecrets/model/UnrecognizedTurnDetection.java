package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * Turn detection of a {@code type} this library does not know. Every field is kept in
 * {@link #additionalProperties()}; requests with it fail validation.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = UnrecognizedTurnDetection.Builder.class)
public final class UnrecognizedTurnDetection extends TurnDetection {

  private final String type;

  private UnrecognizedTurnDetection(Builder b) {
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
   * The unknown discriminator.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("type")
  public String type() {
    return type;
  }

  void validate(String path, Dialect dialect) {
    throw Checks.fail(Checks.path(path, "type"), dialect == Dialect.BETA_TRANSCRIPTION
        ? "must be server_vad" : "must be one of server_vad, semantic_vad");
  }

  /**
   * Builds {@link UnrecognizedTurnDetection} values. Not thread safe. Unset fields are omitted from the JSON.
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
    public UnrecognizedTurnDetection build() {
      return new UnrecognizedTurnDetection(this);
    }
  }
}
