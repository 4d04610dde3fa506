package io.realtimesecrets.redis.impl;

import io.realtimesecrets.pool.MintBudget;
import io.realtimesecrets.pool.PoolClock;
import io.realtimesecrets.redis.RedisMintBudget;
import io.realtimesecrets.redis.RedisMintBudgetOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Redis GCRA budget. State shared between threads (the fallback flag, the local copy of a pause) is
 * guarded by {@code this}; Redis calls are never made while holding it.
 */
public final class RedisMintBudgetImpl implements RedisMintBudget {

  private static final Logger LOG = System.getLogger("io.realtimesecrets.redis");

  /**
   * KEYS[1] the theoretical arrival time (TAT, microseconds of Redis's clock), KEYS[2] the pause key.
   * ARGV[1] emission interval (us), ARGV[2] burst tolerance (us), ARGV[3] pause to record (ms, 0 = take),
   * ARGV[4] how far a mint for a waiting caller may borrow ahead of the rate (us; 0 for a refill): one
   * interval, so such a mint goes before the refills, which then wait that much longer. Returns 0 when a mint is granted (and spent), else the wait in microseconds (nothing spent).
   * Numbers are written with %.0f: Lua 5.1's tostring would print 16-digit microseconds in exponent form.
   */
  static final String SCRIPT = String.join("\n",
      "if redis.replicate_commands then pcall(redis.replicate_commands) end",
      "local pause_ms = tonumber(ARGV[3])",
      "local left = redis.call('PTTL', KEYS[2])",
      "if pause_ms > 0 then",
      "  if left < pause_ms then redis.call('SET', KEYS[2], '1', 'PX', pause_ms) end",
      "  return 0",
      "end",
      "if left > 0 then return left * 1000 end",
      "local t = redis.call('TIME')",
      "local now = tonumber(t[1]) * 1000000 + tonumber(t[2])",
      "local interval = tonumber(ARGV[1])",
      "local tolerance = tonumber(ARGV[2]) + tonumber(ARGV[4] or '0')",
      "local tat = tonumber(redis.call('GET', KEYS[1]) or '0') or 0",
      "if tat < now then tat = now end",
      "local allow_at = tat - tolerance",
      "if now < allow_at then return math.ceil(allow_at - now) end",
      "local new_tat = tat + interval",
      "redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.floor((new_tat - now) / 1000) + 1000)",
      "return 0");
  static final String SCRIPT_SHA = RedisClients.sha1(SCRIPT);

  private final Vertx vertx;
  private final PoolClock clock;
  private final Redis redis;
  private final String tatKey;
  private final String pauseKey;
  private final long intervalMicros;
  private final long toleranceMicros;
  private final long timeoutMillis;
  private final long retryIntervalNanos;
  private final long maxPauseMillis;
  private final double fallbackRate;
  private final MintBudget fallback;
  private final String description;
  private final CallStats stats;
  private final LongAdder waits = new LongAdder();
  private final LongAdder pausesRecorded = new LongAdder();

  private boolean onFallback;
  private boolean closed;
  private long retryRedisAtNanos;
  private long pausedUntilNanos = Long.MIN_VALUE;

  /**
   * Creates the budget.
   *
   * @param vertx the Vert.x instance
   * @param options the options (a copy the budget owns)
   * @param clock the clock of the local pause and fallback, and of the Redis answer timeout
   */
  public RedisMintBudgetImpl(Vertx vertx, RedisMintBudgetOptions options, PoolClock clock) {
    if (!(options.getMintsPerSecond() > 0)) {
      throw new IllegalArgumentException("mintsPerSecond: must be set, above 0 (the fleet's mints per second)");
    }
    this.vertx = vertx;
    this.clock = clock;
    this.stats = new CallStats(clock::nanoTime);
    this.tatKey = "{" + options.getKey() + "}:tat";
    this.pauseKey = "{" + options.getKey() + "}:pause";
    this.intervalMicros = Math.max(1, Math.round(1e6 / options.getMintsPerSecond()));
    this.toleranceMicros = intervalMicros * (options.getBurst() - 1L);
    this.timeoutMillis = Math.max(1, options.getTimeout().toMillis());
    this.retryIntervalNanos = options.getRetryInterval().toNanos();
    this.maxPauseMillis = options.getMaxPause().toMillis();
    this.fallbackRate = options.getMintsPerSecond() / options.getExpectedReplicas();
    this.fallback = MintBudget.local(fallbackRate, clock);
    this.redis = RedisClients.create(vertx, options.getConnectionString(), options.getRedisOptions(),
        timeoutMillis);
    // load the script once, up front: it also opens the first connection (class loading, TLS, HELLO) before
    // the first acquire(), whose answer timeout a cold start would otherwise exceed; a failure here is
    // found out, and logged, by that acquire()
    redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(SCRIPT)).onFailure(e -> { });
    this.description = "RedisMintBudget(" + options.getMintsPerSecond() + "/s for the fleet, key "
        + options.getKey() + ")";
  }

  @Override
  public Future<Duration> acquire() {
    return counted(ask(false));
  }

  @Override
  public Future<Duration> acquireForWaitingCaller() {
    return counted(ask(true));
  }

  /** Counts a "wait" answer (for the metrics). */
  private Future<Duration> counted(Future<Duration> answer) {
    answer.onSuccess(wait -> {
      if (wait != null && !wait.isZero()) {
        waits.increment();
      }
    });
    return answer;
  }

  private Future<Duration> ask(boolean forWaitingCaller) {
    long now = clock.nanoTime();
    boolean askRedis;
    synchronized (this) {
      if (pausedUntilNanos != Long.MIN_VALUE && pausedUntilNanos - now > 0) {
        // this replica's own 429: no need to ask Redis to learn what it just wrote there
        return Future.succeededFuture(Duration.ofNanos(pausedUntilNanos - now));
      }
      askRedis = !closed && (!onFallback || now - retryRedisAtNanos >= 0);
      if (askRedis && onFallback) {
        // one probe per interval; the other mints keep to the fallback meanwhile
        retryRedisAtNanos = now + retryIntervalNanos;
      }
    }
    if (!askRedis) {
      return localAsk(forWaitingCaller);
    }
    Promise<Duration> answer = Promise.promise();
    long timer = clock.setTimer(timeoutMillis, () -> {
      if (!answer.future().isComplete()) {
        wentDown("no answer within " + timeoutMillis + " ms");
        localAsk(forWaitingCaller).onComplete(ar -> answer.tryComplete(ar.succeeded() ? ar.result() : Duration.ZERO));
      }
    });
    Future<Response> call;
    long sent = clock.nanoTime();
    try {
      call = run(0, forWaitingCaller ? intervalMicros : 0);
    } catch (RuntimeException e) {
      call = Future.failedFuture(e);
    }
    call.onComplete(ar -> {
      clock.cancelTimer(timer);
      if (answer.future().isComplete()) {
        return; // timed out: the fallback answered (a permit Redis granted late goes unused, erring low)
      }
      if (ar.succeeded()) {
        stats.roundTrip(clock.nanoTime() - sent);
        cameBack();
        Long micros = ar.result() == null ? null : ar.result().toLong();
        answer.tryComplete(micros == null || micros <= 0 ? Duration.ZERO : Duration.ofNanos(micros * 1000));
      } else {
        wentDown(RedisClients.describe(ar.cause()));
        localAsk(forWaitingCaller).onComplete(f -> answer.tryComplete(f.succeeded() ? f.result() : Duration.ZERO));
      }
    });
    return answer.future();
  }

  @Override
  public void rateLimited(Duration retryAfter) {
    if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
      return; // no Retry-After: the pool's own backoff is enough; a guess would stop the whole fleet
    }
    long pauseMillis = Math.max(1, Math.min(maxPauseMillis, retryAfter.toMillis()));
    long now = clock.nanoTime();
    boolean tell;
    synchronized (this) {
      long until = now + pauseMillis * 1_000_000L;
      if (pausedUntilNanos == Long.MIN_VALUE || until - pausedUntilNanos > 0) {
        pausedUntilNanos = until;
      }
      tell = !closed && !onFallback;
    }
    if (tell) {
      pausesRecorded.increment();
      try {
        run(pauseMillis, 0).onFailure(e -> wentDown(RedisClients.describe(e)));
      } catch (RuntimeException e) {
        wentDown(RedisClients.describe(e));
      }
    }
  }

  @Override
  public synchronized boolean isFallback() {
    return onFallback || closed;
  }

  @Override
  public long waits() {
    return waits.sum();
  }

  @Override
  public long pausesRecorded() {
    return pausesRecorded.sum();
  }

  @Override
  public long roundTrips() {
    return stats.roundTrips();
  }

  @Override
  public Duration roundTripTime() {
    return stats.roundTripTime();
  }

  @Override
  public Duration fallbackTime() {
    return stats.fallbackTime();
  }

  @Override
  public Future<Void> close() {
    synchronized (this) {
      if (closed) {
        return Future.succeededFuture();
      }
      closed = true;
    }
    return RedisClients.close(redis);
  }

  private Future<Response> run(long pauseMillis, long borrowMicros) {
    return RedisClients.runScript(redis, SCRIPT, SCRIPT_SHA, r -> args(r, pauseMillis, borrowMicros));
  }

  private Request args(Request r, long pauseMillis, long borrowMicros) {
    return r.arg(2L).arg(tatKey).arg(pauseKey).arg(intervalMicros).arg(toleranceMicros).arg(pauseMillis)
        .arg(borrowMicros);
  }

  private Future<Duration> localAsk(boolean forWaitingCaller) {
    return forWaitingCaller ? fallback.acquireForWaitingCaller() : fallback.acquire();
  }

  private void wentDown(String why) {
    synchronized (this) {
      if (onFallback || closed) {
        return;
      }
      onFallback = true;
      stats.down();
      retryRedisAtNanos = clock.nanoTime() + retryIntervalNanos;
    }
    // once per outage; the cause names host and port at most, never the connection string's password
    LOG.log(Level.WARNING, "Redis mint budget unreachable (" + why + "): pacing this replica alone at "
        + fallbackRate + " mints/s until Redis answers again");
  }

  private void cameBack() {
    synchronized (this) {
      if (!onFallback) {
        return;
      }
      onFallback = false;
      stats.up();
    }
    LOG.log(Level.INFO, "Redis mint budget reachable again: the fleet's shared budget paces mints");
  }

  @Override
  public String toString() {
    return description;
  }
}
