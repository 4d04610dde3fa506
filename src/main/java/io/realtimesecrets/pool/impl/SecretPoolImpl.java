package io.realtimesecrets.pool.impl;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RateLimitInfo;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.UpstreamException;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.pool.MintBudget;
import io.realtimesecrets.pool.PoolClock;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolException;
import io.realtimesecrets.pool.SecretPoolException.Reason;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.realtimesecrets.pool.SecretPoolStats;
import io.realtimesecrets.pool.SecretPoolStats.CircuitState;
import io.realtimesecrets.pool.SecretPoolStats.DiscardReason;
import io.realtimesecrets.pool.SecretPoolStats.UpstreamErrorKind;
import io.realtimesecrets.pool.SharedSecretStock;
import io.smallrye.mutiny.Uni;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The pool: wires its parts together and owns the pool's event-loop thread, the only thread that touches
 * them. The parts, each readable and testable alone:
 * <ul>
 *   <li>{@link SecretStock}: the secrets ready to hand out (the only part a hit touches off the loop);</li>
 *   <li>{@link WaiterQueue}: callers waiting for a mint;</li>
 *   <li>{@link MintGovernor}: may the pool call the upstream now (limit, backoff, pauses, circuit);</li>
 *   <li>{@link RefillPlanner}: how much stock to hold and how many mints to start;</li>
 *   <li>{@link PoolCounters}: the statistics;</li>
 *   <li>optionally a {@link SharedSecretStock} behind the own stock (see "The shared tier" below).</li>
 * </ul>
 *
 * <p>Rules that keep it correct under concurrency:
 * <ul>
 *   <li>A secret is claimed by whoever removes it from the stock, so each goes to exactly one caller.</li>
 *   <li>Only the event loop adds to stock, and only when no caller waits, so a waiter is never stranded
 *   beside a secret; a miss re-polls the stock on the event loop before it waits.</li>
 *   <li>A waiter leaves the queue on the event loop exactly once: served, timed out or failed. Its future
 *   is completed afterwards (state first, callbacks second).</li>
 * </ul>
 *
 * <p>The shared tier (with {@link SecretPoolOptions#setSharedStock}): a minted secret that no waiter needs
 * goes to the shared stock instead of the own one; a take that misses the own stock asks the shared one
 * (a hop off and back onto the event loop, bounded by {@link #SHARED_ANSWER_TIMEOUT_NANOS}) before it
 * queues for a mint; the fleet's stock (asked every tick while the answer can change a decision, else every
 * {@link SharedSecretStock#IDLE_SIZE_INTERVAL}) counts toward the refill target. Every answer is
 * handled on the event loop; a failed call puts the pool on its own for
 * {@link SharedSecretStock#DOWN_RETRY_INTERVAL}. A secret the shared stock gave is this pool's alone (the
 * stock's take is atomic), so it may go to a waiter or to the own stock like a minted one.
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
  static final long ROUNDING_NANOS = ExpiryEstimator.ROUNDING_NANOS;
  /** A secret with less usable window than this on arrival is dead on arrival. */
  static final long MIN_USABLE_WINDOW_NANOS = 1_000_000_000L;
  /** Longest wait for a {@link MintBudget}'s answer; then the mint goes, as when the budget fails. */
  static final long BUDGET_ANSWER_TIMEOUT_NANOS = 1_000_000_000L;
  /** Longest wait for the shared stock's answer; then the pool carries on as on a failure (a late secret is kept). */
  static final long SHARED_ANSWER_TIMEOUT_NANOS = 1_000_000_000L;
  /** At most one log line per this interval for an error the pool survives (with a count of the others). */
  static final long ERROR_LOG_INTERVAL_NANOS = 60_000_000_000L;

  private enum State { NEW, RUNNING, CLOSED }

  // ---- the pool's own context: null for a moment after creation on a verticle's thread (see poolContext)
  private volatile Context context;
  private final Promise<Context> contextCreated = Promise.promise();
  private final Object contextLock = new Object();
  // tasks submitted before the context existed, run on it first, in order; null once it exists
  private List<Runnable> beforeContext = new ArrayList<>();

  // ---- configuration (immutable)
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
  private final long tickMillis;
  private final int minIdle;
  private final SharedSecretStock shared; // null: no shared tier
  private final long sharedRetryNanos;
  private final long sharedIdleSizeNanos;

  // ---- parts
  private final PoolCounters counters = new PoolCounters();
  private final SecretStock<R> stock = new SecretStock<>(counters);
  private final WaiterQueue<R> waiters = new WaiterQueue<>();
  private final MintGovernor governor;
  private final RefillPlanner planner;
  private final ExpiryEstimator expiry;

  // ---- shared with the hit path (thread safe)
  private final AtomicBoolean refillQueued = new AtomicBoolean();
  private final LongAdder demandCounter = new LongAdder();
  private volatile State state = State.NEW;
  // set by close() on the caller's thread, before the pool context drains: a take() after close() returned
  // must fail, not hit stock that is about to be dropped
  private volatile boolean closeRequested;
  private volatile boolean ready;
  private volatile long floorNanos;
  private volatile PoolEvents events = PoolEvents.NONE;

  // ---- event loop only
  private boolean floorLearned;
  private long seq;
  private long successesSinceStart;
  private long startedNanos;
  private boolean inRefill;
  private boolean refillAgain;
  private long tickTimer = -1;
  private long waiterTimer = -1;
  private long waiterTimerDue;
  private long closeTimer = -1;
  private long paceTimer = -1;
  private long paceTimerDue;
  private long lastErrorLogNanos = Long.MIN_VALUE;
  private long errorsNotLogged;
  private Promise<Void> startPromise;
  private Promise<Void> closePromise;
  // the shared tier: the fleet's usable stock as last seen, this pool's puts not yet in that count (in
  // flight, or landed after the size call was sent), whether it has been seen yet, a size call outstanding,
  // when the last size call was sent, and whether the shared stock failed (until sharedRetryAtNanos)
  private long fleetStock;
  private int putsInFlight;
  private int putsLanded;
  private boolean fleetStockKnown;
  private boolean sizeAsked;
  private long sizeAskedAtNanos;
  private boolean sharedDown;
  private long sharedRetryAtNanos;

  public SecretPoolImpl(Vertx vertx, RealtimeSecretsClient client, SecretRequest<R> request,
      SecretPoolOptions options, PoolClock clock) {
    Objects.requireNonNull(vertx, "vertx");
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
    this.tickMillis = options.getTick().toMillis();
    this.minIdle = options.getMinIdle();
    this.shared = options.getSharedStock();
    this.sharedRetryNanos = SharedSecretStock.DOWN_RETRY_INTERVAL.toNanos();
    this.sharedIdleSizeNanos = SharedSecretStock.IDLE_SIZE_INTERVAL.toNanos();
    // one retry layer: the pool sees and paces every upstream call, so no SDK retries x pool retries
    this.callOptions = CallOptions.builder().maxRetries(0).timeout(options.getMintTimeout()).build();
    this.governor = new MintGovernor(options, clock);
    this.expiry = new ExpiryEstimator(clock, requestedLifeNanos);
    this.planner = new RefillPlanner(options, mintTimeoutNanos);
    poolContext(vertx);
  }

  /**
   * An event-loop context of {@code vertx} that no verticle owns, so that undeploying whoever created the
   * pool cannot cancel its timers. The current context is kept when it already is such a context (tests drive a virtual clock on
   * it); otherwise a fresh one comes from {@code getOrCreateContext()} on a short-lived plain thread, the one
   * public way, the same on Vert.x 4.5 and 5.x, to get an event-loop context that belongs to no deployment.
   * Nobody waits for that thread (the creator may be an event loop): work submitted meanwhile queues in
   * {@link #beforeContext} and runs on the new context first, in order.
   */
  private void poolContext(Vertx vertx) {
    Context current = Vertx.currentContext();
    if (current == null) {
      contextReady(vertx.getOrCreateContext());
      return;
    }
    // of this Vert.x instance only: another one's context dies with that instance
    if (current.owner() == vertx && current.isEventLoopContext() && current.deploymentID() == null
        && Context.isOnEventLoopThread()) {
      contextReady(current);
      return;
    }
    Thread t = new Thread(() -> contextReady(vertx.getOrCreateContext()), "secret-pool-context");
    t.setDaemon(true);
    t.start();
  }

  private void contextReady(Context created) {
    synchronized (contextLock) {
      // queued before the context is published: whatever is submitted once it is visible runs after these
      for (Runnable task : beforeContext) {
        created.runOnContext(v -> task.run());
      }
      beforeContext = null;
      context = created;
    }
    contextCreated.complete(created);
  }

  /**
   * The pool's own event-loop context (for tests and embedding code that must run something where the pool
   * runs); it may come a moment after the pool was created on a verticle's thread.
   *
   * @return the context, once it exists
   */
  public Future<Context> context() {
    return contextCreated.future();
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
    return takeCancellable().future();
  }

  /**
   * A take the caller can give up on (see {@link PendingTake}); otherwise exactly {@link #take()}.
   *
   * @return the pending take
   */
  public PendingTake<R> takeCancellable() {
    demandCounter.increment();
    long now = clock.nanoTime();
    if (state == State.CLOSED || closeRequested) {
      return done(Future.failedFuture(reject(Reason.CLOSED, now, now, closedException())));
    }
    StockedSecret<R> s = stock.pollValid(now);
    if (s != null) {
      counters.hits.increment();
      handOut(s, now);
      events.takeCompleted("hit", 0);
      if (stock.size() + governor.inFlightView() < planner.targetView()) {
        requestRefill();
      }
      return new PendingTake<>(Future.succeededFuture(s.secret()), () -> { }, () -> giveBack(s, counters.hits));
    }
    Promise<R> promise = Promise.promise();
    Waiter<R> w = new Waiter<>(promise, Vertx.currentContext(), now, SaturatingMath.add(now, acquireTimeoutNanos));
    runOnPool(() -> slowTake(w));
    return new PendingTake<>(promise.future(), () -> {
      w.cancelled = true;
      runOnPool(() -> cancelled(w));
    }, () -> {
      @SuppressWarnings("unchecked")
      StockedSecret<R> handed = (StockedSecret<R>) w.handed;
      if (handed != null) {
        giveBack(handed, w.handedFromStock ? counters.hits : counters.waited);
      }
    });
  }

  private static <R> PendingTake<R> done(Future<R> f) {
    return new PendingTake<>(f, () -> { });
  }

  /** Lazy, one take per subscription; cancelling the subscription gives the take up (see {@link PendingTake}). */
  @Override
  public Uni<R> takeUni() {
    return Uni.createFrom().deferred(() -> {
      PendingTake<R> t = takeCancellable();
      // Mutiny runs the cancellation callback only when the item did not pass: a secret delivered anyway,
      // racing with a cancel from another thread, goes back to the pool
      return Uni.createFrom().completionStage(t.future().toCompletionStage()).onCancellation().invoke(t::abandon);
    });
  }

  @Override
  public boolean isReady() {
    return ready && state == State.RUNNING;
  }

  @Override
  public SecretPoolStats stats() {
    long minLife = counters.minRemainingAtHandOut();
    return new SecretPoolStats(counters.hits.sum(), counters.waited.sum(), counters.timedOut.sum(),
        counters.rejected(), counters.minted.sum(), counters.expiredUnused.sum(), counters.discarded(),
        stock.size(), planner.targetView(), waiters.sizeView(), governor.inFlightView(), governor.limitView(),
        counters.mintAttempts.sum(), counters.upstreamErrors(), planner.demandView(),
        Duration.ofNanos(planner.latencyP99View()), minLife < 0 ? null : Duration.ofNanos(minLife),
        Duration.ofNanos(floorNanos), governor.circuit(), Duration.ofMillis(expiry.skewMillis()));
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
    PoolEvents guarded = new GuardedEvents(listener);
    events = current == PoolEvents.NONE ? guarded : new CompositeEvents(current, guarded);
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
    return "SecretPool{endpoint=" + request.endpoint() + ", state=" + state + ", stock=" + stock.size()
        + ", waiters=" + waiters.sizeView() + ", circuit=" + governor.circuit() + '}';
  }

  // =====================================================================================================
  // threads and contexts

  private void handOut(StockedSecret<R> s, long now) {
    long remaining = s.retireAtNanos() - now + floorNanos;
    counters.handedOut(remaining);
    events.handedOut(remaining);
  }

  private void requestRefill() {
    if (onPoolContext()) {
      refill();
    } else if (refillQueued.compareAndSet(false, true)) {
      runOnPool(() -> {
        refillQueued.set(false);
        refill();
      });
    }
  }

  private boolean onPoolContext() {
    // the context and its event-loop thread: a verticle sharing the event loop must not adopt the pool's
    // timers, and a worker running executeBlocking on the pool's context has the context but not the thread
    Context own = context;
    return own != null && Vertx.currentContext() == own && Context.isOnEventLoopThread();
  }

  private void runOnPool(Runnable task) {
    Context own = context;
    if (own == null) {
      synchronized (contextLock) {
        own = context;
        if (own == null) {
          beforeContext.add(task);
          return;
        }
      }
    }
    if (Vertx.currentContext() == own && Context.isOnEventLoopThread()) {
      task.run();
    } else {
      own.runOnContext(v -> task.run());
    }
  }

  private <T> void deliver(Promise<T> p, Context caller, T value) {
    if (caller == null || caller == Vertx.currentContext()) {
      inCallersCallbacks(() -> p.complete(value));
    } else {
      caller.runOnContext(v -> p.complete(value));
    }
  }

  private <T> void deliverFailure(Promise<T> p, Context caller, Throwable failure) {
    if (caller == null || caller == Vertx.currentContext()) {
      inCallersCallbacks(() -> p.fail(failure));
    } else {
      caller.runOnContext(v -> p.fail(failure));
    }
  }

  /**
   * Completes a caller's future here, on the pool's thread. A promise with no context (Vert.x 4.5, or a
   * take from a plain thread) runs the caller's callbacks inside {@code complete} and throws what they
   * throw: that is the caller's bug, and must neither pass for a failed mint nor cut short the loop that
   * completes the other waiters. The future is complete whatever its callbacks did.
   */
  private void inCallersCallbacks(Runnable completion) {
    try {
      completion.run();
    } catch (RuntimeException e) {
      logSurvived("a caller's callback", e);
    }
  }

  private SecretPoolException reject(Reason reason, long takenNanos, long now, SecretPoolException e) {
    counters.rejected(reason);
    events.takeCompleted(reason.name().toLowerCase(java.util.Locale.ROOT), now - takenNanos);
    return e;
  }

  // =====================================================================================================
  // event loop: lifecycle and takes

  private void startInternal() {
    if (state != State.NEW) {
      return;
    }
    state = State.RUNNING;
    long now = clock.nanoTime();
    startedNanos = now;
    planner.started(now);
    startPromise = Promise.promise();
    if (minIdle == 0) {
      markReady();
    }
    scheduleTick();
    pollFleetStock(now);
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

  private void slowTake(Waiter<R> w) {
    Promise<R> promise = w.promise;
    Context caller = w.context;
    long takenNanos = w.takenNanos;
    if (state == State.NEW) {
      startInternal();
    }
    long now = clock.nanoTime();
    if (state == State.CLOSED) {
      deliverFailure(promise, caller, reject(Reason.CLOSED, takenNanos, now, closedException()));
      return;
    }
    if (w.cancelled) {
      deliverCancelled(w, now);
      return;
    }
    planner.demanded(now);
    StockedSecret<R> s = stock.pollValid(now);
    if (s != null) {
      counters.hits.increment();
      handOut(s, now);
      events.takeCompleted("hit", now - takenNanos);
      w.handedFromStock = true;
      w.handed = s; // as in completeOrGiveBack: an abandoned takeUni gives back what reached it
      deliver(promise, caller, s.secret());
      refill();
      return;
    }
    if (sharedUsable(now)) {
      askShared(w, now);
      return;
    }
    missed(w, now);
  }

  /** A take that missed every stock: fail fast when no mint can serve it in time, else wait for one. */
  private void missed(Waiter<R> w, long now) {
    Promise<R> promise = w.promise;
    Context caller = w.context;
    long takenNanos = w.takenNanos;
    if (governor.circuit() == CircuitState.OPEN) {
      refill(); // a miss can always start the probe that is due, whatever happened to the timers
    }
    if (governor.circuit() == CircuitState.OPEN
        || (governor.circuit() == CircuitState.HALF_OPEN && governor.fatalCause() != null)) {
      deliverFailure(promise, caller, circuitRejection(takenNanos, now));
      return;
    }
    long pauseLeft = governor.pauseUntilNanos() - now;
    if (pauseLeft > acquireTimeoutNanos) {
      deliverFailure(promise, caller, reject(Reason.CIRCUIT_OPEN, takenNanos, now, new SecretPoolException(
          Reason.CIRCUIT_OPEN, "no secret in stock and the upstream asked to pause minting for "
          + millis(pauseLeft) + " ms, longer than acquireTimeout", retryAfter(pauseLeft),
          governor.lastFailure())));
      return;
    }
    if (waiters.size() >= options.getMaxWaiters()) {
      long hint = Math.max(planner.latencyP99(), ROUNDING_NANOS);
      deliverFailure(promise, caller, reject(Reason.WAITERS_FULL, takenNanos, now, new SecretPoolException(
          Reason.WAITERS_FULL, "no secret in stock and " + waiters.size() + " callers already waiting (maxWaiters "
          + options.getMaxWaiters() + ")", retryAfter(hint), null)));
      refill();
      return;
    }
    long expectedWait = expectedWait(waiters.size() + 1, now);
    if (expectedWait >= w.deadlineNanos - now - RefillPlanner.REACTION_SLACK_NANOS) {
      // it would only wait out its acquireTimeout: tell it now, with when to come back
      deliverFailure(promise, caller, reject(Reason.WAITERS_FULL, takenNanos, now, new SecretPoolException(
          Reason.WAITERS_FULL, "no secret in stock and none can be minted within acquireTimeout ("
          + options.getAcquireTimeout().toMillis() + " ms): " + waiters.size() + " callers ahead, "
          + governor.inFlight() + " mints in flight, about " + millis(planner.latency().p50()) + " ms per mint",
          retryAfter(Math.min(expectedWait, SaturatingMath.add(acquireTimeoutNanos, ROUNDING_NANOS))), null)));
      refill();
      return;
    }
    waiters.add(w);
    armWaiterTimer();
    refill();
  }

  /**
   * How long the caller at {@code position} in the queue (1 = first) can expect to wait: mints in flight
   * serve the first callers within one round trip; each further {@code limit} callers need another round
   * trip, and no faster than pacing allows; a pause comes first. Zero until a round trip has been seen.
   */
  private long expectedWait(int position, long now) {
    LatencyWindow latency = planner.latency();
    if (!latency.hasSamples() || governor.circuit() != CircuitState.CLOSED) {
      return 0;
    }
    long typical = latency.p50();
    // callers beyond those the mints in flight will serve; the first of them get mints that start now
    long beyond = (long) position - governor.committed();
    long startNow = Math.max(0, governor.room());
    long wait = typical;
    if (beyond > startNow) {
      long perRound = Math.max(1, governor.limit());
      long rounds = 1 + (beyond - startNow + perRound - 1) / perRound;
      wait = SaturatingMath.multiply(typical, rounds);
    }
    if (beyond > 0) {
      long paced = governor.waiterReadyAt(now);
      if (paced != Long.MIN_VALUE && paced > now) {
        wait = Math.max(wait, SaturatingMath.add(paced - now, typical));
      }
    }
    long pauseLeft = governor.pauseUntilNanos() - now;
    if (pauseLeft > 0) {
      wait = SaturatingMath.add(wait, pauseLeft);
    }
    return wait;
  }

  /** A caller gave up (any path): out of the queue now, its slot free. */
  private void cancelled(Waiter<R> w) {
    if (waiters.remove(w)) {
      deliverCancelled(w, clock.nanoTime());
    }
  }

  private void deliverCancelled(Waiter<R> w, long now) {
    w.decided = true;
    events.takeCompleted("cancelled", now - w.takenNanos);
    deliverFailure(w.promise, w.context, new CancellationException("the caller gave up the take"));
  }

  private SecretPoolException circuitRejection(long takenNanos, long now) {
    long wait = Math.max(governor.nextProbeNanos() - now, 0);
    Throwable fatal = governor.fatalCause();
    if (fatal != null) {
      return reject(Reason.UPSTREAM_REJECTED, takenNanos, now, new SecretPoolException(Reason.UPSTREAM_REJECTED,
          "no secret in stock: the upstream refused minting and retrying cannot help (" + fatal.getMessage()
          + "); next probe in " + millis(wait) + " ms", retryAfter(wait), fatal));
    }
    return reject(Reason.CIRCUIT_OPEN, takenNanos, now, new SecretPoolException(Reason.CIRCUIT_OPEN,
        "no secret in stock and the upstream is failing (circuit "
        + governor.circuit().name().toLowerCase(java.util.Locale.ROOT) + " after " + governor.consecutiveFailures()
        + " consecutive failures); next attempt in " + millis(wait) + " ms", retryAfter(wait),
        governor.lastFailure()));
  }

  // =====================================================================================================
  // event loop: refill and mints

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
    stock.retireExpired(now);
    if (governor.circuit() == CircuitState.OPEN) {
      if (governor.probeDue(now)) {
        launchMint(now, true);
      }
      return;
    }
    if (!governor.mayMint(now)) {
      return;
    }
    int committed = governor.committed();
    int room = governor.room();
    if (!ready) {
      room = Math.min(room, options.getPrewarmConcurrency() - committed);
    }
    int n = planner.mintsToStart(planner.currentTarget(now, ready), waiters.size(),
        effectiveStock(now), stock.size(), committed, room);
    for (int i = 0; i < n && state == State.RUNNING && governor.circuit() == CircuitState.CLOSED; i++) {
      // a caller no mint in flight (or asked for) will serve: its mint asks the budget ahead of refills
      boolean forWaitingCaller = waiters.size() > governor.committed();
      long readyAt = forWaitingCaller ? governor.waiterReadyAt(now) : governor.paceReadyAt(now);
      if (readyAt != Long.MIN_VALUE && readyAt > now) {
        armPaceTimer(readyAt, now); // spread: the rest goes when pacing allows
        return;
      }
      MintBudget budget = governor.budget();
      if (budget == null) {
        launchMint(now, false);
      } else {
        askBudget(budget, forWaitingCaller);
      }
    }
  }

  /** Asks the budget for one mint; the answer (often synchronous) launches it or arms the pacing timer. */
  private void askBudget(MintBudget budget, boolean forWaitingCaller) {
    governor.budgetAsked();
    Future<Duration> answer;
    try {
      answer = forWaitingCaller ? budget.acquireForWaitingCaller() : budget.acquire();
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    if (answer.isComplete()) {
      budgetAnswered(answer, forWaitingCaller);
      return;
    }
    // an ask the pool waits on holds a mint slot: a budget that never answers would end minting for good
    boolean[] settled = {false};
    long timer = clock.setTimer(ceilMillis(BUDGET_ANSWER_TIMEOUT_NANOS), () -> runOnPool(() -> {
      if (!settled[0]) {
        settled[0] = true;
        budgetAnswered(Future.failedFuture("no answer from the mint budget within "
            + millis(BUDGET_ANSWER_TIMEOUT_NANOS) + " ms"), forWaitingCaller);
      }
    }));
    answer.onComplete(ar -> runOnPool(() -> {
      if (!settled[0]) {
        settled[0] = true;
        clock.cancelTimer(timer);
        budgetAnswered(ar, forWaitingCaller);
      }
    }));
  }

  private void budgetAnswered(AsyncResult<Duration> ar, boolean forWaitingCaller) {
    long now = clock.nanoTime();
    // a budget that fails (or does not answer in time) lets the mint go: its store being down must not
    // stop minting
    long wait = ar.succeeded() && ar.result() != null ? SaturatingMath.nanos(ar.result()) : 0;
    governor.budgetAnswered(now, wait, forWaitingCaller);
    if (state != State.RUNNING) {
      return;
    }
    if (wait > 0) {
      armPaceTimer(governor.paceReadyAt(now), now);
      if (!forWaitingCaller && waiters.size() > governor.committed()) {
        // a caller arrived while this refill's ask was out: its own ask need not wait for the refill's turn
        refill();
      }
    } else if (governor.circuit() == CircuitState.CLOSED) {
      launchMint(now, false);
    }
  }

  private void armPaceTimer(long dueNanos, long now) {
    if (paceTimer != -1 && paceTimerDue <= dueNanos) {
      return;
    }
    if (paceTimer != -1) {
      clock.cancelTimer(paceTimer);
    }
    paceTimerDue = dueNanos;
    long delay = Math.max(1, (dueNanos - now + 999_999L) / 1_000_000L);
    paceTimer = clock.setTimer(delay, () -> runOnPool(() -> {
      paceTimer = -1;
      guarded("pacing", this::refill);
    }));
  }

  private void launchMint(long now, boolean probe) {
    MintGovernor.MintCall call = governor.launched(now, probe);
    counters.mintAttempts.increment();
    Future<MintResult<R>> f;
    try {
      f = client.mint(request, callOptions);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> runOnPool(() -> guarded("mint completion", () -> mintDone(call, ar))));
  }

  /**
   * Runs a step of the event loop's own work so that no exception can end it silently: the tick, timers and
   * mint completions go on, and the error is logged at most once a minute (with a count).
   */
  private void guarded(String what, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      logSurvived(what, e);
    }
  }

  /** At most one line per {@link #ERROR_LOG_INTERVAL_NANOS}; the class only, a message might carry a secret. */
  private void logSurvived(String what, Throwable e) {
    long now = clock.nanoTime();
    if (lastErrorLogNanos == Long.MIN_VALUE || now - lastErrorLogNanos >= ERROR_LOG_INTERVAL_NANOS) {
      LOG.log(System.Logger.Level.ERROR, "secret pool: unexpected " + e.getClass().getName() + " in " + what
          + (errorsNotLogged > 0 ? " (" + errorsNotLogged + " more since the last report)" : "")
          + "; the pool carries on");
      lastErrorLogNanos = now;
      errorsNotLogged = 0;
    } else {
      errorsNotLogged++;
    }
  }

  private void mintDone(MintGovernor.MintCall call, AsyncResult<MintResult<R>> ar) {
    long now = clock.nanoTime();
    boolean counted = governor.settled(call);
    long rtt = now - call.sentNanos;
    events.mintCompleted(ar.succeeded(), rtt);
    if (ar.succeeded()) {
      planner.mintLatency(rtt);
      counters.minted.increment();
      try {
        RateLimitInfo limits = ar.result().rateLimit();
        governor.observed(limits, call, now);
        mintSucceeded(call, counted, ar.result(), now);
      } catch (RuntimeException e) {
        // whatever went wrong taking the answer in, the secret is accounted for once and the mint failed
        counters.discarded(DiscardReason.INVALID);
        counters.upstreamError(UpstreamErrorKind.INVALID_RESPONSE);
        if (counted && state != State.CLOSED) {
          actOn(governor.transientFailure(call, now, null, e instanceof UpstreamException ? e
              : new UpstreamException(UpstreamException.Kind.INVALID_RESPONSE, "the upstream's answer could not "
              + "be used: " + e.getClass().getSimpleName(), e, 1)), now);
        }
      }
    } else if (counted) {
      mintFailed(call, ar.cause(), now);
    }
    if (state == State.CLOSED) {
      maybeFinishClose();
      return;
    }
    refill();
  }

  private void mintSucceeded(MintGovernor.MintCall call, boolean counted, MintResult<R> result, long now) {
    R secret = result.secret();
    long deadline = expiry.deadline(call.sentNanos, now, result);
    if (!floorLearned) {
      learnFloor(deadline - call.sentNanos);
    }
    long retireAt = deadline - floorNanos;
    long window = retireAt - now;
    if (state == State.CLOSED) {
      counters.discarded(DiscardReason.CLOSED);
      return;
    }
    if (window < MIN_USABLE_WINDOW_NANOS) {
      counters.discarded(DiscardReason.DEAD_ON_ARRIVAL);
      counters.upstreamError(UpstreamErrorKind.SHORT_LIVED);
      if (counted) {
        actOn(governor.transientFailure(call, now, null, new IllegalStateException("the upstream returned a "
            + "secret with " + millis(deadline - now) + " ms of life left, under the floor of " + millis(floorNanos)
            + " ms")), now);
      }
      return;
    }
    planner.lastWindowNanos(window);
    governor.lastWindowNanos(window);
    governor.succeeded(call);
    long jitterCap = Math.min(options.getMaxReplacementJitter().toNanos(), window / 5);
    long jitter = jitterCap <= 0 ? 0 : (long) (clock.nextJitter() * (jitterCap + 1));
    placeMinted(new StockedSecret<>(secret, seq++, retireAt, retireAt - jitter), now);
    successesSinceStart++;
    // warm once minIdle secrets arrived, even if demand took them at once (stock may never fill under load)
    if (!ready && (stock.size() >= minIdle || successesSinceStart >= minIdle)) {
      markReady();
    }
  }

  /** A secret fit to hand out: to the first live waiter, else to stock. */
  private void place(StockedSecret<R> s, long now) {
    Waiter<R> w = nextLiveWaiter(now);
    if (w == null) {
      stock.add(s);
      return;
    }
    w.decided = true;
    counters.waited.increment();
    handOut(s, now);
    events.takeCompleted("waited", now - w.takenNanos);
    Context caller = w.context;
    if (caller == null || caller == Vertx.currentContext()) {
      inCallersCallbacks(() -> completeOrGiveBack(w, s));
    } else {
      caller.runOnContext(v -> completeOrGiveBack(w, s));
    }
  }

  /** On the caller's context: hand over, unless the caller gave up meanwhile; then the secret returns. */
  private void completeOrGiveBack(Waiter<R> w, StockedSecret<R> s) {
    w.handed = s; // before the promise completes: an abandoned takeUni gives back what reached it (abandon)
    if (!w.cancelled && w.promise.tryComplete(s.secret())) {
      return;
    }
    // the secret goes back before the caller's failure callbacks run: one that throws must not lose it
    giveBack(s, counters.waited);
    w.promise.tryFail(new CancellationException("the caller gave up the take"));
  }

  /**
   * A secret counted as handed out that no caller got: un-counted ({@code countedAs} is the hit or waited
   * counter it went to) and placed again, or retired if past its floor or the pool closed. Any thread.
   */
  private void giveBack(StockedSecret<R> s, java.util.concurrent.atomic.LongAdder countedAs) {
    runOnPool(() -> {
      long now = clock.nanoTime();
      countedAs.add(-1);
      if (state == State.CLOSED) {
        counters.discarded(DiscardReason.CLOSED);
      } else if (now >= s.retireAtNanos()) {
        counters.expiredUnused.increment();
      } else {
        place(s, now);
      }
    });
  }

  // =====================================================================================================
  // event loop: the shared tier

  /** A minted secret: to a waiter of this pool if one waits, else to the fleet's stock, else to the own one. */
  private void placeMinted(StockedSecret<R> s, long now) {
    if (shared == null || sharedDown || !waiters.isEmpty()) {
      place(s, now);
      return;
    }
    putsInFlight++; // counted at once: the next refill must not mint it again while it travels
    Future<Void> stored;
    try {
      stored = shared.put(s.secret(), Duration.ofNanos(s.retireAtNanos() - now));
    } catch (RuntimeException e) {
      stored = Future.failedFuture(e);
    }
    onShared(stored, ar -> {
      putsInFlight--;
      if (ar.succeeded()) {
        putsLanded++; // until a size call sent after now answers
        sharedAnswered();
        return;
      }
      // it may be stored all the same (a timeout): keeping it here too could hand it out twice
      counters.discarded(DiscardReason.SHARED_STORE_FAILED);
      sharedFailed(clock.nanoTime());
      refill();
    }, null);
  }

  /** Whether a take should ask the shared stock: it is set and up, or down with a retry due (a probe). */
  private boolean sharedUsable(long now) {
    return shared != null && (!sharedDown || now - sharedRetryAtNanos >= 0);
  }

  private void askShared(Waiter<R> w, long now) {
    if (sharedDown) {
      sharedRetryAtNanos = SaturatingMath.add(now, sharedRetryNanos); // one probe per interval
    }
    Future<R> taken;
    try {
      taken = shared.take(request.responseType());
    } catch (RuntimeException e) {
      taken = Future.failedFuture(e);
    }
    // a secret that comes after the pool stopped waiting is this pool's all the same: kept, never lost
    onShared(taken, ar -> sharedTakeAnswered(w, ar),
        late -> keepForeign(foreign(late, clock.nanoTime()), clock.nanoTime()));
  }

  private void sharedTakeAnswered(Waiter<R> w, AsyncResult<R> ar) {
    long now = clock.nanoTime();
    R secret = null;
    if (ar.failed()) {
      sharedFailed(now);
    } else {
      sharedAnswered();
      secret = ar.result();
      if (secret == null) {
        fleetStock = 0;
        putsLanded = 0;
      } else if (fleetStock > 0) {
        fleetStock--;
      } else if (putsLanded > 0) {
        putsLanded--;
      }
    }
    if (secret == null) {
      afterSharedMiss(w, now);
      return;
    }
    sharedHit(w, foreign(secret, now), now);
  }

  private void sharedHit(Waiter<R> w, StockedSecret<R> s, long now) {
    R secret = s.secret();
    if (state == State.CLOSED || w.cancelled) {
      keepForeign(s, now);
      afterSharedMiss(w, now); // tells the caller it was closed or cancelled
      return;
    }
    w.decided = true;
    counters.hits.increment();
    handOut(s, now);
    events.takeCompleted("hit", now - w.takenNanos);
    w.handedFromStock = true;
    w.handed = s; // an abandoned takeUni gives back what reached it (PendingTake.abandon)
    Runnable complete = () -> {
      if (!w.cancelled && w.promise.tryComplete(secret)) {
        return;
      }
      runOnPool(() -> {
        counters.hits.add(-1);
        keepForeign(s, clock.nanoTime());
      });
      w.promise.tryFail(new CancellationException("the caller gave up the take"));
    };
    if (w.context == null || w.context == Vertx.currentContext()) {
      inCallersCallbacks(complete);
    } else {
      w.context.runOnContext(v -> complete.run());
    }
    refill();
  }

  /** The shared stock had nothing (or failed): the take goes on as a miss, after a last look at the own stock. */
  private void afterSharedMiss(Waiter<R> w, long now) {
    if (state == State.CLOSED) {
      deliverFailure(w.promise, w.context, reject(Reason.CLOSED, w.takenNanos, now, closedException()));
      return;
    }
    if (w.cancelled) {
      deliverCancelled(w, now);
      return;
    }
    StockedSecret<R> s = stock.pollValid(now);
    if (s != null) {
      counters.hits.increment();
      handOut(s, now);
      events.takeCompleted("hit", now - w.takenNanos);
      w.handedFromStock = true;
      w.handed = s; // an abandoned takeUni gives back what reached it (PendingTake.abandon)
      deliver(w.promise, w.context, s.secret());
      refill();
      return;
    }
    missed(w, now);
  }

  /** A secret from the shared stock, with its deadlines estimated from its {@code expires_at}. */
  private StockedSecret<R> foreign(R secret, long now) {
    long retireAt = expiry.deadlineOfForeign(secret, now) - floorNanos;
    // the shared stock's take already enforced the floor on its own clock: it is usable now, whatever this
    // estimate says, but no longer than the estimate once it is kept here
    return new StockedSecret<>(secret, seq++, retireAt, retireAt);
  }

  /** A secret from the shared stock that no caller of this take gets: to a waiter or the own stock. */
  private void keepForeign(StockedSecret<R> s, long now) {
    if (state == State.CLOSED) {
      counters.discarded(DiscardReason.CLOSED);
    } else if (now >= s.retireAtNanos()) {
      counters.expiredUnused.increment();
    } else {
      place(s, now);
    }
  }

  /**
   * Asks the fleet's stock: every tick while the answer can change what the pool does (warming, callers
   * waiting, or the stock as last counted under the target), else once per idle interval; while the shared
   * stock is down, once per retry interval.
   */
  private void pollFleetStock(long now) {
    if (shared == null || sizeAsked || sharedDown && now - sharedRetryAtNanos < 0) {
      return;
    }
    boolean idle = !sharedDown && fleetStockKnown && ready && waiters.isEmpty()
        && effectiveStock(now) >= planner.currentTarget(now, ready);
    if (idle && now - sizeAskedAtNanos < sharedIdleSizeNanos) {
      return;
    }
    sizeAsked = true;
    sizeAskedAtNanos = now;
    if (sharedDown) {
      sharedRetryAtNanos = SaturatingMath.add(now, sharedRetryNanos);
    }
    int landedBefore = putsLanded; // the answer counts these
    Future<Long> size;
    try {
      // secrets due for replacement within the lead time are not counted: their replacements start now;
      // an idle pool looks again only an interval later, so it starts those due by then too
      long horizon = SaturatingMath.add(planner.leadNanos(), idle ? sharedIdleSizeNanos : 0);
      size = shared.size(Duration.ofNanos(horizon));
    } catch (RuntimeException e) {
      size = Future.failedFuture(e);
    }
    onShared(size, ar -> {
      sizeAsked = false;
      if (ar.failed()) {
        sharedFailed(clock.nanoTime());
      } else {
        sharedAnswered();
        fleetStock = ar.result() == null ? 0 : Math.max(0, ar.result());
        putsLanded = Math.max(0, putsLanded - landedBefore);
        fleetStockKnown = true;
        // a replica joining a stocked fleet is warm without minting
        if (!ready && state == State.RUNNING && fleetStock + stock.size() >= minIdle) {
          markReady();
        }
      }
      refill();
    }, null);
  }

  /**
   * The stock that covers demand: the own stock not due for replacement, plus the fleet's. Until the fleet's
   * stock is first seen, as if the target were met, so that only waiters are minted for: a replica joining
   * a stocked fleet adds nothing to it.
   */
  private int effectiveStock(long now) {
    int local = stock.effective(now, planner.leadNanos(), planner.maxJitterNanos());
    if (shared == null || sharedDown) {
      return local;
    }
    if (!fleetStockKnown) {
      return Math.max(local, planner.currentTarget(now, ready));
    }
    return SaturatingMath.toInt(local + fleetStock + putsInFlight + putsLanded);
  }

  private void sharedFailed(long now) {
    if (!sharedDown) {
      sharedDown = true;
      sharedRetryAtNanos = SaturatingMath.add(now, sharedRetryNanos);
    }
    // on its own until the shared stock answers again: its own stock, its own minting
    fleetStock = 0;
    putsLanded = 0;
    fleetStockKnown = true;
  }

  private void sharedAnswered() {
    sharedDown = false;
  }

  /**
   * Waits, on the event loop, for a call to the shared stock, at most {@link #SHARED_ANSWER_TIMEOUT_NANOS}:
   * {@code handler} gets the answer or, first, a failure; {@code late} (may be null) a success that came
   * after the timeout.
   */
  private <T> void onShared(Future<T> answer, Consumer<AsyncResult<T>> handler, Consumer<T> late) {
    boolean[] settled = {false};
    long timer = clock.setTimer(ceilMillis(SHARED_ANSWER_TIMEOUT_NANOS), () -> runOnPool(() -> {
      if (!settled[0]) {
        settled[0] = true;
        guarded("the shared stock", () -> handler.accept(Future.failedFuture("no answer from the shared stock "
            + "within " + millis(SHARED_ANSWER_TIMEOUT_NANOS) + " ms")));
      }
    }));
    answer.onComplete(ar -> runOnPool(() -> {
      if (!settled[0]) {
        settled[0] = true;
        clock.cancelTimer(timer);
        guarded("the shared stock", () -> handler.accept(ar));
      } else if (late != null && ar.succeeded() && ar.result() != null) {
        guarded("the shared stock", () -> late.accept(ar.result()));
      }
    }));
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

  private void mintFailed(MintGovernor.MintCall call, Throwable cause, long now) {
    UpstreamErrorKind kind = MintGovernor.classify(cause);
    counters.upstreamError(kind);
    if (state == State.CLOSED) {
      return;
    }
    if (MintGovernor.isFatal(kind, cause)) {
      actOn(governor.fatalFailure(cause, now), now);
      return;
    }
    // Retry-After is honoured on 429 only: a 5xx that sends one is failing, not asking for a pause
    Duration retryAfter = cause instanceof ApiException a && a.status() == 429 ? a.retryAfter() : null;
    actOn(governor.transientFailure(call, now, retryAfter, cause), now);
  }

  /** What callers learn from a failure the governor judged. */
  private void actOn(MintGovernor.Verdict v, long now) {
    Throwable cause = governor.lastFailure();
    if (v.fatal()) {
      long wait = governor.nextProbeNanos() - now;
      failWaiters(w -> true, now, Reason.UPSTREAM_REJECTED, "the upstream refused minting: " + cause.getMessage(),
          wait, cause);
      if (startPromise != null && !ready) {
        startPromise.tryFail(new SecretPoolException(Reason.UPSTREAM_REJECTED,
            "the pool cannot warm up: the upstream refused minting: " + cause.getMessage(), retryAfter(wait), cause));
      }
      return;
    }
    if (v.pauseNanos() > 0) {
      long until = v.pauseUntilNanos();
      // waiters whose deadline comes before the pause ends would only hang: tell them now
      failWaiters(w -> w.deadlineNanos < until, now, Reason.CIRCUIT_OPEN,
          "the upstream asked to pause minting for " + millis(v.pauseNanos()) + " ms", until - now, cause);
    }
    if (v.circuitOpened()) {
      failWaiters(w -> true, now, Reason.CIRCUIT_OPEN, "the upstream is failing (circuit open after "
          + governor.consecutiveFailures() + " consecutive failures)", governor.nextProbeNanos() - now, cause);
    }
  }

  // =====================================================================================================
  // event loop: waiters

  private void failWaiters(Predicate<Waiter<R>> which, long now, Reason reason, String why, long retryAfterNanos,
      Throwable cause) {
    if (waiters.isEmpty()) {
      return;
    }
    // commit the state first, then complete: callbacks may call take() again
    List<Waiter<R>> failed = waiters.removeIf(which);
    for (Waiter<R> w : failed) {
      SecretPoolException e = new SecretPoolException(reason, "no secret: " + why,
          reason == Reason.CLOSED ? null : retryAfter(retryAfterNanos), cause);
      deliverFailure(w.promise, w.context, reject(reason, w.takenNanos, now, e));
    }
  }

  private Waiter<R> nextLiveWaiter(long now) {
    expireWaiters(now);
    for (;;) {
      Waiter<R> w = waiters.pollFirst();
      if (w == null || !w.cancelled) {
        return w;
      }
      deliverCancelled(w, now); // its cancel() hop is still on its way: it leaves now
    }
  }

  private void expireWaiters(long now) {
    List<Waiter<R>> expired = waiters.removeDue(now);
    for (Waiter<R> w : expired) {
      counters.timedOut.increment();
      events.takeCompleted("timed_out", now - w.takenNanos);
      Throwable last = governor.lastFailure();
      boolean failing = last != null && governor.consecutiveFailures() > 0;
      deliverFailure(w.promise, w.context, new SecretPoolException(Reason.ACQUIRE_TIMEOUT,
          "no secret within acquireTimeout (" + options.getAcquireTimeout().toMillis() + " ms)"
          + (failing ? "; upstream: " + last.getMessage() : ""),
          retryAfter(Math.max(planner.latencyP99(), ROUNDING_NANOS)), failing ? last : null));
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
    waiterTimer = clock.setTimer(delay, () -> runOnPool(() -> guarded("the waiter timer", this::onWaiterTimer)));
  }

  private void onWaiterTimer() {
    waiterTimer = -1;
    if (state == State.CLOSED) {
      return;
    }
    expireWaiters(clock.nanoTime());
    armWaiterTimer();
  }

  // =====================================================================================================
  // event loop: the tick

  private void scheduleTick() {
    tickTimer = clock.setTimer(tickMillis, () -> runOnPool(this::tick));
  }

  private void tick() {
    tickTimer = -1;
    if (state != State.RUNNING) {
      return;
    }
    try {
      guarded("the tick", this::tickOnce);
    } finally {
      // whatever the step did, the next tick comes: a dead tick would silently stop refresh and recovery
      if (state == State.RUNNING && tickTimer == -1) {
        scheduleTick();
      }
    }
  }

  private void tickOnce() {
    long now = clock.nanoTime();
    planner.tick(now, demandCounter.sumThenReset(), ready);
    reapStuckMints(now);
    expireWaiters(now);
    armWaiterTimer();
    pollFleetStock(now);
    if (!ready && startPromise != null && now - startedNanos >= acquireTimeoutNanos) {
      Throwable last = governor.lastFailure();
      startPromise.tryFail(new SecretPoolException(Reason.ACQUIRE_TIMEOUT, "the pool did not reach minIdle ("
          + minIdle + ") within acquireTimeout (" + options.getAcquireTimeout().toMillis() + " ms)"
          + (last != null ? "; upstream: " + last.getMessage() : "") + "; it keeps trying",
          retryAfter(ROUNDING_NANOS), last));
    }
    refill();
  }

  /** A mint the client never settles must not hold a slot forever: give up on it after mintTimeout + 1 s. */
  private void reapStuckMints(long now) {
    for (MintGovernor.Verdict v : governor.reapStuck(now, mintTimeoutNanos + ROUNDING_NANOS,
        () -> counters.upstreamError(UpstreamErrorKind.TIMEOUT))) {
      actOn(v, now);
    }
  }

  // =====================================================================================================
  // event loop: close

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
    if (paceTimer != -1) {
      clock.cancelTimer(paceTimer);
      paceTimer = -1;
    }
    failWaiters(w -> true, now, Reason.CLOSED, "the pool was closed", 0, null);
    for (int i = stock.drain(); i > 0; i--) {
      counters.discarded(DiscardReason.CLOSED);
    }
    if (startPromise != null) {
      startPromise.tryFail(closedException());
    }
    if (before == State.RUNNING && governor.inFlight() > 0) {
      closeTimer = clock.setTimer(ceilMillis(mintTimeoutNanos), () -> runOnPool(() -> {
        closeTimer = -1;
        closePromise.tryComplete();
      }));
    }
    maybeFinishClose();
  }

  private void maybeFinishClose() {
    if (governor.inFlight() == 0 && closePromise != null) {
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
    long seconds = Math.max(1, SaturatingMath.add(nanos, 999_999_999L) / 1_000_000_000L);
    return Duration.ofSeconds(seconds);
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000L;
  }

  private static long ceilMillis(long nanos) {
    return Math.max(1, (Math.max(nanos, MIN_DELAY_NANOS) + 999_999L) / 1_000_000L);
  }
}
