package io.realtimesecrets.model;

/**
 * The four REST operations that mint a Realtime ephemeral secret.
 */
public enum Endpoint {
  /** {@code POST /realtime/client_secrets} (GA): realtime or transcription sessions, TTL 10 s to 2 h. */
  CLIENT_SECRETS("client_secrets", "/realtime/client_secrets"),
  /** {@code POST /realtime/translations/client_secrets} (GA): translation sessions. */
  TRANSLATIONS("translations", "/realtime/translations/client_secrets"),
  /** {@code POST /realtime/sessions} (beta, legacy): secret lives one minute. */
  SESSIONS("sessions", "/realtime/sessions"),
  /** {@code POST /realtime/transcription_sessions} (beta, legacy): secret lives one minute. */
  TRANSCRIPTION_SESSIONS("transcription_sessions", "/realtime/transcription_sessions");

  private final String cliName;
  private final String path;

  Endpoint(String cliName, String path) {
    this.cliName = cliName;
    this.path = path;
  }

  /**
   * The short name used on the command line and in gateway profiles ({@code client_secrets},
   * {@code translations}, {@code sessions}, {@code transcription_sessions}).
   *
   * @return the short name
   */
  public String cliName() {
    return cliName;
  }

  /**
   * The path relative to the API base URL (which ends in {@code /v1}), starting with {@code /}.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Looks an endpoint up by its short name.
   *
   * @param name one of {@code client_secrets}, {@code translations}, {@code sessions},
   *     {@code transcription_sessions}
   * @return the endpoint
   * @throws IllegalArgumentException naming the allowed values when {@code name} is none of them
   */
  public static Endpoint fromCliName(String name) {
    for (Endpoint e : values()) {
      if (e.cliName.equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown endpoint '" + name
        + "': expected one of client_secrets, translations, sessions, transcription_sessions");
  }
}
