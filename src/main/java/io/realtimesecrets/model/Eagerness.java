package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * How eagerly semantic VAD ends a turn: {@code low}, {@code medium}, {@code high} or {@code auto} (the default, same as medium).
 *
 * <p>An open set: the constants are the values the API documents, and {@link #of(String)} accepts any
 * other string so that a value the server adds later survives parsing and re-encoding unchanged.
 * Request validation accepts only {@link #isKnown() known} values. Immutable.
 */
public final class Eagerness {

  /** Lets the user take their time (up to 8 s). */
  public static final Eagerness LOW = new Eagerness("low");

  /** Medium (up to 4 s). */
  public static final Eagerness MEDIUM = new Eagerness("medium");

  /** Responds as soon as possible (up to 2 s). */
  public static final Eagerness HIGH = new Eagerness("high");

  /** The default; equivalent to medium. */
  public static final Eagerness AUTO = new Eagerness("auto");

  private static final List<Eagerness> KNOWN = List.of(LOW, MEDIUM, HIGH, AUTO);

  private final String value;

  private Eagerness(String value) {
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
  public static Eagerness of(String value) {
    Objects.requireNonNull(value, "value");
    for (Eagerness k : KNOWN) {
      if (k.value.equals(value)) {
        return k;
      }
    }
    return new Eagerness(value);
  }

  /**
   * The documented values, in the order the API lists them.
   *
   * @return an unmodifiable list
   */
  public static List<Eagerness> knownValues() {
    return KNOWN;
  }

  /**
   * The documented wire strings.
   *
   * @return an unmodifiable list
   */
  public static List<String> knownWireValues() {
    return KNOWN.stream().map(Eagerness::value).collect(java.util.stream.Collectors.toUnmodifiableList());
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
    return o instanceof Eagerness && ((Eagerness) o).value.equals(value);
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
