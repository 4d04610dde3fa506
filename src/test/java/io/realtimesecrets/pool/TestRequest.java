package io.realtimesecrets.pool;

import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.model.SecretRequest;

/** A GA-style template asking for {@code ttlSeconds} of life. */
record TestRequest(int ttlSeconds) implements SecretRequest<TestSecret> {

  @Override
  public Endpoint endpoint() {
    return Endpoint.CLIENT_SECRETS;
  }

  @Override
  public Class<TestSecret> responseType() {
    return TestSecret.class;
  }

  @Override
  public java.time.Duration secretLifetime() {
    return java.time.Duration.ofSeconds(ttlSeconds);
  }

  @Override
  public void validate() {
  }

  @Override
  public String toJson() {
    return "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":" + ttlSeconds + "},"
        + "\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}";
  }
}
