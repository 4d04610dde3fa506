package io.realtimesecrets.gateway;

/**
 * A gateway configuration (a profiles file or {@link GatewayOptions}) is unusable. Thrown at start, before
 * anything listens, so a typo never becomes a running gateway that serves the wrong session.
 *
 * <p>The message names the file (when there is one), the profile (when the error is inside one) and the
 * field as a JSON path, for example
 * {@code gateway.json: profile 'voice': field 'request.session.model': is required}.
 */
public final class GatewayConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final String profile;
  private final String field;
  private final String rule;

  /**
   * Creates the exception.
   *
   * @param file the configuration file as given by the user, or {@code null} when none
   * @param profile the profile the error is in, or {@code null} when it is outside any profile
   * @param field the offending field as a JSON path relative to the profile (or to the file's root when
   *     {@code profile} is {@code null}), or {@code null} for the file as a whole
   * @param rule what is wrong, phrased to follow the field name (e.g. {@code is required})
   */
  public GatewayConfigException(String file, String profile, String field, String rule) {
    super(message(file, profile, field, rule));
    this.file = file;
    this.profile = profile;
    this.field = field;
    this.rule = rule;
  }

  private static String message(String file, String profile, String field, String rule) {
    StringBuilder sb = new StringBuilder();
    sb.append(file == null ? "gateway options" : file).append(": ");
    if (profile != null) {
      sb.append("profile '").append(profile).append("': ");
    }
    if (field != null) {
      sb.append("field '").append(field).append("': ");
    }
    return sb.append(rule).toString();
  }

  /**
   * The configuration file as the user named it.
   *
   * @return the file, or {@code null} when the options were built in code
   */
  public String file() {
    return file;
  }

  /**
   * The profile the error is in.
   *
   * @return the profile name, or {@code null} when the error is outside any profile
   */
  public String profile() {
    return profile;
  }

  /**
   * The offending field as a JSON path (relative to the profile when {@link #profile()} is set).
   *
   * @return the field, or {@code null} when the error concerns the whole file
   */
  public String field() {
    return field;
  }

  /**
   * What is wrong with the field.
   *
   * @return the rule, e.g. {@code is required}
   */
  public String rule() {
    return rule;
  }
}
