package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.realtimesecrets.model.impl.Checks;
import io.realtimesecrets.model.impl.ShapeException;
import java.util.OptionalLong;

/**
 * An output token cap ({@code max_output_tokens} in GA, {@code max_response_output_tokens} on the beta
 * endpoint): a positive integer or {@code "inf"} (the default, meaning the model's maximum). Encodes back
 * to exactly the JSON it was read from. Immutable.
 */
public final class TokenLimit {

  /** The API's documented maximum for an integer cap: {@value}. */
  public static final long MAX_TOKENS = 4096;

  /** {@code "inf"}: no cap below the model's own maximum. */
  public static final TokenLimit INF = new TokenLimit(-1, true);

  private final long tokens;
  private final boolean inf;

  private TokenLimit(long tokens, boolean inf) {
    this.tokens = tokens;
    this.inf = inf;
  }

  /**
   * An integer cap. Any value is representable (so responses round-trip); requests are checked against
   * 1..{@value #MAX_TOKENS} by {@code validate()}.
   *
   * @param tokens the cap
   * @return the limit
   */
  public static TokenLimit of(long tokens) {
    return new TokenLimit(tokens, false);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static TokenLimit fromJson(JsonNode node) {
    if (node.isTextual() && node.asText().equals("inf")) {
      return INF;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return of(node.asLong());
    }
    throw new ShapeException("must be an integer or \"inf\"");
  }

  /**
   * Whether this is {@code "inf"}.
   *
   * @return true for {@link #INF}
   */
  public boolean isInf() {
    return inf;
  }

  /**
   * The integer cap.
   *
   * @return the cap, or empty for {@code "inf"}
   */
  public OptionalLong tokens() {
    return inf ? OptionalLong.empty() : OptionalLong.of(tokens);
  }

  @JsonValue
  Object json() {
    return inf ? "inf" : (Object) tokens;
  }

  void validate(String path) {
    if (!inf && (tokens < 1 || tokens > MAX_TOKENS)) {
      throw Checks.fail(path, "must be between 1 and " + MAX_TOKENS + " or \"inf\"");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenLimit && ((TokenLimit) o).inf == inf && ((TokenLimit) o).tokens == tokens;
  }

  @Override
  public int hashCode() {
    return inf ? -1 : Long.hashCode(tokens);
  }

  @Override
  public String toString() {
    return inf ? "inf" : Long.toString(tokens);
  }
}
