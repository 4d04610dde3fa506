package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * An extra field to include in server outputs ({@code include}).
 *
 * <p>An open set: the constants are the values the API documents, and {@link #of(String)} accepts any
 * other string so that a value the server adds later survives parsing and re-encoding unchanged.
 * Request validation accepts only {@link #isKnown() known} values. Immutable.
 */
public final class IncludeOption {

  /** Log probabilities of the input audio transcription. */
  public static final IncludeOption INPUT_AUDIO_TRANSCRIPTION_LOGPROBS = new IncludeOption("item.input_audio_transcription.logprobs");

  private static final List<IncludeOption> KNOWN = List.of(INPUT_AUDIO_TRANSCRIPTION_LOGPROBS);

  private final String value;

  private IncludeOption(String value) {
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
  public static IncludeOption of(String value) {
    Objects.requireNonNull(value, "value");
    for (IncludeOption k : KNOWN) {
      if (k.value.equals(value)) {
        return k;
      }
    }
    return new IncludeOption(value);
  }

  /**
   * The documented values, in the order the API lists them.
   *
   * @return an unmodifiable list
   */
  public static List<IncludeOption> knownValues() {
    return KNOWN;
  }

  /**
   * The documented wire strings.
   *
   * @return an unmodifiable list
   */
  public static List<String> knownWireValues() {
    return KNOWN.stream().map(IncludeOption::value).collect(java.util.stream.Collectors.toUnmodifiableList());
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
    return o instanceof IncludeOption && ((IncludeOption) o).value.equals(value);
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
