package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * The {@code type} of a GA audio format object ({@code audio/pcm}, {@code audio/pcmu}, {@code audio/pcma}).
 *
 * <p>An open set: the constants are the values the API documents, and {@link #of(String)} accepts any
 * other string so that a value the server adds later survives parsing and re-encoding unchanged.
 * Request validation accepts only {@link #isKnown() known} values. Immutable.
 */
public final class AudioFormatType {

  /** 16-bit PCM; only a 24 kHz rate is supported. */
  public static final AudioFormatType PCM = new AudioFormatType("audio/pcm");

  /** G.711 mu-law. */
  public static final AudioFormatType PCMU = new AudioFormatType("audio/pcmu");

  /** G.711 A-law. */
  public static final AudioFormatType PCMA = new AudioFormatType("audio/pcma");

  private static final List<AudioFormatType> KNOWN = List.of(PCM, PCMU, PCMA);

  private final String value;

  private AudioFormatType(String value) {
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
  public static AudioFormatType of(String value) {
    Objects.requireNonNull(value, "value");
    for (AudioFormatType k : KNOWN) {
      if (k.value.equals(value)) {
        return k;
      }
    }
    return new AudioFormatType(value);
  }

  /**
   * The documented values, in the order the API lists them.
   *
   * @return an unmodifiable list
   */
  public static List<AudioFormatType> knownValues() {
    return KNOWN;
  }

  /**
   * The documented wire strings.
   *
   * @return an unmodifiable list
   */
  public static List<String> knownWireValues() {
    return KNOWN.stream().map(AudioFormatType::value).collect(java.util.stream.Collectors.toUnmodifiableList());
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
    return o instanceof AudioFormatType && ((AudioFormatType) o).value.equals(value);
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
