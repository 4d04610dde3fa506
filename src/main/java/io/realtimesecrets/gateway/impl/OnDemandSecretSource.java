package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.SecretRequest;
import io.vertx.core.Future;
import java.util.function.LongSupplier;

/**
 * The source of a per-user profile: one mint per call, with the caller's {@code OpenAI-Safety-Identifier}.
 * There is no pool because a pooled secret was minted before its user was known and cannot carry one.
 *
 * @param <R> the response type
 */
public final class OnDemandSecretSource<R extends EphemeralSecret> implements SecretSource {

  private final RealtimeSecretsClient client;
  private final SecretRequest<R> request;
  private final LongSupplier nanoClock;
  private volatile boolean started;
  private volatile boolean closed;
  private volatile MintRecorder recorder = MintRecorder.NONE;

  /**
   * Creates the source.
   *
   * @param client the client that mints (not closed by this source)
   * @param request the profile's request template
   * @param nanoClock monotonic clock for the mint latency metric
   */
  public OnDemandSecretSource(RealtimeSecretsClient client, SecretRequest<R> request, LongSupplier nanoClock) {
    this.client = client;
    this.request = request;
    this.nanoClock = nanoClock;
  }

  @Override
  public Future<Void> start() {
    started = true;
    return Future.succeededFuture();
  }

  @Override
  public boolean isReady() {
    return started && !closed;
  }

  @Override
  public boolean perUser() {
    return true;
  }

  @Override
  public Future<? extends EphemeralSecret> take(String safetyIdentifier) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("source closed"));
    }
    CallOptions.Builder call = CallOptions.builder();
    if (safetyIdentifier != null) {
      call.safetyIdentifier(safetyIdentifier);
    }
    long start = nanoClock.getAsLong();
    Future<MintResult<R>> minted = client.mint(request, call.build());
    return minted
        .onComplete(ar -> recorder.record(ar.succeeded(), nanoClock.getAsLong() - start))
        .map(MintResult::secret);
  }

  @Override
  public void bindMetrics(Object meterRegistry, String profile) {
    // a separate class, so that this one loads without Micrometer on the class path
    recorder = MicrometerMintRecorder.create(meterRegistry, profile);
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return Future.succeededFuture();
  }

}
