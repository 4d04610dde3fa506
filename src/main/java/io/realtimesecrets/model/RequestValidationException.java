package io.realtimesecrets.model;

/**
 * A request broke a documented rule; thrown (or used to fail a {@code Future}) before any network call.
 *
 * <p>The message always names the field, as a JSON path such as {@code session.audio.output.speed}, and
 * the rule, such as {@code must be between 0.25 and 1.5}.
 */
public final class RequestValidationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String rule;

  /**
   * Creates the exception.
   *
   * @param field the JSON path of the offending field
   * @param rule the rule it breaks, phrased to follow the field name
   */
  public RequestValidationException(String field, String rule) {
    super(field + ": " + rule);
    this.field = field;
    this.rule = rule;
  }

  /**
   * The offending field as a JSON path.
   *
   * @return e.g. {@code session.audio.output.speed}
   */
  public String field() {
    return field;
  }

  /**
   * The rule the field breaks.
   *
   * @return e.g. {@code must be between 0.25 and 1.5}
   */
  public String rule() {
    return rule;
  }
}
