package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.realtimesecrets.model.impl.Checks;
import io.realtimesecrets.model.impl.ModelMapper;
import io.realtimesecrets.model.impl.ShapeException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * How the model chooses tools ({@code tool_choice}): a mode string ({@code auto}, the default,
 * {@code none}, {@code required}) or, in GA, a {@link ForcedToolChoice} object naming one function or MCP
 * tool. On the beta endpoint the field is a free string (a mode or a function name). Immutable.
 */
public final class ToolChoice {

  /** The model decides. */
  public static final ToolChoice AUTO = new ToolChoice("auto", null);
  /** The model calls no tool. */
  public static final ToolChoice NONE = new ToolChoice("none", null);
  /** The model must call a tool. */
  public static final ToolChoice REQUIRED = new ToolChoice("required", null);

  /** The documented mode strings. */
  public static final List<String> MODES = List.of("none", "auto", "required");

  private final String mode;
  private final ForcedToolChoice forced;

  private ToolChoice(String mode, ForcedToolChoice forced) {
    this.mode = mode;
    this.forced = forced;
  }

  /**
   * A choice given as a string.
   *
   * @param mode a mode, or on the beta endpoint a function name
   * @return the choice
   */
  public static ToolChoice mode(String mode) {
    for (ToolChoice c : List.of(AUTO, NONE, REQUIRED)) {
      if (c.mode.equals(mode)) {
        return c;
      }
    }
    return new ToolChoice(Objects.requireNonNull(mode, "mode"), null);
  }

  /**
   * Forces one function (GA): {@code {"type": "function", "name": name}}.
   *
   * @param name the function name
   * @return the choice
   */
  public static ToolChoice function(String name) {
    return of(ForcedToolChoice.builder().type(Tool.FUNCTION).name(name).build());
  }

  /**
   * Forces an MCP server, optionally one of its tools (GA).
   *
   * @param serverLabel the server label
   * @param name the tool name, or {@code null} for any tool of that server
   * @return the choice
   */
  public static ToolChoice mcp(String serverLabel, String name) {
    ForcedToolChoice.Builder b = ForcedToolChoice.builder().type(Tool.MCP).serverLabel(serverLabel);
    if (name != null) {
      b.name(name);
    }
    return of(b.build());
  }

  /**
   * A choice given as an object.
   *
   * @param forced the object
   * @return the choice
   */
  public static ToolChoice of(ForcedToolChoice forced) {
    return new ToolChoice(null, Objects.requireNonNull(forced, "forced"));
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static ToolChoice fromJson(JsonNode node) throws IOException {
    if (node.isTextual()) {
      return mode(node.asText());
    }
    if (node.isObject()) {
      return of(ModelMapper.treeToValue(node, ForcedToolChoice.class));
    }
    throw new ShapeException("must be a string or an object");
  }

  /**
   * The string form.
   *
   * @return the mode (or beta function name), or {@code null} for the object form
   */
  public String mode() {
    return mode;
  }

  /**
   * The object form.
   *
   * @return the forced tool, or {@code null} for the string form
   */
  public ForcedToolChoice forced() {
    return forced;
  }

  @JsonValue
  Object json() {
    return mode != null ? mode : forced;
  }

  void validate(String path, Dialect dialect, List<Tool> tools) {
    if (mode != null) {
      if (dialect == Dialect.GA) {
        Checks.oneOf(path, mode, MODES);
      } else {
        Checks.notBlank(path, mode);
      }
      return;
    }
    if (dialect != Dialect.GA) {
      throw Checks.fail(path, "must be a string on the beta endpoint");
    }
    forced.validate(path, tools);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ToolChoice && Objects.equals(((ToolChoice) o).mode, mode)
        && Objects.equals(((ToolChoice) o).forced, forced);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, forced);
  }

  @Override
  public String toString() {
    return mode != null ? mode : String.valueOf(forced);
  }
}
