package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.pool.SecretPoolException;
import java.time.Duration;

/** Reads a pool's failure for the HTTP answer. */
final class PoolFailure {

  private PoolFailure() {
  }

  static boolean isPoolFailure(Throwable t) {
    return t instanceof SecretPoolException;
  }

  /** Whether retrying cannot help (bad API key, no quota, bad template): answered 502, not 503. */
  static boolean isRejected(Throwable t) {
    return t instanceof SecretPoolException
        && ((SecretPoolException) t).reason() == SecretPoolException.Reason.UPSTREAM_REJECTED;
  }

  static Duration retryAfter(Throwable t) {
    return t instanceof SecretPoolException ? ((SecretPoolException) t).retryAfter() : null;
  }
}
