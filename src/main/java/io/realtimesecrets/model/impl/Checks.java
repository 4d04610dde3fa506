package io.realtimesecrets.model.impl;

import io.realtimesecrets.model.RequestValidationException;
import java.math.BigDecimal;
import java.util.Collection;

/**
 * The validation rules shared by the request types. Each check throws a
 * {@link RequestValidationException} naming the JSON path and the rule; values are never echoed (a
 * field could hold a secret).
 */
public final class Checks {

  private Checks() {
  }

  /**
   * Joins a JSON path and a field name.
   *
   * @param parent the parent path, empty for the document
   * @param field the field name
   * @return {@code parent.field}, or {@code field} at the top
   */
  public static String path(String parent, String field) {
    return parent == null || parent.isEmpty() ? field : parent + "." + field;
  }

  /**
   * Fails with the given rule.
   *
   * @param path JSON path
   * @param rule the rule
   * @return never returns; declared for {@code throw fail(...)} readability
   */
  public static RequestValidationException fail(String path, String rule) {
    return new RequestValidationException(path, rule);
  }

  /**
   * Requires a value.
   *
   * @param path JSON path
   * @param value the value
   */
  public static void required(String path, Object value) {
    if (value == null) {
      throw fail(path, "is required");
    }
  }

  /**
   * A string, when present, must have a non-whitespace character.
   *
   * @param path JSON path
   * @param value the value, may be null
   */
  public static void notBlank(String path, String value) {
    if (value != null && value.isBlank()) {
      throw fail(path, "must not be empty or blank");
    }
  }

  /**
   * A number, when present, must be within a closed range.
   *
   * @param path JSON path
   * @param value the value, may be null
   * @param min lowest allowed
   * @param max highest allowed
   */
  public static void between(String path, Number value, double min, double max) {
    if (value == null) {
      return;
    }
    double v = value.doubleValue();
    if (Double.isNaN(v) || v < min || v > max) {
      throw fail(path, "must be between " + plain(min) + " and " + plain(max));
    }
  }

  /**
   * A number, when present, must not be below a minimum.
   *
   * @param path JSON path
   * @param value the value, may be null
   * @param min lowest allowed
   */
  public static void atLeast(String path, Number value, long min) {
    if (value != null && value.doubleValue() < min) {
      throw fail(path, "must be at least " + min);
    }
  }

  /**
   * A string, when present, must be one of the allowed values.
   *
   * @param path JSON path
   * @param value the value, may be null
   * @param allowed the allowed values
   */
  public static void oneOf(String path, String value, Collection<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw fail(path, "must be one of " + String.join(", ", allowed));
    }
  }

  private static String plain(double d) {
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }
}
