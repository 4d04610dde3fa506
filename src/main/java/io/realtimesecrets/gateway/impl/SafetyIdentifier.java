package io.realtimesecrets.gateway.impl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Turns a caller identity (user id, e-mail, subject claim) into the value sent as
 * {@code OpenAI-Safety-Identifier}: the lowercase hex SHA-256 of its UTF-8 bytes. OpenAI asks for a stable
 * id per end user that does not reveal who the user is; a hash is stable and reveals nothing directly.
 */
public final class SafetyIdentifier {

  private SafetyIdentifier() {
  }

  /**
   * Hashes an identity.
   *
   * @param identity the caller identity, not {@code null}
   * @return 64 lowercase hex characters
   */
  public static String of(String identity) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(64);
      for (byte b : digest) {
        sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
