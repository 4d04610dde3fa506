package io.realtimesecrets.model;

/**
 * The one rule for showing secrets in diagnostics: at most a short prefix, never the whole value.
 */
public final class Redaction {

  /** How many leading characters of a secret may appear in logs and messages: {@value}. */
  public static final int VISIBLE_PREFIX = 8;

  private Redaction() {
  }

  /**
   * Redacts a secret or API key for diagnostics.
   *
   * @param secret a secret value, may be {@code null}
   * @return {@code "null"}, {@code "…"} for values too short to show any part of, or the first
   *     {@value #VISIBLE_PREFIX} characters followed by {@code …}
   */
  public static String redact(String secret) {
    if (secret == null) {
      return "null";
    }
    if (secret.length() <= VISIBLE_PREFIX * 2) {
      return "…";
    }
    return secret.substring(0, VISIBLE_PREFIX) + "…";
  }
}
