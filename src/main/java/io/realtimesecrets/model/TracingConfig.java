package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import io.realtimesecrets.model.impl.Immutables;

import java.util.Map;

/**
 * Tracing settings given as an object: workflow name, group id and metadata shown in the traces
 * dashboard.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = TracingConfig.Builder.class)
public final class TracingConfig extends ExtensibleObject {

  private final String workflowName;
  private final String groupId;
  private final Map<String, Object> metadata;

  private TracingConfig(Builder b) {
    super(b);
    this.workflowName = b.workflowName;
    this.groupId = b.groupId;
    this.metadata = Immutables.map(b.metadata);
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
   * The workflow name.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("workflow_name")
  public String workflowName() {
    return workflowName;
  }

  /**
   * The group id, for filtering.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("group_id")
  public String groupId() {
    return groupId;
  }

  /**
   * Arbitrary metadata attached to the trace.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("metadata")
  public Map<String, Object> metadata() {
    return metadata;
  }

  /**
   * Builds {@link TracingConfig} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String workflowName;
    private String groupId;
    private Map<String, Object> metadata;

    private Builder() {
    }

    /**
     * Sets {@code workflow_name}: the workflow name.
     *
     * @param workflowName the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("workflow_name")
    public Builder workflowName(String workflowName) {
      this.workflowName = workflowName;
      track("workflow_name", workflowName);
      return this;
    }

    /**
     * Sets {@code group_id}: the group id, for filtering.
     *
     * @param groupId the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("group_id")
    public Builder groupId(String groupId) {
      this.groupId = groupId;
      track("group_id", groupId);
      return this;
    }

    /**
     * Sets {@code metadata}: arbitrary metadata attached to the trace.
     *
     * @param metadata the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("metadata")
    public Builder metadata(Map<String, Object> metadata) {
      this.metadata = metadata;
      track("metadata", metadata);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public TracingConfig build() {
      return new TracingConfig(this);
    }
  }
}
