package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * A tool of a {@code type} this library does not know; every field is kept in
 * {@link #additionalProperties()}. Requests with it fail validation.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = UnrecognizedTool.Builder.class)
public final class UnrecognizedTool extends Tool {

  private final String type;

  private UnrecognizedTool(Builder b) {
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
    throw Checks.fail(Checks.path(path, "type"), dialect == Dialect.GA
        ? "must be one of function, mcp" : "must be function on the beta endpoint");
  }

  /**
   * Builds {@link UnrecognizedTool} values. Not thread safe. Unset fields are omitted from the JSON.
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
    public UnrecognizedTool build() {
      return new UnrecognizedTool(this);
    }
  }
}
