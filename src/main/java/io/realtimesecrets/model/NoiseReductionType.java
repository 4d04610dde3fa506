package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * The kind of input noise reduction: {@code near_field} (headsets) or {@code far_field} (laptops, conference rooms).
 *
 * <p>An open set: the constants are the values the API documents, and {@link #of(String)} accepts any
 * other string so that a value the server adds later survives parsing and re-encoding unchanged.
 * Request validation accepts only {@link #isKnown() known} values. Immutable.
 */
public final class NoiseReductionType {

  /** Close-talking microphones such as headphones. */
  public static final NoiseReductionType NEAR_FIELD = new NoiseReductionType("near_field");

  /** Far-field microphones such as laptop or conference-room microphones. */
  public static final NoiseReductionType FAR_FIELD = new NoiseReductionType("far_field");

  private static final List<NoiseReductionType> KNOWN = List.of(NEAR_FIELD, FAR_FIELD);

  private final String value;

  private NoiseReductionType(String value) {
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
  public static NoiseReductionType of(String value) {
    Objects.requireNonNull(value, "value");
    for (NoiseReductionType k : KNOWN) {
      if (k.value.equals(value)) {
        return k;
      }
    }
    return new NoiseReductionType(value);
  }

  /**
   * The documented values, in the order the API lists them.
   *
   * @return an unmodifiable list
   */
  public static List<NoiseReductionType> knownValues() {
    return KNOWN;
  }

  /**
   * The documented wire strings.
   *
   * @return an unmodifiable list
   */
  public static List<String> knownWireValues() {
    return KNOWN.stream().map(NoiseReductionType::value).collect(java.util.stream.Collectors.toUnmodifiableList());
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
    return o instanceof NoiseReductionType && ((NoiseReductionType) o).value.equals(value);
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
