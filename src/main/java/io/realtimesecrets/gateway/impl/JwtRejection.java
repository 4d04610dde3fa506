package io.realtimesecrets.gateway.impl;

/**
 * Why a JWT was not accepted: a fixed reason chosen by the gateway (it never quotes the token, a key or a
 * claim value), or that no keys are available to judge it at all.
 */
public final class JwtRejection extends RuntimeException {

  private final boolean keysUnavailable;
  private final java.time.Duration retryAfter;

  private JwtRejection(String reason, boolean keysUnavailable, java.time.Duration retryAfter) {
    super(reason, null, false, false);
    this.keysUnavailable = keysUnavailable;
    this.retryAfter = retryAfter;
  }

  /**
   * The token is not acceptable (401).
   *
   * @param reason a fixed text
   * @return the rejection
   */
  static JwtRejection invalid(String reason) {
    return new JwtRejection(reason, false, null);
  }

  /**
   * No verification keys could be loaded yet (503: the token may well be fine).
   *
   * @param retryAfter when the keys will next be fetched
   * @return the rejection
   */
  static JwtRejection noKeys(java.time.Duration retryAfter) {
    return new JwtRejection("the token verification keys are not available", true, retryAfter);
  }

  /**
   * When to try again, for a rejection because no keys were available.
   *
   * @return the delay until the next fetch, or {@code null}
   */
  public java.time.Duration retryAfter() {
    return retryAfter;
  }

  /**
   * Whether the cause is on the gateway's side (no keys), not the token's.
   *
   * @return true when no keys were available
   */
  public boolean isKeysUnavailable() {
    return keysUnavailable;
  }
}
