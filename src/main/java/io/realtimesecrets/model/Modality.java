package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * An output (or, on the beta endpoint, input and output) modality: {@code text} or {@code audio}.
 *
 * <p>An open set: the constants are the values the API documents, and {@link #of(String)} accepts any
 * other string so that a value the server adds later survives parsing and re-encoding unchanged.
 * Request validation accepts only {@link #isKnown() known} values. Immutable.
 */
public final class Modality {

  /** Text output. */
  public static final Modality TEXT = new Modality("text");

  /** Audio output, with a transcript. */
  public static final Modality AUDIO = new Modality("audio");

  private static final List<Modality> KNOWN = List.of(TEXT, AUDIO);

  private final String value;

  private Modality(String value) {
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
  public static Modality of(String value) {
    Objects.requireNonNull(value, "value");
    for (Modality k : KNOWN) {
      if (k.value.equals(value)) {
        return k;
      }
    }
    return new Modality(value);
  }

  /**
   * The documented values, in the order the API lists them.
   *
   * @return an unmodifiable list
   */
  public static List<Modality> knownValues() {
    return KNOWN;
  }

  /**
   * The documented wire strings.
   *
   * @return an unmodifiable list
   */
  public static List<String> knownWireValues() {
    return KNOWN.stream().map(Modality::value).collect(java.util.stream.Collectors.toUnmodifiableList());
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
    return o instanceof Modality && ((Modality) o).value.equals(value);
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
