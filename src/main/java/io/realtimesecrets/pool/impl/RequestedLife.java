package io.realtimesecrets.pool.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimesecrets.model.SecretRequest;
import java.time.Duration;

/**
 * The life a template asks the upstream for, read from the request's JSON (the public contract of every
 * request type) rather than from model internals.
 */
final class RequestedLife {

  // the pool's own mapper: only reads a tree, never binds our models
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** GA default of {@code expires_after.seconds}. */
  static final Duration GA_DEFAULT = Duration.ofSeconds(600);
  /** Beta endpoints: "all tokens expire after one minute". */
  static final Duration BETA = Duration.ofSeconds(60);

  private RequestedLife() {
  }

  /**
   * @return the requested life, or {@code null} when the request cannot tell
   */
  static Duration of(SecretRequest<?> request) {
    switch (request.endpoint()) {
      case SESSIONS, TRANSCRIPTION_SESSIONS -> {
        return BETA;
      }
      default -> {
        try {
          JsonNode seconds = MAPPER.readTree(request.toJson()).path("expires_after").path("seconds");
          if (seconds.isMissingNode() || seconds.isNull()) {
            return GA_DEFAULT;
          }
          return seconds.canConvertToLong() && seconds.asLong() > 0 ? Duration.ofSeconds(seconds.asLong()) : null;
        } catch (Exception e) {
          // a request that cannot encode itself will fail at mint time with a clear error; here: unknown
          return null;
        }
      }
    }
  }
}
