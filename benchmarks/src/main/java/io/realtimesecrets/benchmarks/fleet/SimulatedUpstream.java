package io.realtimesecrets.benchmarks.fleet;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RateLimitInfo;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.ModelJson;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.pool.VirtualPoolClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * One organisation's upstream, shared by every replica of the simulated fleet, on the virtual clock: each mint
 * answers after a latency drawn uniformly from [min, max], and the organisation's limit is a token bucket of
 * {@code limitPerSecond} mints per second holding at most one second's worth (a burst of
 * {@code limitPerSecond}). A mint sent when the bucket is empty costs nothing and gets 429 with a whole-second
 * {@code Retry-After} (as OpenAI sends it); a granted one carries the {@code x-ratelimit-*-requests} values.
 * Not thread safe: everything runs on the one context that drives the clock.
 */
final class SimulatedUpstream implements RealtimeSecretsClient {

  private final VirtualPoolClock clock;
  private final Random random;
  private final double limitPerSecond;
  private final long minLatencyMillis;
  private final long maxLatencyMillis;
  private final long ttlSeconds;
  private double tokens;
  private long refilledAtNanos;
  private long sequence;

  /** Mint calls received. */
  long calls;
  /** Mint calls refused with 429. */
  long rateLimited;

  SimulatedUpstream(VirtualPoolClock clock, long seed, double limitPerSecond, long minLatencyMillis,
      long maxLatencyMillis, long ttlSeconds) {
    this.clock = clock;
    this.random = new Random(seed);
    this.limitPerSecond = limitPerSecond;
    this.minLatencyMillis = minLatencyMillis;
    this.maxLatencyMillis = maxLatencyMillis;
    this.ttlSeconds = ttlSeconds;
    this.tokens = limitPerSecond;
    this.refilledAtNanos = clock.nanoTime();
  }

  @Override
  public <R extends EphemeralSecret> Future<MintResult<R>> mint(SecretRequest<R> request, CallOptions callOptions) {
    calls++;
    long now = clock.nanoTime();
    tokens = Math.min(limitPerSecond, tokens + (now - refilledAtNanos) / 1e9 * limitPerSecond);
    refilledAtNanos = now;
    long latency = minLatencyMillis + (long) (random.nextDouble() * (maxLatencyMillis - minLatencyMillis + 1));
    Promise<MintResult<R>> promise = Promise.promise();
    if (tokens < 1) {
      rateLimited++;
      long waitSeconds = Math.max(1, (long) Math.ceil((1 - tokens) / limitPerSecond));
      ApiException refused = new ApiException(429, "rate_limit_error", "rate_limit_exceeded", null,
          "simulated organisation limit", "req_sim", Duration.ofSeconds(waitSeconds), 1);
      clock.setTimer(latency, () -> promise.fail(refused));
      return promise.future();
    }
    tokens -= 1;
    long id = ++sequence;
    Duration toFull = Duration.ofMillis((long) ((limitPerSecond - tokens) / limitPerSecond * 1000));
    RateLimitInfo headers = new RateLimitInfo((long) limitPerSecond, (long) Math.floor(tokens), toFull,
        clock.trueNow());
    clock.setTimer(latency, () -> {
      Instant created = clock.trueNow();
      String json = "{\"value\":\"ek_sim_" + id + "\",\"expires_at\":" + (created.getEpochSecond() + ttlSeconds)
          + ",\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}";
      R secret = ModelJson.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), request.responseType());
      promise.complete(new MintResult<>(secret, Instant.ofEpochSecond(created.getEpochSecond()), "req_sim_" + id, 1,
          headers));
    });
    return promise.future();
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
