package io.realtimesecrets.model;

import java.time.Instant;

/** STUB (to be replaced by the model work): response of {@link Endpoint#TRANSLATIONS}. */
public final class TranslationClientSecret implements EphemeralSecret {
  @Override public String secretValue() { return ""; }
  @Override public Instant expiresAt() { return Instant.EPOCH; }
  @Override public String toJson() { return "{}"; }
}
