package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

import java.util.List;

/**
 * A {@code tool_choice} object (GA) forcing one tool: {@code {"type": "function", "name": ...}} or
 * {@code {"type": "mcp", "server_label": ..., "name": ...}}.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = ForcedToolChoice.Builder.class)
public final class ForcedToolChoice extends ExtensibleObject {

  private final String type;
  private final String name;
  private final String serverLabel;

  private ForcedToolChoice(Builder b) {
    super(b);
    this.type = b.type;
    this.name = b.name;
    this.serverLabel = b.serverLabel;
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
   * {@code function} or {@code mcp}.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("type")
  public String type() {
    return type;
  }

  /**
   * The function name (required for {@code function}) or MCP tool name (optional).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("name")
  public String name() {
    return name;
  }

  /**
   * The MCP server label (required for {@code mcp}).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("server_label")
  public String serverLabel() {
    return serverLabel;
  }

  void validate(String path, List<Tool> tools) {
    Checks.required(Checks.path(path, "type"), type);
    Checks.oneOf(Checks.path(path, "type"), type, List.of(Tool.FUNCTION, Tool.MCP));
    if (Tool.FUNCTION.equals(type)) {
      Checks.required(Checks.path(path, "name"), name);
      Checks.notBlank(Checks.path(path, "name"), name);
      if (tools != null && tools.stream().noneMatch(t -> t instanceof FunctionTool
          && name.equals(((FunctionTool) t).name()))) {
        throw Checks.fail(Checks.path(path, "name"), "must name one of the function tools in tools");
      }
    } else {
      Checks.required(Checks.path(path, "server_label"), serverLabel);
      Checks.notBlank(Checks.path(path, "server_label"), serverLabel);
    }
  }

  /**
   * Builds {@link ForcedToolChoice} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String type;
    private String name;
    private String serverLabel;

    private Builder() {
    }

    /**
     * Sets {@code type}: {@code function} or {@code mcp}.
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
     * Sets {@code name}: the function name (required for {@code function}) or MCP tool name (optional).
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
     * Sets {@code server_label}: the MCP server label (required for {@code mcp}).
     *
     * @param serverLabel the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("server_label")
    public Builder serverLabel(String serverLabel) {
      this.serverLabel = serverLabel;
      track("server_label", serverLabel);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public ForcedToolChoice build() {
      return new ForcedToolChoice(this);
    }
  }
}
