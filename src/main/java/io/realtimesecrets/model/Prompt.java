package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;
import io.realtimesecrets.model.impl.Immutables;

import java.util.Map;

/**
 * A reference to a stored prompt template ({@code prompt}): {@code id}, optional {@code version}, and
 * {@code variables} whose values are strings or input content objects ({@code input_text},
 * {@code input_image}, {@code input_file}), kept as JSON maps. Set the parent field to {@code null} to
 * clear it.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = Prompt.Builder.class)
public final class Prompt extends ExtensibleObject {

  private final String id;
  private final String version;
  private final Map<String, Object> variables;

  private Prompt(Builder b) {
    super(b);
    this.id = b.id;
    this.version = b.version;
    this.variables = Immutables.map(b.variables);
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
   * The template id; required.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("id")
  public String id() {
    return id;
  }

  /**
   * The template version.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("version")
  public String version() {
    return version;
  }

  /**
   * Substitutions: string values or content objects as JSON maps.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("variables")
  public Map<String, Object> variables() {
    return variables;
  }

  void validate(String path) {
    Checks.required(Checks.path(path, "id"), id);
    Checks.notBlank(Checks.path(path, "id"), id);
  }

  /**
   * Builds {@link Prompt} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String id;
    private String version;
    private Map<String, Object> variables;

    private Builder() {
    }

    /**
     * Sets {@code id}: the template id; required.
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
     * Sets {@code version}: the template version.
     *
     * @param version the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("version")
    public Builder version(String version) {
      this.version = version;
      track("version", version);
      return this;
    }

    /**
     * Sets {@code variables}: substitutions: string values or content objects as JSON maps.
     *
     * @param variables the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("variables")
    public Builder variables(Map<String, Object> variables) {
      this.variables = variables;
      track("variables", variables);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public Prompt build() {
      return new Prompt(this);
    }
  }
}
