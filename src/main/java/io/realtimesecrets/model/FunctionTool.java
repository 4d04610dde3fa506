package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;
import io.realtimesecrets.model.impl.Immutables;

import java.util.Map;

/**
 * A function the model may call ({@code "type": "function"}).
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = FunctionTool.Builder.class)
public final class FunctionTool extends Tool {

  private final String type;
  private final String name;
  private final String description;
  private final Map<String, Object> parameters;

  private FunctionTool(Builder b) {
    super(b);
    this.type = b.type;
    this.name = b.name;
    this.description = b.description;
    this.parameters = Immutables.map(b.parameters);
  }

  /**
   * A new, empty builder (with the defaults noted on the setters).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder().type(FUNCTION);
  }

  /**
   * The discriminator, {@code function} (may be absent in JSON).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("type")
  public String type() {
    return type;
  }

  /**
   * The function name; required by this library.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("name")
  public String name() {
    return name;
  }

  /**
   * When and how to call the function.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("description")
  public String description() {
    return description;
  }

  /**
   * The parameters as a JSON Schema object.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("parameters")
  public Map<String, Object> parameters() {
    return parameters;
  }

  void validate(String path, Dialect dialect) {
    Checks.required(Checks.path(path, "name"), name);
    Checks.notBlank(Checks.path(path, "name"), name);
  }

  /**
   * Builds {@link FunctionTool} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String type;
    private String name;
    private String description;
    private Map<String, Object> parameters;

    private Builder() {
    }

    /**
     * Sets {@code type}: the discriminator, {@code function} (may be absent in JSON).
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
     * Sets {@code name}: the function name; required by this library.
     *
     * @param name the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("name")
    public Builder name(String name) {
      this.name = name;
      track("name", name);
      return this;
    }

    /**
     * Sets {@code description}: when and how to call the function.
     *
     * @param description the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("description")
    public Builder description(String description) {
      this.description = description;
      track("description", description);
      return this;
    }

    /**
     * Sets {@code parameters}: the parameters as a JSON Schema object.
     *
     * @param parameters the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("parameters")
    public Builder parameters(Map<String, Object> parameters) {
      this.parameters = parameters;
      track("parameters", parameters);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public FunctionTool build() {
      return new FunctionTool(this);
    }
  }
}
