package io.realtimesecrets.gateway.impl;

/**
 * Why a JWT was not accepted: a fixed reason chosen by the gateway (it never quotes the token, a key or a
 * claim value), or that no keys are available to judge it at all.
 */
public final class JwtRejection extends RuntimeException {

  private final boolean keysUnavailable;

  private JwtRejection(String reason, boolean keysUnavailable) {
    super(reason, null, false, false);
    this.keysUnavailable = keysUnavailable;
  }

  /**
   * The token is not acceptable (401).
   *
   * @param reason a fixed text
   * @return the rejection
   */
  static JwtRejection invalid(String reason) {
    return new JwtRejection(reason, false);
  }

  /**
   * No verification keys could be loaded yet (503: the token may well be fine).
   *
   * @return the rejection
   */
  static JwtRejection noKeys() {
    return new JwtRejection("the token verification keys are not available", true);
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
