package io.realtimesecrets.pool;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RateLimitInfo;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.UpstreamException;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.SecretRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A {@link RealtimeSecretsClient} with no HTTP: each mint completes after a latency on the given clock, as a
 * server with its own (possibly skewed) clock would answer, or fails as scripted.
 */
final class FakeUpstream implements RealtimeSecretsClient {

  private final PoolClock clock;
  private final Random random = new Random(42);
  /** Life granted per secret. */
  volatile int ttlSeconds;
  /** Round trip of each mint. */
  volatile Supplier<Duration> latency = () -> Duration.ofMillis(300);
  /** The server's clock minus true time. */
  volatile Duration serverClockOffset = Duration.ZERO;
  /** Whether answers carry a Date header. */
  volatile boolean sendDate = true;
  /** Returns a failure for the next call, or null to succeed. */
  volatile Supplier<Throwable> failure = () -> null;
  /** When true, calls never complete. */
  volatile boolean hang;
  /** Subtracted from the life of each secret (to simulate dead-on-arrival answers). */
  volatile Duration lifeShortfall = Duration.ZERO;

  final List<Long> attemptMillis = new ArrayList<>();
  int inFlight;
  int maxInFlightSeen;
  long counter;
  long minted;

  FakeUpstream(PoolClock clock, int ttlSeconds) {
    this.clock = clock;
    this.ttlSeconds = ttlSeconds;
  }

  /** True time in millis: the virtual clock's wall time without the local offset. */
  private long trueNowMillis() {
    return clock instanceof VirtualPoolClock v ? v.trueNow().toEpochMilli() : System.currentTimeMillis();
  }

  long serverNowMillis() {
    return trueNowMillis() + serverClockOffset.toMillis();
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <R extends EphemeralSecret> Future<MintResult<R>> mint(SecretRequest<R> request,
      CallOptions callOptions) {
    if (callOptions.maxRetries() == null || callOptions.maxRetries() != 0) {
      throw new AssertionError("the pool must disable client retries, got " + callOptions);
    }
    attemptMillis.add(clock.nanoTime() / 1_000_000L);
    inFlight++;
    maxInFlightSeen = Math.max(maxInFlightSeen, inFlight);
    Promise<MintResult<R>> promise = Promise.promise();
    if (hang) {
      return promise.future();
    }
    Throwable fail = failure.get();
    long rtt = latency.get().toMillis();
    long id = ++counter;
    // the server creates the secret half-way through the round trip
    long createdServerMillis = serverNowMillis() + rtt / 2;
    clock.setTimer(rtt, () -> {
      synchronized (this) {
        inFlight--;
      }
      if (fail != null) {
        promise.fail(fail);
        return;
      }
      synchronized (this) {
        minted++;
      }
      long createdSec = Math.floorDiv(createdServerMillis, 1000);
      Instant expires = Instant.ofEpochSecond(createdSec + ttlSeconds).minus(lifeShortfall);
      Instant date = Instant.ofEpochSecond(Math.floorDiv(serverNowMillis(), 1000));
      TestSecret s = new TestSecret("ek_test_" + id + "_" + Long.toHexString(random.nextLong()), expires);
      promise.complete(new MintResult<>((R) s, sendDate ? date : null, "req_" + id, 1, RateLimitInfo.UNKNOWN));
    });
    return promise.future();
  }

  static ApiException http(int status, String code, Duration retryAfter) {
    return new ApiException(status, status == 429 ? "rate_limit_error" : "error", code, null, "scripted",
        "req_x", retryAfter, 1);
  }

  static UpstreamException connectionRefused() {
    return new UpstreamException(UpstreamException.Kind.CONNECTION, "connection refused", null, 1);
  }

  synchronized long attemptsBetween(long fromMillis, long toMillis) {
    return attemptMillis.stream().filter(t -> t >= fromMillis && t < toMillis).count();
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
