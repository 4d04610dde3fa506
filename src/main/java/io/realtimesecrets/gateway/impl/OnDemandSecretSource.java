package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.GatewayProfile;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.pool.SecretPoolException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The source of a per-user profile: one mint per call, with the caller's {@code OpenAI-Safety-Identifier}.
 * There is no pool because a pooled secret was minted before its user was known and cannot carry one.
 *
 * <p>Each mint is bounded the way the caller is: it gets the gateway's own deadline ({@code tokenTimeout})
 * instead of the client's 60 s, at most one retry, and it is cancelled once the caller's request has ended
 * (answered, timed out, or the caller hung up), so nothing mints for nobody. At most
 * {@link GatewayProfile#maxConcurrentMints()} mints of the profile, and at most the gateway's
 * {@link OnDemandBudget} of per-user mints overall, are in flight at once; a caller beyond either is refused
 * at once with a {@link SecretPoolException} ({@code WAITERS_FULL}, answered 503 with {@code Retry-After})
 * rather than queued for a connection the pools need.
 *
 * @param <R> the response type
 */
public final class OnDemandSecretSource<R extends EphemeralSecret> implements SecretSource {

  /** Retries of an on-demand mint: at most one, since a caller is waiting on it. */
  public static final int MAX_RETRIES = 1;

  private final RealtimeSecretsClient client;
  private final SecretRequest<R> request;
  private final Duration deadline;
  private final int maxRetries;
  private final int maxConcurrentMints;
  private final OnDemandBudget budget;
  private final Duration retryAfter;
  private final LongSupplier nanoClock;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean started;
  private volatile boolean closed;
  private volatile MintRecorder recorder = MintRecorder.NONE;

  /**
   * Creates a source with the gateway defaults ({@link GatewayOptions#DEFAULT_TOKEN_TIMEOUT},
   * {@link GatewayProfile#DEFAULT_MAX_CONCURRENT_MINTS}, no shared budget).
   *
   * @param client the client that mints (not closed by this source)
   * @param request the profile's request template
   * @param nanoClock monotonic clock for the mint latency metric
   */
  public OnDemandSecretSource(RealtimeSecretsClient client, SecretRequest<R> request, LongSupplier nanoClock) {
    this(client, request, GatewayOptions.DEFAULT_TOKEN_TIMEOUT, MAX_RETRIES,
        GatewayProfile.DEFAULT_MAX_CONCURRENT_MINTS, OnDemandBudget.UNLIMITED, GatewayOptions.DEFAULT_RETRY_AFTER,
        nanoClock);
  }

  /**
   * Creates the source.
   *
   * @param client the client that mints (not closed by this source)
   * @param request the profile's request template
   * @param deadline each mint's overall deadline, retries included: the gateway's {@code tokenTimeout}
   * @param maxRetries retries per mint, at most {@link #MAX_RETRIES} is used
   * @param maxConcurrentMints mints of this profile in flight at once, 1 or more
   * @param budget the gateway's shared budget of per-user mints
   * @param retryAfter the {@code Retry-After} of a caller refused for being over a bound
   * @param nanoClock monotonic clock for the mint latency metric
   */
  public OnDemandSecretSource(RealtimeSecretsClient client, SecretRequest<R> request, Duration deadline,
      int maxRetries, int maxConcurrentMints, OnDemandBudget budget, Duration retryAfter, LongSupplier nanoClock) {
    if (maxConcurrentMints < 1) {
      throw new IllegalArgumentException("maxConcurrentMints: must be 1 or more");
    }
    this.client = client;
    this.request = request;
    this.deadline = deadline;
    this.maxRetries = Math.max(0, Math.min(MAX_RETRIES, maxRetries));
    this.maxConcurrentMints = maxConcurrentMints;
    this.budget = budget;
    this.retryAfter = retryAfter;
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
    return take(safetyIdentifier, null);
  }

  @Override
  public Future<? extends EphemeralSecret> take(String safetyIdentifier, Future<?> callerGone) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("source closed"));
    }
    if (inFlight.incrementAndGet() > maxConcurrentMints) {
      inFlight.decrementAndGet();
      return busy("this per-user profile already has " + maxConcurrentMints + " mints in flight (maxConcurrentMints)");
    }
    if (!budget.tryAcquire()) {
      inFlight.decrementAndGet();
      return busy("per-user mints already hold their share of the client's connections (" + budget.limit() + ")");
    }
    CallOptions.Builder call = CallOptions.builder().timeout(deadline).maxRetries(maxRetries);
    if (safetyIdentifier != null) {
      call.safetyIdentifier(safetyIdentifier);
    }
    if (callerGone != null) {
      call.cancelWhen(callerGone);
    }
    long start = nanoClock.getAsLong();
    Future<MintResult<R>> minted;
    try {
      minted = client.mint(request, call.build());
    } catch (RuntimeException e) {
      minted = Future.failedFuture(e);
    }
    return minted
        .onComplete(ar -> {
          inFlight.decrementAndGet();
          budget.release();
          recorder.record(ar.succeeded(), nanoClock.getAsLong() - start);
        })
        .map(MintResult::secret);
  }

  private Future<R> busy(String why) {
    return Future.failedFuture(new SecretPoolException(SecretPoolException.Reason.WAITERS_FULL,
        "no secret: " + why, retryAfter, null));
  }

  /**
   * Mints of this profile in flight now.
   *
   * @return the count
   */
  public int inFlight() {
    return inFlight.get();
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
