package io.realtimesecrets.client;

import io.realtimesecrets.model.EphemeralSecret;
import java.time.Instant;
import java.util.Objects;

/**
 * A minted secret together with what its HTTP exchange told.
 *
 * @param secret the decoded response
 * @param serverDate the upstream's {@code Date} header, or {@code null} when absent or unparseable; used to
 *     correct {@code expires_at} for clock skew between the upstream and this host
 * @param requestId the upstream's {@code x-request-id} header, or {@code null}
 * @param attempts how many HTTP attempts the call took, at least 1
 * @param rateLimit the rate-limit headers of the successful response
 * @param <R> the response type
 */
public record MintResult<R extends EphemeralSecret>(
    R secret, Instant serverDate, String requestId, int attempts, RateLimitInfo rateLimit) {

  /**
   * Checks the invariants.
   */
  public MintResult {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(rateLimit, "rateLimit");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts: must be at least 1");
    }
  }

  @Override
  public String toString() {
    return "MintResult{secret=" + secret.redactedSecret() + ", expiresAt=" + secret.expiresAt() + ", serverDate="
        + serverDate + ", requestId=" + requestId + ", attempts=" + attempts + '}';
  }
}
