package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * Reasoning effort for reasoning-capable models (GA {@code session.reasoning.effort}); default {@code low}.
 *
 * <p>An open set: the constants are the values the API documents, and {@link #of(String)} accepts any
 * other string so that a value the server adds later survives parsing and re-encoding unchanged.
 * Request validation accepts only {@link #isKnown() known} values. Immutable.
 */
public final class ReasoningEffort {

  /** Minimal effort. */
  public static final ReasoningEffort MINIMAL = new ReasoningEffort("minimal");

  /** Low effort (the default). */
  public static final ReasoningEffort LOW = new ReasoningEffort("low");

  /** Medium effort. */
  public static final ReasoningEffort MEDIUM = new ReasoningEffort("medium");

  /** High effort. */
  public static final ReasoningEffort HIGH = new ReasoningEffort("high");

  /** Extra-high effort. */
  public static final ReasoningEffort XHIGH = new ReasoningEffort("xhigh");

  private static final List<ReasoningEffort> KNOWN = List.of(MINIMAL, LOW, MEDIUM, HIGH, XHIGH);

  private final String value;

  private ReasoningEffort(String value) {
    this.value = value;
  }

  /**
   * The value for a wire string, a constant when the string is documented.
   *
   * @param value the wire string
   * @return the value
   * @throws NullPointerException when {@code value} is null
   */
  @JsonCreator
  public static ReasoningEffort of(String value) {
    Objects.requireNonNull(value, "value");
    for (ReasoningEffort k : KNOWN) {
      if (k.value.equals(value)) {
        return k;
      }
    }
    return new ReasoningEffort(value);
  }

  /**
   * The documented values, in the order the API lists them.
   *
   * @return an unmodifiable list
   */
  public static List<ReasoningEffort> knownValues() {
    return KNOWN;
  }

  /**
   * The documented wire strings.
   *
   * @return an unmodifiable list
   */
  public static List<String> knownWireValues() {
    return KNOWN.stream().map(ReasoningEffort::value).collect(java.util.stream.Collectors.toUnmodifiableList());
  }

  /**
   * The string sent on the wire.
   *
   * @return the wire value
   */
  @JsonValue
  public String value() {
    return value;
  }

  /**
   * Whether the API documents this value.
   *
   * @return true for the constants of this class
   */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReasoningEffort && ((ReasoningEffort) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
