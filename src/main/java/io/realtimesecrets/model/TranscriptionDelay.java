package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * Transcription latency/accuracy trade-off ({@code audio.input.transcription.delay}), only for {@code gpt-realtime-whisper}.
 *
 * <p>An open set: the constants are the values the API documents, and {@link #of(String)} accepts any
 * other string so that a value the server adds later survives parsing and re-encoding unchanged.
 * Request validation accepts only {@link #isKnown() known} values. Immutable.
 */
public final class TranscriptionDelay {

  /** Minimal delay. */
  public static final TranscriptionDelay MINIMAL = new TranscriptionDelay("minimal");

  /** Low delay. */
  public static final TranscriptionDelay LOW = new TranscriptionDelay("low");

  /** Medium delay. */
  public static final TranscriptionDelay MEDIUM = new TranscriptionDelay("medium");

  /** High delay. */
  public static final TranscriptionDelay HIGH = new TranscriptionDelay("high");

  /** Extra-high delay. */
  public static final TranscriptionDelay XHIGH = new TranscriptionDelay("xhigh");

  private static final List<TranscriptionDelay> KNOWN = List.of(MINIMAL, LOW, MEDIUM, HIGH, XHIGH);

  private final String value;

  private TranscriptionDelay(String value) {
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
  public static TranscriptionDelay of(String value) {
    Objects.requireNonNull(value, "value");
    for (TranscriptionDelay k : KNOWN) {
      if (k.value.equals(value)) {
        return k;
      }
    }
    return new TranscriptionDelay(value);
  }

  /**
   * The documented values, in the order the API lists them.
   *
   * @return an unmodifiable list
   */
  public static List<TranscriptionDelay> knownValues() {
    return KNOWN;
  }

  /**
   * The documented wire strings.
   *
   * @return an unmodifiable list
   */
  public static List<String> knownWireValues() {
    return KNOWN.stream().map(TranscriptionDelay::value).collect(java.util.stream.Collectors.toUnmodifiableList());
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
    return o instanceof TranscriptionDelay && ((TranscriptionDelay) o).value.equals(value);
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
