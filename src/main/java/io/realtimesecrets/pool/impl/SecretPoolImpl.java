package io.realtimesecrets.pool.impl;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.UpstreamException;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.RequestValidationException;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.pool.PoolClock;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolException;
import io.realtimesecrets.pool.SecretPoolException.Reason;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.realtimesecrets.pool.SecretPoolStats;
import io.realtimesecrets.pool.SecretPoolStats.CircuitState;
import io.realtimesecrets.pool.SecretPoolStats.DiscardReason;
import io.realtimesecrets.pool.SecretPoolStats.UpstreamErrorKind;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool: a lock-free stock for the hit path, and a control plane (refill, retirement, waiters, backoff,
 * circuit) confined to one Vert.x context.
 *
 * <p>Rules that keep it correct under concurrency:
 * <ul>
 *   <li>A secret is claimed by whoever removes it from {@link #stock} ({@code pollFirst}/{@code remove} succeed
 *   for exactly one thread), so each goes to exactly one caller.</li>
 *   <li>Only the control plane adds to stock, and only when no caller waits, so a waiter is never stranded
 *   beside a secret; a miss re-polls the stock on the control plane before it waits.</li>
 *   <li>A waiter leaves the queue on the control plane exactly once: served, timed out or failed. Its future
 *   is completed afterwards (state first, callbacks second).</li>
 * </ul>
 *
 * @param <R> the response type
 */
public final class SecretPoolImpl<R extends EphemeralSecret> implements SecretPool<R> {

  private static final System.Logger LOG = System.getLogger(SecretPool.class.getName());

  /** Floor on every scheduled delay: a broken upstream or a tiny TTL can never make the pool spin. */
  static final long MIN_DELAY_NANOS = 50_000_000L;
  /** Floor on every retry delay. */
  static final long MIN_RETRY_DELAY_NANOS = 250_000_000L;
  /** {@code expires_at} and {@code Date} have one-second resolution. */
  static final long ROUNDING_NANOS = 1_000_000_000L;
  /** A secret with less usable window than this on arrival is dead on arrival. */
  static final long MIN_USABLE_WINDOW_NANOS = 1_000_000_000L;
  /** Reaction slack added to the lead time of the stock target. */
  static final long REACTION_SLACK_NANOS = 250_000_000L;
  static final double AIMD_DECREASE = 0.7;
  static final long SKEW_WARN_MILLIS = 5_000;

  private enum State { NEW, RUNNING, CLOSED }

  private static final class Waiter<R> {
    final Promise<R> promise;
    final Context context;
    final long takenNanos;
    final long deadlineNanos;

    Waiter(Promise<R> promise, Context context, long takenNanos, long deadlineNanos) {
      this.promise = promise;
      this.context = context;
      this.takenNanos = takenNanos;
      this.deadlineNanos = deadlineNanos;
    }
  }

  private static final class MintCall {
    final long sentNanos;
    final boolean probe;
    boolean done;
    boolean abandoned;

    MintCall(long sentNanos, boolean probe) {
      this.sentNanos = sentNanos;
      this.probe = probe;
    }
  }

  // ---- configuration (immutable)
  private final Vertx vertx;
  private final Context context;
  private final RealtimeSecretsClient client;
  private final SecretRequest<R> request;
  private final SecretPoolOptions options;
  private final PoolClock clock;
  private final CallOptions callOptions;
  private final long requestedLifeNanos; // -1 when unknown
  private final long configuredFloorNanos;
  private final boolean floorExplicit;
  private final long acquireTimeoutNanos;
  private final long mintTimeoutNanos;
  private final long tickNanos;
  private final long tickMillis;
  private final long idleSleepNanos;
  private final int minIdle;
  private final int maxIdle;
  private final int maxInFlight;

  // ---- shared with the hit path (thread safe)
  private final ConcurrentSkipListSet<StockedSecret<R>> stock =
      new ConcurrentSkipListSet<>(StockedSecret.OLDEST_FIRST);
  private final AtomicInteger stockSize = new AtomicInteger();
  private final AtomicBoolean refillQueued = new AtomicBoolean();
  private final LongAdder demandCounter = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder waited = new LongAdder();
  private final LongAdder timedOut = new LongAdder();
  private final LongAdder expiredUnused = new LongAdder();
  private final LongAdder minted = new LongAdder();
  private final LongAdder mintAttempts = new LongAdder();
  private final AtomicLongArray rejected = new AtomicLongArray(Reason.values().length);
  private final AtomicLongArray discarded = new AtomicLongArray(DiscardReason.values().length);
  private final AtomicLongArray upstreamErrors = new AtomicLongArray(UpstreamErrorKind.values().length);
  private final LongAccumulator minRemainingAtHandOut = new LongAccumulator(Math::min, Long.MAX_VALUE);
  private volatile State state = State.NEW;
  // set by close() on the caller's thread, before the pool context drains: a take() after close() returned
  // must fail, not hit stock that is about to be dropped
  private volatile boolean closeRequested;
  private volatile boolean ready;
  private volatile long floorNanos;
  private volatile int targetView;
  private volatile int inFlightView;
  private volatile int limitView;
  private volatile int waiterCountView;
  private volatile double demandView;
  private volatile long latencyP99View;
  private volatile CircuitState circuit = CircuitState.CLOSED;
  private volatile long skewMillis;
  private volatile PoolEvents events = PoolEvents.NONE;

  // ---- control plane (confined to the pool's context)
  private final ArrayDeque<Waiter<R>> waiters = new ArrayDeque<>();
  private final ArrayDeque<MintCall> calls = new ArrayDeque<>();
  private final DemandEstimator demand;
  private final LatencyWindow latency;
  private boolean floorLearned;
  private int inFlight;
  private double limit;
  private int target;
  private long seq;
  private long successesSinceStart;
  private long lastTickNanos;
  private long lastDemandNanos;
  private long startedNanos;
  private long lastWindowNanos = -1;
  private int consecutiveFailures;
  private long nextAttemptNanos;
  private long pauseUntilNanos;
  private long nextProbeNanos;
  private Throwable fatalCause;
  private Throwable lastFailure;
  private boolean skewWarned;
  private boolean inRefill;
  private boolean refillAgain;
  private long tickTimer = -1;
  private long waiterTimer = -1;
  private long waiterTimerDue;
  private long closeTimer = -1;
  private Promise<Void> startPromise;
  private Context startContext;
  private Promise<Void> closePromise;

  public SecretPoolImpl(Vertx vertx, RealtimeSecretsClient client, SecretRequest<R> request,
      SecretPoolOptions options, PoolClock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.client = Objects.requireNonNull(client, "client");
    this.request = Objects.requireNonNull(request, "request");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    options.validate();
    request.validate();
    Duration life = options.getSecretTtl() != null ? options.getSecretTtl() : request.secretLifetime();
    this.requestedLifeNanos = life == null ? -1 : life.toNanos();
    this.floorExplicit = options.getMinRemainingLife() != null;
    Duration floor = floorExplicit ? options.getMinRemainingLife() : SecretPoolOptions.DEFAULT_MIN_REMAINING_LIFE;
    if (life != null) {
      if (floorExplicit) {
        SecretPoolOptions.checkFloor(floor, life);
      } else if (floor.multipliedBy(2).compareTo(life) > 0) {
        floor = life.dividedBy(2);
        SecretPoolOptions.checkFloor(floor, life);
      }
      floorLearned = true;
    }
    this.configuredFloorNanos = floor.toNanos();
    this.floorNanos = configuredFloorNanos;
    this.acquireTimeoutNanos = options.getAcquireTimeout().toNanos();
    this.mintTimeoutNanos = options.getMintTimeout().toNanos();
    this.tickNanos = options.getTick().toNanos();
    this.tickMillis = options.getTick().toMillis();
    this.idleSleepNanos = options.getIdleSleepAfter().toNanos();
    this.minIdle = options.getMinIdle();
    this.maxIdle = options.getMaxIdle();
    this.maxInFlight = options.getMaxInFlight();
    this.limit = options.getInitialInFlight();
    this.limitView = options.getInitialInFlight();
    this.targetView = minIdle;
    this.target = minIdle;
    // one retry layer: the pool sees and paces every upstream call, so no SDK retries x pool retries
    this.callOptions = CallOptions.builder().maxRetries(0).timeout(options.getMintTimeout()).build();
    this.demand = new DemandEstimator(options.getDemandTauFast().toNanos() / 1e9,
        options.getDemandTauSlow().toNanos() / 1e9);
    this.latency = new LatencyWindow(mintTimeoutNanos / 10);
    this.latencyP99View = 0;

    Context current = Vertx.currentContext();
    this.context = current != null && current.isEventLoopContext() ? current : vertx.getOrCreateContext();
  }

  // =====================================================================================================
  // public face

  @Override
  public Future<Void> start() {
    Promise<Void> p = Promise.promise();
    Context caller = Vertx.currentContext();
    runOnPool(() -> {
      startInternal();
      if (startPromise == null) { // closed before start
        deliverFailure(p, caller, closedException());
        return;
      }
      startPromise.future().onComplete(ar -> {
        if (ar.succeeded()) {
          deliver(p, caller, null);
        } else {
          deliverFailure(p, caller, ar.cause());
        }
      });
    });
    return p.future();
  }

  @Override
  public Future<R> take() {
    demandCounter.increment();
    State st = state;
    long now = clock.nanoTime();
    if (st == State.CLOSED || closeRequested) {
      return Future.failedFuture(reject(Reason.CLOSED, now, now, closedException()));
    }
    StockedSecret<R> s = pollValid(now);
    if (s != null) {
      hits.increment();
      handOut(s, now);
      events.takeCompleted("hit", 0);
      if (stockSize.get() + inFlightView < targetView) {
        requestRefill();
      }
      return Future.succeededFuture(s.secret());
    }
    Promise<R> promise = Promise.promise();
    Context caller = Vertx.currentContext();
    runOnPool(() -> slowTake(promise, caller, now));
    return promise.future();
  }

  @Override
  public boolean isReady() {
    return ready && state == State.RUNNING;
  }

  @Override
  public SecretPoolStats stats() {
    Map<Reason, Long> rej = new EnumMap<>(Reason.class);
    for (Reason r : Reason.values()) {
      rej.put(r, rejected.get(r.ordinal()));
    }
    Map<DiscardReason, Long> dis = new EnumMap<>(DiscardReason.class);
    for (DiscardReason r : DiscardReason.values()) {
      dis.put(r, discarded.get(r.ordinal()));
    }
    Map<UpstreamErrorKind, Long> err = new EnumMap<>(UpstreamErrorKind.class);
    for (UpstreamErrorKind k : UpstreamErrorKind.values()) {
      err.put(k, upstreamErrors.get(k.ordinal()));
    }
    long minLife = minRemainingAtHandOut.get();
    return new SecretPoolStats(hits.sum(), waited.sum(), timedOut.sum(), rej, minted.sum(), expiredUnused.sum(),
        dis, stockSize.get(), targetView, waiterCountView, inFlightView, limitView, mintAttempts.sum(), err,
        demandView, Duration.ofNanos(latencyP99View),
        minLife == Long.MAX_VALUE ? null : Duration.ofNanos(minLife), Duration.ofNanos(floorNanos), circuit,
        Duration.ofMillis(skewMillis));
  }

  @Override
  public Future<Void> close() {
    closeRequested = true;
    Promise<Void> p = Promise.promise();
    Context caller = Vertx.currentContext();
    runOnPool(() -> {
      closeInternal();
      closePromise.future().onComplete(ar -> deliver(p, caller, null));
    });
    return p.future();
  }

  /**
   * Adds a listener for events (used by the Micrometer binding).
   *
   * @param listener the listener
   */
  public synchronized void addEvents(PoolEvents listener) {
    PoolEvents current = events;
    events = current == PoolEvents.NONE ? listener : new CompositeEvents(current, listener);
  }

  /**
   * Removes a listener added with {@link #addEvents(PoolEvents)}.
   *
   * @param listener the listener
   */
  public synchronized void removeEvents(PoolEvents listener) {
    events = CompositeEvents.without(events, listener);
  }

  @Override
  public String toString() {
    return "SecretPool{endpoint=" + request.endpoint() + ", state=" + state + ", stock=" + stockSize.get()
        + ", waiters=" + waiterCountView + ", circuit=" + circuit + '}';
  }

  // =====================================================================================================
  // hit path helpers (any thread)

  private StockedSecret<R> pollValid(long now) {
    for (;;) {
      StockedSecret<R> s = stock.pollFirst();
      if (s == null) {
        return null;
      }
      stockSize.decrementAndGet();
      if (now < s.retireAtNanos()) {
        return s;
      }
      // the floor is enforced here, whatever the timers did (lazy retirement)
      expiredUnused.increment();
    }
  }

  private void handOut(StockedSecret<R> s, long now) {
    long remaining = s.retireAtNanos() - now + floorNanos;
    minRemainingAtHandOut.accumulate(remaining);
    events.handedOut(remaining);
  }

  private void requestRefill() {
    if (onPoolContext()) {
      refill();
    } else if (refillQueued.compareAndSet(false, true)) {
      context.runOnContext(v -> {
        refillQueued.set(false);
        refill();
      });
    }
  }

  private boolean onPoolContext() {
    // the context itself, not its thread: a verticle sharing the event loop must not adopt the pool's timers
    return Vertx.currentContext() == context;
  }

  private void runOnPool(Runnable task) {
    if (onPoolContext()) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  private <T> void deliver(Promise<T> p, Context caller, T value) {
    if (caller == null || caller == Vertx.currentContext()) {
      p.complete(value);
    } else {
      caller.runOnContext(v -> p.complete(value));
    }
  }

  private <T> void deliverFailure(Promise<T> p, Context caller, Throwable failure) {
    if (caller == null || caller == Vertx.currentContext()) {
      p.fail(failure);
    } else {
      caller.runOnContext(v -> p.fail(failure));
    }
  }

  private SecretPoolException reject(Reason reason, long takenNanos, long now, SecretPoolException e) {
    rejected.incrementAndGet(reason.ordinal());
    events.takeCompleted(reason.name().toLowerCase(java.util.Locale.ROOT), now - takenNanos);
    return e;
  }

  // =====================================================================================================
  // control plane

  private void startInternal() {
    if (state != State.NEW) {
      return;
    }
    state = State.RUNNING;
    long now = clock.nanoTime();
    startedNanos = now;
    lastTickNanos = now;
    lastDemandNanos = now;
    startPromise = Promise.promise();
    if (minIdle == 0) {
      markReady();
    }
    scheduleTick();
    refill();
  }

  private void markReady() {
    if (!ready) {
      ready = true;
      if (startPromise != null) {
        startPromise.tryComplete();
      }
    }
  }

  private void slowTake(Promise<R> promise, Context caller, long takenNanos) {
    if (state == State.NEW) {
      startInternal();
    }
    long now = clock.nanoTime();
    if (state == State.CLOSED) {
      deliverFailure(promise, caller, reject(Reason.CLOSED, takenNanos, now, closedException()));
      return;
    }
    lastDemandNanos = now;
    StockedSecret<R> s = pollValid(now);
    if (s != null) {
      hits.increment();
      handOut(s, now);
      events.takeCompleted("hit", now - takenNanos);
      deliver(promise, caller, s.secret());
      refill();
      return;
    }
    if (circuit != CircuitState.CLOSED) {
      deliverFailure(promise, caller, circuitRejection(takenNanos, now));
      return;
    }
    if (pauseUntilNanos - now > acquireTimeoutNanos) {
      deliverFailure(promise, caller, reject(Reason.CIRCUIT_OPEN, takenNanos, now, new SecretPoolException(
          Reason.CIRCUIT_OPEN, "no secret in stock and the upstream asked to pause minting for "
          + millis(pauseUntilNanos - now) + " ms, longer than acquireTimeout", retryAfter(pauseUntilNanos - now),
          lastFailure)));
      return;
    }
    if (waiters.size() >= options.getMaxWaiters()) {
      long hint = Math.max(latency.p99(), ROUNDING_NANOS);
      deliverFailure(promise, caller, reject(Reason.WAITERS_FULL, takenNanos, now, new SecretPoolException(
          Reason.WAITERS_FULL, "no secret in stock and " + waiters.size() + " callers already waiting (maxWaiters "
          + options.getMaxWaiters() + ")", retryAfter(hint), null)));
      refill();
      return;
    }
    waiters.addLast(new Waiter<>(promise, caller, takenNanos, now + acquireTimeoutNanos));
    waiterCountView = waiters.size();
    armWaiterTimer();
    refill();
  }

  private SecretPoolException circuitRejection(long takenNanos, long now) {
    long wait = Math.max(nextProbeNanos - now, 0);
    if (fatalCause != null) {
      return reject(Reason.UPSTREAM_REJECTED, takenNanos, now, new SecretPoolException(Reason.UPSTREAM_REJECTED,
          "no secret in stock: the upstream refused minting and retrying cannot help (" + fatalCause.getMessage()
          + "); next probe in " + millis(wait) + " ms", retryAfter(wait), fatalCause));
    }
    return reject(Reason.CIRCUIT_OPEN, takenNanos, now, new SecretPoolException(Reason.CIRCUIT_OPEN,
        "no secret in stock and the upstream is failing (circuit " + circuit.name().toLowerCase(java.util.Locale.ROOT)
        + " after " + consecutiveFailures + " consecutive failures); next attempt in " + millis(wait) + " ms",
        retryAfter(wait), lastFailure));
  }

  private void refill() {
    if (inRefill) {
      refillAgain = true;
      return;
    }
    inRefill = true;
    try {
      do {
        refillAgain = false;
        refillOnce();
      } while (refillAgain);
    } finally {
      inRefill = false;
    }
  }

  private void refillOnce() {
    if (state != State.RUNNING) {
      return;
    }
    long now = clock.nanoTime();
    retireExpired(now);
    if (circuit == CircuitState.OPEN) {
      if (now >= nextProbeNanos && inFlight == 0) {
        circuit = CircuitState.HALF_OPEN;
        launchMint(now, true);
      }
      return;
    }
    if (circuit == CircuitState.HALF_OPEN || now < pauseUntilNanos || now < nextAttemptNanos) {
      return;
    }
    int waiting = waiters.size();
    int want = currentTarget(now) + waiting - effectiveStock(now) - inFlight;
    int room = (int) limit - inFlight;
    if (!ready) {
      room = Math.min(room, options.getPrewarmConcurrency() - inFlight);
    }
    room = Math.min(room, maxIdle + waiting - stockSize.get() - inFlight);
    int n = Math.min(want, room);
    for (int i = 0; i < n && state == State.RUNNING && circuit == CircuitState.CLOSED; i++) {
      launchMint(now, false);
    }
  }

  private int currentTarget(long now) {
    if (idleSleepNanos > 0 && now - lastDemandNanos > idleSleepNanos) {
      return 0; // asleep: the next take wakes the pool
    }
    return ready ? target : Math.max(target, minIdle);
  }

  /** Stock that still covers demand: secrets whose (jittered) replacement is not due yet. */
  private int effectiveStock(long now) {
    int count = stockSize.get();
    long lead = latency.p99() + tickNanos;
    long horizon = now + lead + maxJitterNanos();
    for (StockedSecret<R> s : stock) {
      if (s.retireAtNanos() > horizon) {
        break; // ordered by retirement: nothing further is due for replacement
      }
      if (s.replaceBaseNanos() - lead <= now) {
        count--;
      }
    }
    return Math.max(0, count);
  }

  private long maxJitterNanos() {
    long cap = options.getMaxReplacementJitter().toNanos();
    return lastWindowNanos > 0 ? Math.min(cap, lastWindowNanos / 5) : cap;
  }

  private void retireExpired(long now) {
    for (;;) {
      StockedSecret<R> head = firstOrNull();
      if (head == null || head.retireAtNanos() > now) {
        return;
      }
      if (stock.remove(head)) {
        stockSize.decrementAndGet();
        expiredUnused.increment();
      }
    }
  }

  private StockedSecret<R> firstOrNull() {
    try {
      return stock.first();
    } catch (NoSuchElementException e) {
      return null;
    }
  }

  private void launchMint(long now, boolean probe) {
    inFlight++;
    inFlightView = inFlight;
    mintAttempts.increment();
    MintCall call = new MintCall(now, probe);
    calls.addLast(call);
    Future<MintResult<R>> f;
    try {
      f = client.mint(request, callOptions);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> runOnPool(() -> mintDone(call, ar)));
  }

  private void mintDone(MintCall call, AsyncResult<MintResult<R>> ar) {
    long now = clock.nanoTime();
    if (!call.abandoned) {
      call.done = true;
      inFlight--;
      inFlightView = inFlight;
    }
    while (!calls.isEmpty() && (calls.peekFirst().done || calls.peekFirst().abandoned)) {
      calls.pollFirst();
    }
    long rtt = now - call.sentNanos;
    events.mintCompleted(ar.succeeded(), rtt);
    if (ar.succeeded()) {
      latency.record(rtt);
      mintSucceeded(call, ar.result(), now);
    } else if (!call.abandoned) {
      mintFailed(call, ar.cause(), now);
    }
    if (state == State.CLOSED) {
      maybeFinishClose();
      return;
    }
    refill();
  }

  private void mintSucceeded(MintCall call, MintResult<R> result, long now) {
    minted.increment();
    R secret = result.secret();
    long deadline = deadline(call.sentNanos, now, result);
    if (!floorLearned) {
      learnFloor(deadline - call.sentNanos);
    }
    long retireAt = deadline - floorNanos;
    long window = retireAt - now;
    if (state == State.CLOSED) {
      discarded.incrementAndGet(DiscardReason.CLOSED.ordinal());
      return;
    }
    if (window < MIN_USABLE_WINDOW_NANOS) {
      discarded.incrementAndGet(DiscardReason.DEAD_ON_ARRIVAL.ordinal());
      upstreamErrors.incrementAndGet(UpstreamErrorKind.SHORT_LIVED.ordinal());
      if (!call.abandoned) {
        transientFailure(call, now, null, new IllegalStateException("the upstream returned a secret with "
            + millis(deadline - now) + " ms of life left, under the floor of " + millis(floorNanos) + " ms"));
      }
      return;
    }
    lastWindowNanos = window;
    succeeded();
    long jitterCap = Math.min(options.getMaxReplacementJitter().toNanos(), window / 5);
    long jitter = jitterCap <= 0 ? 0 : (long) (clock.nextJitter() * (jitterCap + 1));
    StockedSecret<R> s = new StockedSecret<>(secret, seq++, retireAt, retireAt - jitter);
    Waiter<R> w = nextLiveWaiter(now);
    if (w != null) {
      waited.increment();
      handOut(s, now);
      events.takeCompleted("waited", now - w.takenNanos);
      deliver(w.promise, w.context, secret);
    } else {
      // count first: a hit on another thread may poll it the moment it is added, and the gauge must not dip below 0
      stockSize.incrementAndGet();
      stock.add(s);
    }
    successesSinceStart++;
    // warm once minIdle secrets arrived, even if demand took them at once (stock may never fill under load)
    if (!ready && (stockSize.get() >= minIdle || successesSinceStart >= minIdle)) {
      markReady();
    }
  }

  /**
   * The conservative local deadline of a secret (see the README): the earliest of the server-relative life
   * ({@code expires_at - Date}, from our send time), the requested life (from our send time), and, only
   * without a {@code Date}, the wall-clock estimate. One second is taken off each for rounding.
   */
  private long deadline(long sentNanos, long now, MintResult<R> result) {
    long expiresAtMillis = result.secret().expiresAt().toEpochMilli();
    long wallNow = clock.currentTimeMillis();
    long best = Long.MAX_VALUE;
    if (result.serverDate() != null) {
      long serverDate = result.serverDate().toEpochMilli();
      best = sentNanos + (expiresAtMillis - serverDate) * 1_000_000L - ROUNDING_NANOS;
      long skew = serverDate - wallNow;
      skewMillis = skew;
      if (Math.abs(skew) > SKEW_WARN_MILLIS && !skewWarned) {
        skewWarned = true;
        LOG.log(System.Logger.Level.WARNING, "clock skew of {0} ms between the upstream''s Date header and this "
            + "host; the pool measures secret life from the upstream''s clock, so secrets stay safe", skew);
      }
    }
    if (requestedLifeNanos > 0) {
      best = Math.min(best, sentNanos + requestedLifeNanos - ROUNDING_NANOS);
    }
    if (result.serverDate() == null) {
      best = Math.min(best, now + (expiresAtMillis - wallNow) * 1_000_000L - ROUNDING_NANOS);
    }
    return best;
  }

  private void learnFloor(long lifeNanos) {
    floorLearned = true;
    if (lifeNanos > 0 && configuredFloorNanos * 2 > lifeNanos) {
      floorNanos = lifeNanos / 2;
      LOG.log(floorExplicit ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
          "secrets live {0} ms: minRemainingLife lowered to half of that, {1} ms", millis(lifeNanos),
          millis(floorNanos));
    }
  }

  private void succeeded() {
    if (circuit != CircuitState.CLOSED) {
      LOG.log(System.Logger.Level.INFO, "upstream recovered after {0} failures; minting resumes",
          consecutiveFailures);
      circuit = CircuitState.CLOSED;
      fatalCause = null;
    } else if (inFlight + 1 >= limit / 2) {
      // additive increase per success: the limit can double per round trip while the upstream keeps up
      limit = Math.min(maxInFlight, limit + 1);
      limitView = (int) limit;
    }
    consecutiveFailures = 0;
  }

  private void mintFailed(MintCall call, Throwable cause, long now) {
    UpstreamErrorKind kind = classify(cause);
    upstreamErrors.incrementAndGet(kind.ordinal());
    lastFailure = cause;
    if (state == State.CLOSED) {
      return;
    }
    if (kind == UpstreamErrorKind.QUOTA || kind == UpstreamErrorKind.AUTH || kind == UpstreamErrorKind.BAD_REQUEST
        || (cause instanceof UpstreamException u && !u.isRetryable())) {
      fatalFailure(cause, now);
      return;
    }
    Duration retryAfter = cause instanceof ApiException a && a.status() == 429 ? a.retryAfter() : null;
    transientFailure(call, now, retryAfter, cause);
  }

  static UpstreamErrorKind classify(Throwable cause) {
    if (cause instanceof ApiException a) {
      if (a.isInsufficientQuota()) {
        return UpstreamErrorKind.QUOTA;
      }
      if (a.isAuthFailure()) {
        return UpstreamErrorKind.AUTH;
      }
      if (a.status() == 429) {
        return UpstreamErrorKind.RATE_LIMITED;
      }
      return a.isRetryable() ? UpstreamErrorKind.SERVER : UpstreamErrorKind.BAD_REQUEST;
    }
    if (cause instanceof UpstreamException u) {
      return switch (u.kind()) {
        case TIMEOUT -> UpstreamErrorKind.TIMEOUT;
        case CONNECTION, TLS -> UpstreamErrorKind.IO;
        case INVALID_RESPONSE, RESPONSE_TOO_LARGE -> UpstreamErrorKind.INVALID_RESPONSE;
      };
    }
    if (cause instanceof RequestValidationException) {
      return UpstreamErrorKind.BAD_REQUEST;
    }
    if (cause instanceof TimeoutException) {
      return UpstreamErrorKind.TIMEOUT;
    }
    return UpstreamErrorKind.OTHER;
  }

  private void transientFailure(MintCall call, long now, Duration retryAfter, Throwable cause) {
    lastFailure = cause;
    consecutiveFailures++;
    limit = Math.max(1, Math.floor(limit * AIMD_DECREASE));
    limitView = (int) limit;
    nextAttemptNanos = Math.max(nextAttemptNanos, now + backoffDelay());
    boolean open = call.probe || consecutiveFailures >= options.getCircuitFailureThreshold();
    if (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) {
      long asked = retryAfter.toNanos();
      long max = options.getMaxRetryAfter().toNanos();
      long pause = asked > max ? asked : (long) (asked * (1 + clock.nextJitter() * 0.05));
      open |= asked > max;
      pauseUntilNanos = Math.max(pauseUntilNanos, now + pause);
      nextAttemptNanos = Math.max(nextAttemptNanos, pauseUntilNanos);
      LOG.log(System.Logger.Level.INFO, "upstream asked to retry after {0} ms: minting paused", millis(pause));
      // waiters whose deadline comes before the pause ends would only hang: tell them now
      failWaiters(w -> w.deadlineNanos < pauseUntilNanos, now, Reason.CIRCUIT_OPEN,
          "the upstream asked to pause minting for " + millis(pause) + " ms", pauseUntilNanos - now, cause);
    }
    if (open) {
      if (circuit != CircuitState.OPEN) {
        LOG.log(System.Logger.Level.WARNING, "upstream failing ({0} consecutive failures, last: {1}): circuit open",
            consecutiveFailures, cause == null ? "?" : cause.getMessage());
      }
      circuit = CircuitState.OPEN;
      nextProbeNanos = nextAttemptNanos;
      failWaiters(w -> true, now, Reason.CIRCUIT_OPEN, "the upstream is failing (circuit open after "
          + consecutiveFailures + " consecutive failures)", nextProbeNanos - now, cause);
    }
  }

  /** Full jitter: U(0, min(cap, base * 2^(n-1))), never under the retry floor. */
  private long backoffDelay() {
    long base = options.getBackoffBase().toNanos();
    long cap = options.getBackoffCap().toNanos();
    if (lastWindowNanos > 0) {
      cap = Math.min(cap, lastWindowNanos / 4); // several attempts must fit before stock dies
    }
    cap = Math.max(cap, MIN_RETRY_DELAY_NANOS);
    int shift = Math.min(30, Math.max(0, consecutiveFailures - 1));
    long step = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    return Math.max(MIN_RETRY_DELAY_NANOS, (long) (clock.nextJitter() * (step + 1)));
  }

  private void fatalFailure(Throwable cause, long now) {
    consecutiveFailures++;
    if (fatalCause == null) {
      LOG.log(System.Logger.Level.ERROR, "the upstream refused to mint and retrying cannot help: {0}; "
          + "probing again every {1} ms", cause.getMessage(), options.getFatalProbeInterval().toMillis());
    }
    fatalCause = cause;
    circuit = CircuitState.OPEN;
    nextProbeNanos = now + options.getFatalProbeInterval().toNanos();
    failWaiters(w -> true, now, Reason.UPSTREAM_REJECTED, "the upstream refused minting: " + cause.getMessage(),
        nextProbeNanos - now, cause);
    if (startPromise != null && !ready) {
      startPromise.tryFail(new SecretPoolException(Reason.UPSTREAM_REJECTED,
          "the pool cannot warm up: the upstream refused minting: " + cause.getMessage(),
          retryAfter(nextProbeNanos - now), cause));
    }
  }

  private void failWaiters(java.util.function.Predicate<Waiter<R>> which, long now, Reason reason, String why,
      long retryAfterNanos, Throwable cause) {
    if (waiters.isEmpty()) {
      return;
    }
    // commit the state first, then complete: callbacks may call take() again
    List<Waiter<R>> failed = new ArrayList<>();
    for (Iterator<Waiter<R>> it = waiters.iterator(); it.hasNext(); ) {
      Waiter<R> w = it.next();
      if (which.test(w)) {
        it.remove();
        failed.add(w);
      }
    }
    waiterCountView = waiters.size();
    for (Waiter<R> w : failed) {
      SecretPoolException e = new SecretPoolException(reason, "no secret: " + why,
          reason == Reason.CLOSED ? null : retryAfter(retryAfterNanos), cause);
      deliverFailure(w.promise, w.context, reject(reason, w.takenNanos, now, e));
    }
  }

  private Waiter<R> nextLiveWaiter(long now) {
    expireWaiters(now);
    Waiter<R> w = waiters.pollFirst();
    waiterCountView = waiters.size();
    return w;
  }

  private void expireWaiters(long now) {
    List<Waiter<R>> expired = null;
    while (!waiters.isEmpty() && waiters.peekFirst().deadlineNanos <= now) {
      if (expired == null) {
        expired = new ArrayList<>();
      }
      expired.add(waiters.pollFirst());
    }
    waiterCountView = waiters.size();
    if (expired != null) {
      for (Waiter<R> w : expired) {
        timedOut.increment();
        events.takeCompleted("timed_out", now - w.takenNanos);
        deliverFailure(w.promise, w.context, new SecretPoolException(Reason.ACQUIRE_TIMEOUT,
            "no secret within acquireTimeout (" + options.getAcquireTimeout().toMillis() + " ms)"
            + (lastFailure != null && consecutiveFailures > 0 ? "; upstream: " + lastFailure.getMessage() : ""),
            retryAfter(Math.max(latency.p99(), ROUNDING_NANOS)), consecutiveFailures > 0 ? lastFailure : null));
      }
    }
  }

  private void armWaiterTimer() {
    Waiter<R> head = waiters.peekFirst();
    if (head == null) {
      return;
    }
    if (waiterTimer != -1 && waiterTimerDue <= head.deadlineNanos) {
      return;
    }
    if (waiterTimer != -1) {
      clock.cancelTimer(waiterTimer);
    }
    waiterTimerDue = head.deadlineNanos;
    // no 50 ms floor here: each firing removes at least one waiter, so it cannot spin, and callers are owed
    // their acquireTimeout to the millisecond
    long delay = Math.max(1, (head.deadlineNanos - clock.nanoTime() + 999_999L) / 1_000_000L);
    waiterTimer = clock.setTimer(delay, () -> runOnPool(this::onWaiterTimer));
  }

  private void onWaiterTimer() {
    waiterTimer = -1;
    if (state == State.CLOSED) {
      return;
    }
    expireWaiters(clock.nanoTime());
    armWaiterTimer();
  }

  private void scheduleTick() {
    tickTimer = clock.setTimer(tickMillis, () -> runOnPool(this::tick));
  }

  private void tick() {
    tickTimer = -1;
    if (state != State.RUNNING) {
      return;
    }
    long now = clock.nanoTime();
    long takes = demandCounter.sumThenReset();
    if (takes > 0) {
      lastDemandNanos = now;
    }
    demand.update(takes, (now - lastTickNanos) / 1e9);
    lastTickNanos = now;
    recomputeTarget(now);
    reapStuckMints(now);
    expireWaiters(now);
    armWaiterTimer();
    if (!ready && startPromise != null && now - startedNanos >= acquireTimeoutNanos) {
      startPromise.tryFail(new SecretPoolException(Reason.ACQUIRE_TIMEOUT, "the pool did not reach minIdle ("
          + minIdle + ") within acquireTimeout (" + options.getAcquireTimeout().toMillis() + " ms)"
          + (lastFailure != null ? "; upstream: " + lastFailure.getMessage() : "") + "; it keeps trying",
          retryAfter(ROUNDING_NANOS), lastFailure));
    }
    refill();
    scheduleTick();
  }

  private void recomputeTarget(long now) {
    double lambda = demand.rate();
    demandView = lambda;
    long p99 = latency.p99();
    latencyP99View = latency.hasSamples() ? p99 : 0;
    double leadSeconds = (p99 + tickNanos + REACTION_SLACK_NANOS) / 1e9;
    double base = lambda * leadSeconds;
    long t = (long) Math.ceil(base + options.getTargetSafetyZ() * Math.sqrt(base));
    long cap = maxIdle;
    if (lastWindowNanos > 0) {
      // a FIFO secret should wait at most ~ratio of its window in stock: beyond that, stock is waste
      cap = Math.min(cap, Math.max(minIdle, (long) (options.getWasteCapRatio() * lambda * lastWindowNanos / 1e9)));
    }
    target = (int) Math.max(minIdle, Math.min(t, cap));
    targetView = currentTarget(now);
  }

  /** A mint the client never settles must not hold a slot forever: give up on it after mintTimeout + 1 s. */
  private void reapStuckMints(long now) {
    long limitNanos = mintTimeoutNanos + ROUNDING_NANOS;
    for (Iterator<MintCall> it = calls.iterator(); it.hasNext(); ) {
      MintCall c = it.next();
      if (c.done || c.abandoned) {
        it.remove();
        continue;
      }
      if (now - c.sentNanos < limitNanos) {
        break;
      }
      c.abandoned = true;
      it.remove();
      inFlight--;
      inFlightView = inFlight;
      upstreamErrors.incrementAndGet(UpstreamErrorKind.TIMEOUT.ordinal());
      transientFailure(c, now, null, new TimeoutException("mint call not settled within mintTimeout"));
    }
  }

  private void closeInternal() {
    if (state == State.CLOSED) {
      return;
    }
    State before = state;
    state = State.CLOSED;
    closePromise = Promise.promise();
    long now = clock.nanoTime();
    if (tickTimer != -1) {
      clock.cancelTimer(tickTimer);
      tickTimer = -1;
    }
    if (waiterTimer != -1) {
      clock.cancelTimer(waiterTimer);
      waiterTimer = -1;
    }
    failWaiters(w -> true, now, Reason.CLOSED, "the pool was closed", 0, null);
    for (StockedSecret<R> s; (s = stock.pollFirst()) != null; ) {
      stockSize.decrementAndGet();
      discarded.incrementAndGet(DiscardReason.CLOSED.ordinal());
    }
    if (startPromise != null) {
      startPromise.tryFail(closedException());
    }
    if (before == State.RUNNING && inFlight > 0) {
      closeTimer = clock.setTimer(ceilMillis(mintTimeoutNanos), () -> runOnPool(() -> {
        closeTimer = -1;
        closePromise.tryComplete();
      }));
    }
    maybeFinishClose();
  }

  private void maybeFinishClose() {
    if (inFlight == 0 && closePromise != null) {
      if (closeTimer != -1) {
        clock.cancelTimer(closeTimer);
        closeTimer = -1;
      }
      closePromise.tryComplete();
    }
  }

  private static SecretPoolException closedException() {
    return new SecretPoolException(Reason.CLOSED, "the pool is closed", null, null);
  }

  private static Duration retryAfter(long nanos) {
    long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    return Duration.ofSeconds(seconds);
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000L;
  }

  private static long ceilMillis(long nanos) {
    return Math.max(1, (Math.max(nanos, MIN_DELAY_NANOS) + 999_999L) / 1_000_000L);
  }

  /** Two or more listeners. */
  private static final class CompositeEvents implements PoolEvents {
    private final PoolEvents[] all;

    CompositeEvents(PoolEvents a, PoolEvents b) {
      List<PoolEvents> list = new ArrayList<>();
      for (PoolEvents e : new PoolEvents[] {a, b}) {
        if (e instanceof CompositeEvents c) {
          list.addAll(List.of(c.all));
        } else {
          list.add(e);
        }
      }
      all = list.toArray(new PoolEvents[0]);
    }

    static PoolEvents without(PoolEvents current, PoolEvents removed) {
      if (current == removed) {
        return PoolEvents.NONE;
      }
      if (!(current instanceof CompositeEvents c)) {
        return current;
      }
      PoolEvents result = PoolEvents.NONE;
      for (PoolEvents e : c.all) {
        if (e != removed) {
          result = result == PoolEvents.NONE ? e : new CompositeEvents(result, e);
        }
      }
      return result;
    }

    @Override
    public void takeCompleted(String result, long latencyNanos) {
      for (PoolEvents e : all) {
        e.takeCompleted(result, latencyNanos);
      }
    }

    @Override
    public void handedOut(long remainingLifeNanos) {
      for (PoolEvents e : all) {
        e.handedOut(remainingLifeNanos);
      }
    }

    @Override
    public void mintCompleted(boolean success, long latencyNanos) {
      for (PoolEvents e : all) {
        e.mintCompleted(success, latencyNanos);
      }
    }
  }
}
