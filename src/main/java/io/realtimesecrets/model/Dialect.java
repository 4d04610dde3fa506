package io.realtimesecrets.model;

/** Which endpoint's rules a shared part is validated under (the same JSON part differs by endpoint). */
enum Dialect {
  /** {@code /realtime/client_secrets}. */
  GA,
  /** {@code /realtime/translations/client_secrets}. */
  TRANSLATION,
  /** {@code /realtime/sessions}. */
  BETA_REALTIME,
  /** {@code /realtime/transcription_sessions}. */
  BETA_TRANSCRIPTION;

  boolean beta() {
    return this == BETA_REALTIME || this == BETA_TRANSCRIPTION;
  }
}
