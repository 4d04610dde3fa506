package io.realtimesecrets.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.realtimesecrets.model.impl.TypeDispatch;
import java.util.Map;

/**
 * A tool the model may call ({@code tools[]}), polymorphic on {@code type}: {@link FunctionTool}
 * ({@code function}, also when {@code type} is absent, as the schema allows) or {@link McpTool}
 * ({@code mcp}, GA only). Other types are read as {@link UnrecognizedTool} and kept whole.
 */
@JsonDeserialize(using = Tool.Dispatch.class)
public abstract class Tool extends ExtensibleObject {

  /** The {@code type} of a function tool. */
  public static final String FUNCTION = "function";
  /** The {@code type} of an MCP tool. */
  public static final String MCP = "mcp";

  Tool(Builder<?> builder) {
    super(builder);
  }

  /**
   * The {@code type} discriminator as sent.
   *
   * @return {@code function}, {@code mcp}, another string, or {@code null} when absent
   */
  public abstract String type();

  abstract void validate(String path, Dialect dialect);

  /** Chooses the subclass by {@code type}. */
  static final class Dispatch extends TypeDispatch<Tool> {
    private static final long serialVersionUID = 1L;

    Dispatch() {
      super(Tool.class, Map.of(FUNCTION, FunctionTool.class, MCP, McpTool.class),
          FunctionTool.class, UnrecognizedTool.class);
    }
  }
}
