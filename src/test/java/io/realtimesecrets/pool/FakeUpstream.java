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
  /** When set, replaces the {@code expires_at} of each secret (absurd values). */
  volatile Instant expiresAtOverride;
  /**
   * An organisation rate limit of this many mints per one-second window (0: none): beyond it a mint gets
   * 429 with {@code Retry-After} (whole seconds, as OpenAI sends it); every success carries the
   * {@code x-ratelimit-*-requests} values.
   */
  volatile int mintsPerSecondLimit;
  long rateLimited;
  private long windowStartMillis = Long.MIN_VALUE;
  private int windowCount;
  /** Mint calls made on a thread that is not an event loop (the pool must only call from its own loop). */
  final java.util.concurrent.atomic.AtomicInteger mintsOffEventLoop = new java.util.concurrent.atomic.AtomicInteger();

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
    if (!io.vertx.core.Context.isOnEventLoopThread()) {
      mintsOffEventLoop.incrementAndGet();
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
    RateLimitInfo limits = RateLimitInfo.UNKNOWN;
    if (mintsPerSecondLimit > 0 && fail == null) {
      // the server counts the request when it arrives, half-way through the round trip
      long arrival = serverNowMillis() + rtt / 2;
      long window = Math.floorDiv(arrival, 1000) * 1000;
      if (window != windowStartMillis) {
        windowStartMillis = window;
        windowCount = 0;
      }
      long resetMillis = window + 1000 - arrival;
      if (windowCount >= mintsPerSecondLimit) {
        rateLimited++;
        fail = http(429, "rate_limit_exceeded", Duration.ofSeconds(Math.max(1, (resetMillis + 999) / 1000)));
      } else {
        windowCount++;
        limits = new RateLimitInfo(mintsPerSecondLimit, mintsPerSecondLimit - windowCount,
            Duration.ofMillis(resetMillis), Instant.ofEpochMilli(arrival));
      }
    }
    RateLimitInfo headers = limits;
    Throwable failed = fail;
    long id = ++counter;
    // the server creates the secret half-way through the round trip
    long createdServerMillis = serverNowMillis() + rtt / 2;
    clock.setTimer(rtt, () -> {
      synchronized (this) {
        inFlight--;
      }
      if (failed != null) {
        promise.fail(failed);
        return;
      }
      synchronized (this) {
        minted++;
      }
      long createdSec = Math.floorDiv(createdServerMillis, 1000);
      Instant override = expiresAtOverride;
      Instant expires = override != null ? override
          : Instant.ofEpochSecond(createdSec + ttlSeconds).minus(lifeShortfall);
      Instant date = Instant.ofEpochSecond(Math.floorDiv(serverNowMillis(), 1000));
      TestSecret s = new TestSecret("ek_test_" + id + "_" + Long.toHexString(random.nextLong()), expires);
      promise.complete(new MintResult<>((R) s, sendDate ? date : null, "req_" + id, 1, headers));
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
