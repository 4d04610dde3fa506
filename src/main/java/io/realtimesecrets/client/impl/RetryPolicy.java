package io.realtimesecrets.client.impl;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.RealtimeSecretsException;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to retry and how long to wait: exponential backoff with full jitter (delay uniformly drawn from
 * [0, min(max, initial * 2^(retry-1))]), unless the upstream named a delay ({@code retry-after-ms} or
 * {@code Retry-After}), which is honoured as given.
 */
final class RetryPolicy {

  private final long initialDelayMillis;
  private final long maxDelayMillis;
  private final DoubleSupplier random;

  RetryPolicy(Duration initialDelay, Duration maxDelay, DoubleSupplier random) {
    this.initialDelayMillis = initialDelay.toMillis();
    this.maxDelayMillis = Math.max(initialDelay.toMillis(), maxDelay.toMillis());
    this.random = random;
  }

  /**
   * The delay before retry number {@code retry} (1 for the first retry).
   *
   * @param retry the retry number, from 1
   * @param failure the failure of the previous attempt
   * @return the delay in milliseconds
   */
  long delayMillis(int retry, RealtimeSecretsException failure) {
    // a zero or past Retry-After says nothing useful: back off with jitter rather than retry at once in lockstep
    if (failure instanceof ApiException api && api.retryAfter() != null && !api.retryAfter().isZero()
        && !api.retryAfter().isNegative()) {
      return Math.max(0, api.retryAfter().toMillis());
    }
    long cap = initialDelayMillis;
    for (int i = 1; i < retry && cap < maxDelayMillis; i++) {
      cap *= 2;
    }
    cap = Math.min(cap, maxDelayMillis);
    return (long) Math.floor(random.getAsDouble() * (cap + 1));
  }
}
