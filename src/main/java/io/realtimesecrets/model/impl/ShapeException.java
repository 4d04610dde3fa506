package io.realtimesecrets.model.impl;

/**
 * A JSON value has the wrong shape for a model type (for example {@code "lots"} where an integer or
 * {@code "inf"} belongs). The message is a rule written by this library and never contains the input.
 */
public final class ShapeException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param rule the rule the value breaks, e.g. {@code must be an integer or "inf"}
   */
  public ShapeException(String rule) {
    super(rule);
  }
}
