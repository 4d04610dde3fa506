package io.realtimesecrets.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A field of a request body that no model type of this library knows at that place, usually a typo
 * ({@code session.instrutions}) or a field newer than this library. Found by
 * {@link SecretRequests#unknownFields(SecretRequest)}. Immutable.
 */
public final class UnknownField {

  private final String path;
  private final String suggestion;

  /**
   * Creates the value.
   *
   * @param path the JSON path of the field, e.g. {@code session.instrutions} or {@code tools[0].nmae}
   * @param suggestion the known field at the same place whose name is closest, or {@code null} when none
   *     is close
   */
  public UnknownField(String path, String suggestion) {
    this.path = Objects.requireNonNull(path, "path");
    this.suggestion = suggestion;
  }

  /**
   * The JSON path of the field.
   *
   * @return e.g. {@code session.instrutions}
   */
  public String path() {
    return path;
  }

  /**
   * The known field the name most likely meant (small edit distance, or the same letters in another case
   * or separator style, as {@code maxOutputTokens} for {@code max_output_tokens}).
   *
   * @return the name, or empty when no known field is close
   */
  public Optional<String> suggestion() {
    return Optional.ofNullable(suggestion);
  }

  /**
   * The rule, phrased to follow the path: {@code unknown field (did you mean 'instructions'?)}.
   *
   * @return the rule text
   */
  public String rule() {
    return suggestion == null ? "unknown field" : "unknown field (did you mean '" + suggestion + "'?)";
  }

  /**
   * This problem as the exception the parse and validate paths throw.
   *
   * @return a {@link RequestValidationException} with {@link #path()} as field and {@link #rule()}
   */
  public RequestValidationException toException() {
    return new RequestValidationException(path, rule());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnknownField && ((UnknownField) o).path.equals(path)
        && Objects.equals(((UnknownField) o).suggestion, suggestion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, suggestion);
  }

  /** {@code session.instrutions: unknown field (did you mean 'instructions'?)}. */
  @Override
  public String toString() {
    return path + ": " + rule();
  }
}
