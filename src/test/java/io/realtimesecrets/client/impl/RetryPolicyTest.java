package io.realtimesecrets.client.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.UpstreamException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static UpstreamException reset() {
    return new UpstreamException(UpstreamException.Kind.CONNECTION, "reset", null, 1);
  }

  @Test
  void backoffCapDoublesPerRetryUpToTheMaximum() {
    RetryPolicy top = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(8), () -> 0.999999);
    assertEquals(500, top.delayMillis(1, reset()));
    assertEquals(1000, top.delayMillis(2, reset()));
    assertEquals(2000, top.delayMillis(3, reset()));
    assertEquals(8000, top.delayMillis(5, reset()));
    assertEquals(8000, top.delayMillis(30, reset()), "never above the cap, no overflow");
  }

  @Test
  void fullJitterDrawsFromZeroToTheCap() {
    RetryPolicy bottom = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(8), () -> 0.0);
    assertEquals(0, bottom.delayMillis(3, reset()));
    RetryPolicy middle = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(8), () -> 0.5);
    long d = middle.delayMillis(3, reset());
    assertTrue(d >= 999 && d <= 1001, "half of the 2 s cap, got " + d);
  }

  @Test
  void theUpstreamsRetryAfterWinsOverBackoff() {
    RetryPolicy p = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(8), () -> 0.0);
    ApiException limited = new ApiException(429, "requests", "rate_limit_exceeded", null, "slow down", "req_1",
        Duration.ofSeconds(20), 1);
    assertEquals(20_000, p.delayMillis(1, limited), "honoured even past the backoff cap");
  }

  @Test
  void aZeroRetryAfterFallsBackToJitteredBackoff() {
    RetryPolicy p = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(8), () -> 0.5);
    ApiException now = new ApiException(503, null, null, null, null, null, Duration.ZERO, 1);
    assertEquals(250, p.delayMillis(1, now), "not an immediate retry in lockstep with every other client");
  }
}
