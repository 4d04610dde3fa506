package io.realtimesecrets.client.impl;

import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RateLimitInfo;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.SecretRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** STUB: being written. */
public final class RealtimeSecretsClientImpl implements RealtimeSecretsClient {
  public RealtimeSecretsClientImpl(Vertx vertx, RealtimeSecretsClientOptions options) {
  }

  @Override
  public <R extends EphemeralSecret> Future<MintResult<R>> mint(SecretRequest<R> request, CallOptions callOptions) {
    return Future.failedFuture(new UnsupportedOperationException("stub"));
  }

  @Override
  public RateLimitInfo lastRateLimit() {
    return RateLimitInfo.UNKNOWN;
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
