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
 * What happens when the conversation outgrows the model's input limit ({@code truncation}):
 * {@code "auto"} (the default), {@code "disabled"} (the request errors instead), or a
 * {@link RetentionRatioTruncation} object. Immutable.
 */
public final class Truncation {

  /** The default strategy. */
  public static final Truncation AUTO = new Truncation("auto", null);
  /** No truncation: exceeding the limit is an error. */
  public static final Truncation DISABLED = new Truncation("disabled", null);

  /** The documented strategy strings. */
  public static final List<String> STRATEGIES = List.of("auto", "disabled");

  private final String strategy;
  private final RetentionRatioTruncation retentionRatio;

  private Truncation(String strategy, RetentionRatioTruncation retentionRatio) {
    this.strategy = strategy;
    this.retentionRatio = retentionRatio;
  }

  /**
   * A strategy given as a string.
   *
   * @param strategy {@code auto} or {@code disabled} (other strings are kept for responses)
   * @return the truncation
   */
  public static Truncation strategy(String strategy) {
    if ("auto".equals(strategy)) {
      return AUTO;
    }
    if ("disabled".equals(strategy)) {
      return DISABLED;
    }
    return new Truncation(Objects.requireNonNull(strategy, "strategy"), null);
  }

  /**
   * Keeps a fraction of the post-instruction tokens when truncating.
   *
   * @param ratio fraction between 0 and 1, e.g. 0.8
   * @return the truncation
   */
  public static Truncation retentionRatio(double ratio) {
    return of(RetentionRatioTruncation.builder().retentionRatio(ratio).build());
  }

  /**
   * A strategy given as an object.
   *
   * @param retentionRatio the object
   * @return the truncation
   */
  public static Truncation of(RetentionRatioTruncation retentionRatio) {
    return new Truncation(null, Objects.requireNonNull(retentionRatio, "retentionRatio"));
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Truncation fromJson(JsonNode node) throws IOException {
    if (node.isTextual()) {
      return strategy(node.asText());
    }
    if (node.isObject()) {
      return of(ModelMapper.treeToValue(node, RetentionRatioTruncation.class));
    }
    throw new ShapeException("must be \"auto\", \"disabled\" or an object");
  }

  /**
   * The string form.
   *
   * @return the strategy, or {@code null} for the object form
   */
  public String strategy() {
    return strategy;
  }

  /**
   * The object form.
   *
   * @return the retention-ratio settings, or {@code null} for the string form
   */
  public RetentionRatioTruncation retentionRatioSettings() {
    return retentionRatio;
  }

  @JsonValue
  Object json() {
    return strategy != null ? strategy : retentionRatio;
  }

  void validate(String path) {
    if (strategy != null) {
      Checks.oneOf(path, strategy, STRATEGIES);
    } else {
      retentionRatio.validate(path);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Truncation && Objects.equals(((Truncation) o).strategy, strategy)
        && Objects.equals(((Truncation) o).retentionRatio, retentionRatio);
  }

  @Override
  public int hashCode() {
    return Objects.hash(strategy, retentionRatio);
  }

  @Override
  public String toString() {
    return strategy != null ? strategy : String.valueOf(retentionRatio);
  }
}
