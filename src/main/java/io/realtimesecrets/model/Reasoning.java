package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * Reasoning settings ({@code reasoning}) for reasoning-capable models such as {@code gpt-realtime-2}.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = Reasoning.Builder.class)
public final class Reasoning extends ExtensibleObject {

  private final ReasoningEffort effort;

  private Reasoning(Builder b) {
    super(b);
    this.effort = b.effort;
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
   * Reasoning effort; default {@code low}.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("effort")
  public ReasoningEffort effort() {
    return effort;
  }

  void validate(String path) {
    if (effort != null) {
      Checks.oneOf(Checks.path(path, "effort"), effort.value(), ReasoningEffort.knownWireValues());
    }
  }

  /**
   * Builds {@link Reasoning} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private ReasoningEffort effort;

    private Builder() {
    }

    /**
     * Sets {@code effort}: reasoning effort; default {@code low}.
     *
     * @param effort the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("effort")
    public Builder effort(ReasoningEffort effort) {
      this.effort = effort;
      track("effort", effort);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public Reasoning build() {
      return new Reasoning(this);
    }
  }
}
