package io.realtimesecrets.pool;

import io.realtimesecrets.model.EphemeralSecret;
import java.time.Instant;

/** A minimal response type, so pool tests do not depend on the model's internals. */
record TestSecret(String secretValue, Instant expiresAt) implements EphemeralSecret {

  @Override
  public String toJson() {
    return "{\"value\":\"" + secretValue + "\",\"expires_at\":" + expiresAt.getEpochSecond() + "}";
  }

  @Override
  public String toString() {
    return "TestSecret{" + redactedSecret() + '}';
  }
}
