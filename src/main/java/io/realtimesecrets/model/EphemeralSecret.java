package io.realtimesecrets.model;

import java.time.Instant;

/**
 * What every mint response has in common: one ephemeral client secret ({@code ek_...}) and the instant the
 * server says it expires.
 *
 * <p>The four response types ({@link ClientSecret}, {@link TranslationClientSecret}, {@link RealtimeSession},
 * {@link TranscriptionSession}) implement it, so the pool and the gateway can treat them alike.
 * Implementations never print the secret in {@code toString()}.
 */
public interface EphemeralSecret {

  /**
   * The secret itself, to hand to exactly one front-end. Never log it; use {@link #redactedSecret()} for
   * diagnostics.
   *
   * @return the full {@code ek_...} value
   */
  String secretValue();

  /**
   * The expiry the server stated ({@code expires_at}, Unix seconds), as an instant on the server's clock.
   *
   * @return the server-side expiry instant
   */
  Instant expiresAt();

  /**
   * The upstream's JSON for this response: the exact text received when it was decoded from an answer
   * (otherwise encoded by the library's mapper with every field kept), so a gateway passes it on unchanged.
   *
   * @return the JSON text
   */
  String toJson();

  /**
   * A form of the secret safe for logs: its first eight characters and an ellipsis ({@code ek_68af…}).
   *
   * @return the redacted secret
   */
  default String redactedSecret() {
    return Redaction.redact(secretValue());
  }
}
