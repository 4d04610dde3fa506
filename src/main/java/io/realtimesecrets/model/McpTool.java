package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;
import io.realtimesecrets.model.impl.Immutables;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A remote MCP server or connector the model may use ({@code "type": "mcp"}, GA only). Its
 * {@code authorization} and {@code headers} are redacted in {@code toString()}.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = McpTool.Builder.class)
public final class McpTool extends Tool {

  private final String type;
  private final String serverLabel;
  private final String serverUrl;
  private final McpConnector connectorId;
  private final String tunnelId;
  private final String authorization;
  private final String serverDescription;
  private final Map<String, String> headers;
  private final Object allowedTools;
  private final List<String> allowedCallers;
  private final Object requireApproval;
  private final Boolean deferLoading;

  private McpTool(Builder b) {
    super(b);
    this.type = b.type;
    this.serverLabel = b.serverLabel;
    this.serverUrl = b.serverUrl;
    this.connectorId = b.connectorId;
    this.tunnelId = b.tunnelId;
    this.authorization = b.authorization;
    this.serverDescription = b.serverDescription;
    this.headers = b.headers == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.allowedTools = Immutables.deepCopy(b.allowedTools);
    this.allowedCallers = Immutables.list(b.allowedCallers);
    this.requireApproval = Immutables.deepCopy(b.requireApproval);
    this.deferLoading = b.deferLoading;
  }

  /**
   * A new, empty builder (with the defaults noted on the setters).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder().type(MCP);
  }

  /**
   * The discriminator, {@code mcp}.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("type")
  public String type() {
    return type;
  }

  /**
   * Label identifying the server in tool calls; required.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("server_label")
  public String serverLabel() {
    return serverLabel;
  }

  /**
   * The server URL (one of server_url, connector_id, tunnel_id).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("server_url")
  public String serverUrl() {
    return serverUrl;
  }

  /**
   * A service connector (one of server_url, connector_id, tunnel_id).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("connector_id")
  public McpConnector connectorId() {
    return connectorId;
  }

  /**
   * A tunnel id, {@code tunnel_} and 32 lower-case letters or digits.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("tunnel_id")
  public String tunnelId() {
    return tunnelId;
  }

  /**
   * An OAuth access token for the server or connector (a secret).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("authorization")
  public String authorization() {
    return authorization;
  }

  /**
   * What the server is for.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("server_description")
  public String serverDescription() {
    return serverDescription;
  }

  /**
   * HTTP headers sent to the server (may hold secrets).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("headers")
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Allowed tools: a list of names or a filter object {@code {tool_names, read_only}}, as JSON.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("allowed_tools")
  public Object allowedTools() {
    return allowedTools;
  }

  /**
   * Who may call: {@code direct}, {@code programmatic}; at least one.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("allowed_callers")
  public List<String> allowedCallers() {
    return allowedCallers;
  }

  /**
   * {@code "always"}, {@code "never"} or {@code {always, never}} filters, as JSON.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("require_approval")
  public Object requireApproval() {
    return requireApproval;
  }

  /**
   * Whether tool definitions load lazily.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("defer_loading")
  public Boolean deferLoading() {
    return deferLoading;
  }

  private static final java.util.regex.Pattern TUNNEL_ID = java.util.regex.Pattern.compile("^tunnel_[a-z0-9]{32}$");

  void validate(String path, Dialect dialect) {
    if (dialect != Dialect.GA) {
      throw Checks.fail(Checks.path(path, "type"), "must be function on the beta endpoint");
    }
    Checks.required(Checks.path(path, "server_label"), serverLabel);
    Checks.notBlank(Checks.path(path, "server_label"), serverLabel);
    if (serverUrl == null && connectorId == null && tunnelId == null) {
      throw Checks.fail(path, "needs one of server_url, connector_id, tunnel_id");
    }
    if (connectorId != null) {
      Checks.oneOf(Checks.path(path, "connector_id"), connectorId.value(), McpConnector.knownWireValues());
    }
    if (tunnelId != null && !TUNNEL_ID.matcher(tunnelId).matches()) {
      throw Checks.fail(Checks.path(path, "tunnel_id"), "must match ^tunnel_[a-z0-9]{32}$");
    }
    if (allowedCallers != null) {
      if (allowedCallers.isEmpty()) {
        throw Checks.fail(Checks.path(path, "allowed_callers"), "must have at least one item");
      }
      for (int i = 0; i < allowedCallers.size(); i++) {
        Checks.oneOf(Checks.path(path, "allowed_callers") + "[" + i + "]", allowedCallers.get(i),
            List.of("direct", "programmatic"));
      }
    }
    if (requireApproval instanceof String) {
      Checks.oneOf(Checks.path(path, "require_approval"), (String) requireApproval, List.of("always", "never"));
    }
  }

  /**
   * Builds {@link McpTool} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String type;
    private String serverLabel;
    private String serverUrl;
    private McpConnector connectorId;
    private String tunnelId;
    private String authorization;
    private String serverDescription;
    private Map<String, String> headers;
    private Object allowedTools;
    private List<String> allowedCallers;
    private Object requireApproval;
    private Boolean deferLoading;

    private Builder() {
    }

    /**
     * Sets {@code type}: the discriminator, {@code mcp}.
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
     * Sets {@code server_label}: label identifying the server in tool calls; required.
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
     * Sets {@code server_url}: the server URL (one of server_url, connector_id, tunnel_id).
     *
     * @param serverUrl the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("server_url")
    public Builder serverUrl(String serverUrl) {
      this.serverUrl = serverUrl;
      track("server_url", serverUrl);
      return this;
    }

    /**
     * Sets {@code connector_id}: a service connector (one of server_url, connector_id, tunnel_id).
     *
     * @param connectorId the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("connector_id")
    public Builder connectorId(McpConnector connectorId) {
      this.connectorId = connectorId;
      track("connector_id", connectorId);
      return this;
    }

    /**
     * Sets {@code tunnel_id}: a tunnel id, {@code tunnel_} and 32 lower-case letters or digits.
     *
     * @param tunnelId the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("tunnel_id")
    public Builder tunnelId(String tunnelId) {
      this.tunnelId = tunnelId;
      track("tunnel_id", tunnelId);
      return this;
    }

    /**
     * Sets {@code authorization}: an OAuth access token for the server or connector (a secret).
     *
     * @param authorization the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("authorization")
    public Builder authorization(String authorization) {
      this.authorization = authorization;
      track("authorization", authorization);
      return this;
    }

    /**
     * Sets {@code server_description}: what the server is for.
     *
     * @param serverDescription the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("server_description")
    public Builder serverDescription(String serverDescription) {
      this.serverDescription = serverDescription;
      track("server_description", serverDescription);
      return this;
    }

    /**
     * Sets {@code headers}: hTTP headers sent to the server (may hold secrets).
     *
     * @param headers the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("headers")
    public Builder headers(Map<String, String> headers) {
      this.headers = headers;
      track("headers", headers);
      return this;
    }

    /**
     * Sets {@code allowed_tools}: allowed tools: a list of names or a filter object {@code {tool_names, read_only}}, as JSON.
     *
     * @param allowedTools the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("allowed_tools")
    public Builder allowedTools(Object allowedTools) {
      this.allowedTools = allowedTools;
      track("allowed_tools", allowedTools);
      return this;
    }

    /**
     * Sets {@code allowed_callers}: who may call: {@code direct}, {@code programmatic}; at least one.
     *
     * @param allowedCallers the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("allowed_callers")
    public Builder allowedCallers(List<String> allowedCallers) {
      this.allowedCallers = allowedCallers;
      track("allowed_callers", allowedCallers);
      return this;
    }

    /**
     * Sets {@code require_approval}: {@code "always"}, {@code "never"} or {@code {always, never}} filters, as JSON.
     *
     * @param requireApproval the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("require_approval")
    public Builder requireApproval(Object requireApproval) {
      this.requireApproval = requireApproval;
      track("require_approval", requireApproval);
      return this;
    }

    /**
     * Sets {@code defer_loading}: whether tool definitions load lazily.
     *
     * @param deferLoading the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("defer_loading")
    public Builder deferLoading(Boolean deferLoading) {
      this.deferLoading = deferLoading;
      track("defer_loading", deferLoading);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public McpTool build() {
      return new McpTool(this);
    }
  }
}
