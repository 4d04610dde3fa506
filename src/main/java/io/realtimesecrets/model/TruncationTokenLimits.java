package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

/**
 * Token limits of retention-ratio truncation ({@code token_limits}).
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = TruncationTokenLimits.Builder.class)
public final class TruncationTokenLimits extends ExtensibleObject {

  private final Long postInstructions;

  private TruncationTokenLimits(Builder b) {
    super(b);
    this.postInstructions = b.postInstructions;
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
   * Most tokens kept after the instructions, at least 0.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("post_instructions")
  public Long postInstructions() {
    return postInstructions;
  }

  /**
   * Builds {@link TruncationTokenLimits} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private Long postInstructions;

    private Builder() {
    }

    /**
     * Sets {@code post_instructions}: most tokens kept after the instructions, at least 0.
     *
     * @param postInstructions the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("post_instructions")
    public Builder postInstructions(Long postInstructions) {
      this.postInstructions = postInstructions;
      track("post_instructions", postInstructions);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public TruncationTokenLimits build() {
      return new TruncationTokenLimits(this);
    }
  }
}
