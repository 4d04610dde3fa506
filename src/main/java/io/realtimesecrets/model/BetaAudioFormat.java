package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * An audio format string of the beta endpoints: {@code pcm16}, {@code g711_ulaw} or {@code g711_alaw}.
 *
 * <p>An open set: the constants are the values the API documents, and {@link #of(String)} accepts any
 * other string so that a value the server adds later survives parsing and re-encoding unchanged.
 * Request validation accepts only {@link #isKnown() known} values. Immutable.
 */
public final class BetaAudioFormat {

  /** 16-bit PCM, 24 kHz, mono, little-endian (the default). */
  public static final BetaAudioFormat PCM16 = new BetaAudioFormat("pcm16");

  /** G.711 mu-law. */
  public static final BetaAudioFormat G711_ULAW = new BetaAudioFormat("g711_ulaw");

  /** G.711 A-law. */
  public static final BetaAudioFormat G711_ALAW = new BetaAudioFormat("g711_alaw");

  private static final List<BetaAudioFormat> KNOWN = List.of(PCM16, G711_ULAW, G711_ALAW);

  private final String value;

  private BetaAudioFormat(String value) {
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
  public static BetaAudioFormat of(String value) {
    Objects.requireNonNull(value, "value");
    for (BetaAudioFormat k : KNOWN) {
      if (k.value.equals(value)) {
        return k;
      }
    }
    return new BetaAudioFormat(value);
  }

  /**
   * The documented values, in the order the API lists them.
   *
   * @return an unmodifiable list
   */
  public static List<BetaAudioFormat> knownValues() {
    return KNOWN;
  }

  /**
   * The documented wire strings.
   *
   * @return an unmodifiable list
   */
  public static List<String> knownWireValues() {
    return KNOWN.stream().map(BetaAudioFormat::value).collect(java.util.stream.Collectors.toUnmodifiableList());
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
    return o instanceof BetaAudioFormat && ((BetaAudioFormat) o).value.equals(value);
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
