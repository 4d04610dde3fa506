package io.realtimesecrets.pool.impl;

import io.realtimesecrets.model.EphemeralSecret;
import java.util.Comparator;

/**
 * One secret in stock with its deadlines on the pool's monotonic clock. Immutable.
 *
 * @param secret the response, handed out untouched
 * @param seq mint order, breaks ties between equal deadlines
 * @param retireAtNanos the last instant it may be handed out (conservative deadline minus the floor)
 * @param replaceBaseNanos {@code retireAtNanos} minus this secret's random replacement jitter; its
 *     replacement is due at this instant minus the mint lead time
 * @param <R> the response type
 */
record StockedSecret<R extends EphemeralSecret>(R secret, long seq, long retireAtNanos, long replaceBaseNanos) {

  /** Oldest first: the secret that must go first is the one that retires first. */
  static final Comparator<StockedSecret<?>> OLDEST_FIRST = (a, b) -> {
    int c = Long.compare(a.retireAtNanos, b.retireAtNanos);
    return c != 0 ? c : Long.compare(a.seq, b.seq);
  };

  @Override
  public String toString() {
    // the record's default toString would print the response, whose own toString is redacted, but be explicit
    return "StockedSecret{seq=" + seq + ", secret=" + secret.redactedSecret() + '}';
  }
}
