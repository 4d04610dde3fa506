package io.realtimesecrets.pool.impl;

import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.UpstreamException;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.pool.PoolClock;
import io.realtimesecrets.pool.SecretPool;

/**
 * When a minted secret must be treated as dead, on the pool's monotonic clock, from the upstream's
 * {@code expires_at} and {@code Date}, the requested life and the local wall clock; and the clock skew seen
 * on the way. Rejects absurd answers as invalid. Owned by the pool's event loop; {@link #skewMillis()} is
 * read by {@code stats()} on any thread.
 */
final class ExpiryEstimator {

  private static final System.Logger LOG = System.getLogger(SecretPool.class.getName());

  /** {@code expires_at} and {@code Date} have one-second resolution. */
  static final long ROUNDING_NANOS = 1_000_000_000L;
  static final long SKEW_WARN_MILLIS = 5_000;
  /**
   * An {@code expires_at} further than this beyond the upstream's clock is absurd (the API grants at most
   * two hours): the answer is invalid, not a secret to keep forever.
   */
  static final long MAX_PLAUSIBLE_LIFE_MILLIS = 24L * 3600 * 1000;

  private final PoolClock clock;
  private final long requestedLifeNanos;
  private boolean skewWarned;
  private volatile long skewMillis;

  /**
   * @param clock the pool's clock
   * @param requestedLifeNanos the life the request asks for, or -1 when unknown
   */
  ExpiryEstimator(PoolClock clock, long requestedLifeNanos) {
    this.clock = clock;
    this.requestedLifeNanos = requestedLifeNanos;
  }

  /** The upstream's {@code Date} minus the local wall clock at the last answer that had one. */
  long skewMillis() {
    return skewMillis;
  }

  /**
   * The conservative local deadline of a secret (see the README): the earliest of the server-relative life
   * ({@code expires_at - Date}, from our send time), the requested life (from our send time), and, only
   * without a {@code Date}, the wall-clock estimate. One second is taken off each for rounding.
   */
  long deadline(long sentNanos, long now, MintResult<?> result) {
    long expiresAtMillis;
    try {
      expiresAtMillis = result.secret().expiresAt().toEpochMilli();
    } catch (ArithmeticException e) {
      throw invalid("expires_at out of range");
    }
    long wallNow = clock.currentTimeMillis();
    long reference = result.serverDate() != null ? result.serverDate().toEpochMilli() : wallNow;
    if (expiresAtMillis - reference > MAX_PLAUSIBLE_LIFE_MILLIS) {
      throw invalid("expires_at more than 24 h ahead of the upstream's clock");
    }
    long best = Long.MAX_VALUE;
    if (result.serverDate() != null) {
      long serverDate = result.serverDate().toEpochMilli();
      best = SaturatingMath.add(sentNanos,
          SaturatingMath.multiply(expiresAtMillis - serverDate, 1_000_000L) - ROUNDING_NANOS);
      long skew = serverDate - wallNow;
      skewMillis = skew;
      if (Math.abs(skew) > SKEW_WARN_MILLIS && !skewWarned) {
        skewWarned = true;
        LOG.log(System.Logger.Level.WARNING, "clock skew of {0} ms between the upstream''s Date header and this "
            + "host; the pool measures secret life from the upstream''s clock, so secrets stay safe", skew);
      }
    }
    if (requestedLifeNanos > 0) {
      best = Math.min(best, sentNanos + requestedLifeNanos - ROUNDING_NANOS);
    }
    if (result.serverDate() == null) {
      best = Math.min(best, SaturatingMath.add(now,
          SaturatingMath.multiply(expiresAtMillis - wallNow, 1_000_000L) - ROUNDING_NANOS));
    }
    return best;
  }

  /**
   * The conservative local deadline of a secret that another process minted (from a shared stock): its
   * {@code expires_at} on the upstream's clock as last seen (the local wall clock plus the skew), less one
   * second for rounding.
   */
  long deadlineOfForeign(EphemeralSecret secret, long now) {
    long expiresAtMillis = secret.expiresAt().toEpochMilli();
    long upstreamNow = clock.currentTimeMillis() + skewMillis;
    return SaturatingMath.add(now, SaturatingMath.multiply(expiresAtMillis - upstreamNow, 1_000_000L) - ROUNDING_NANOS);
  }

  private static UpstreamException invalid(String why) {
    return new UpstreamException(UpstreamException.Kind.INVALID_RESPONSE, "invalid answer: " + why, null, 1);
  }
}
