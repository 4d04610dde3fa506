package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

import java.util.List;

/**
 * Retention-ratio truncation: {@code {"type": "retention_ratio", "retention_ratio": 0.8}} keeps that
 * fraction of the post-instruction tokens when the conversation is truncated.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = RetentionRatioTruncation.Builder.class)
public final class RetentionRatioTruncation extends ExtensibleObject {

  private final String type;
  private final Double retentionRatio;
  private final TruncationTokenLimits tokenLimits;

  private RetentionRatioTruncation(Builder b) {
    super(b);
    this.type = b.type;
    this.retentionRatio = b.retentionRatio;
    this.tokenLimits = b.tokenLimits;
  }

  /**
   * A new, empty builder (with the defaults noted on the setters).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder().type("retention_ratio");
  }

  /**
   * The discriminator, {@code retention_ratio}; required.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("type")
  public String type() {
    return type;
  }

  /**
   * Fraction of post-instruction tokens to keep, 0 to 1; required.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("retention_ratio")
  public Double retentionRatio() {
    return retentionRatio;
  }

  /**
   * Optional absolute limits.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("token_limits")
  public TruncationTokenLimits tokenLimits() {
    return tokenLimits;
  }

  void validate(String path) {
    Checks.required(Checks.path(path, "type"), type);
    Checks.oneOf(Checks.path(path, "type"), type, List.of("retention_ratio"));
    Checks.required(Checks.path(path, "retention_ratio"), retentionRatio);
    Checks.between(Checks.path(path, "retention_ratio"), retentionRatio, 0, 1);
    if (tokenLimits != null) {
      Checks.atLeast(Checks.path(path, "token_limits.post_instructions"), tokenLimits.postInstructions(), 0);
    }
  }

  /**
   * Builds {@link RetentionRatioTruncation} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private String type;
    private Double retentionRatio;
    private TruncationTokenLimits tokenLimits;

    private Builder() {
    }

    /**
     * Sets {@code type}: the discriminator, {@code retention_ratio}; required.
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
     * Sets {@code retention_ratio}: fraction of post-instruction tokens to keep, 0 to 1; required.
     *
     * @param retentionRatio the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("retention_ratio")
    public Builder retentionRatio(Double retentionRatio) {
      this.retentionRatio = retentionRatio;
      track("retention_ratio", retentionRatio);
      return this;
    }

    /**
     * Sets {@code token_limits}: optional absolute limits.
     *
     * @param tokenLimits the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("token_limits")
    public Builder tokenLimits(TruncationTokenLimits tokenLimits) {
      this.tokenLimits = tokenLimits;
      track("token_limits", tokenLimits);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public RetentionRatioTruncation build() {
      return new RetentionRatioTruncation(this);
    }
  }
}
