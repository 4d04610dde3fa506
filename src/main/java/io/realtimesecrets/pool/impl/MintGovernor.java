package io.realtimesecrets.pool.impl;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.RateLimitInfo;
import io.realtimesecrets.client.UpstreamException;
import io.realtimesecrets.model.RequestValidationException;
import io.realtimesecrets.pool.MintBudget;
import io.realtimesecrets.pool.PoolClock;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.realtimesecrets.pool.SecretPoolStats.CircuitState;
import io.realtimesecrets.pool.SecretPoolStats.UpstreamErrorKind;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeoutException;

/**
 * Decides when the pool may call the upstream: the adaptive limit on mints in flight (AIMD), backoff after
 * failures, pauses the upstream asked for ({@code Retry-After}), the circuit (closed, open, half-open with
 * one probe) and pacing (the rate learned from the upstream's {@code x-ratelimit-*-requests} headers, and
 * the {@link MintBudget} asked before every mint). It never calls the upstream itself and never touches
 * waiters: it answers "may I mint now?" and turns each outcome into a {@link Verdict} the pool acts on.
 *
 * <p>Failures are counted as events, not answers: a failure of a call sent before the last counted failure
 * belongs to the same burst (sixteen calls in flight that all fail are one event for the circuit and one
 * step down of the limit). A {@code 429} with {@code Retry-After} is a pause, never a step towards the
 * circuit.
 *
 * <p>Owned by the pool's event-loop thread; the {@code *View} fields are for {@code stats()} on any thread.
 */
final class MintGovernor {

  private static final System.Logger LOG = System.getLogger(SecretPool.class.getName());

  static final double AIMD_DECREASE = 0.7;

  /** One mint call the governor counts in flight. */
  static final class MintCall {
    final long sentNanos;
    final boolean probe;
    boolean done;
    boolean abandoned;

    MintCall(long sentNanos, boolean probe) {
      this.sentNanos = sentNanos;
      this.probe = probe;
    }
  }

  /** What a failure means for callers. */
  record Verdict(boolean fatal, boolean circuitOpened, long pauseUntilNanos, long pauseNanos) {
  }

  /** A pacing wait is never shorter than this, so a rate cannot make the pool spin on timers. */
  static final long MIN_PACE_WAIT_NANOS = 1_000_000L;

  private final SecretPoolOptions options;
  private final PoolClock clock;
  private final int maxInFlight;
  private final long maxRetryAfterNanos;
  private final MintBudget budget;
  private int budgetPending;
  private long budgetWaitUntilNanos = Long.MIN_VALUE;
  /** The budget's last "wait" to a mint for a waiting caller; such mints may go before refills may. */
  private long waiterBudgetWaitUntilNanos = Long.MIN_VALUE;
  // learned from x-ratelimit-*-requests
  private long learnedLimit = -1;
  private long longestResetNanos;
  private long windowEndNanos = Long.MIN_VALUE;
  private long allowance = Long.MAX_VALUE;
  private long spacingNanos;
  private long nextPacedNanos = Long.MIN_VALUE;
  private long burstStartNanos = Long.MIN_VALUE;
  private final ArrayDeque<MintCall> calls = new ArrayDeque<>();
  private int inFlight;
  private double limit;
  private int consecutiveFailures;
  private long nextAttemptNanos;
  private long pauseUntilNanos;
  private long nextProbeNanos;
  private Throwable fatalCause;
  private Throwable lastFailure;
  private long lastWindowNanos;
  private volatile CircuitState circuit = CircuitState.CLOSED;
  private volatile int inFlightView;
  private volatile int limitView;

  MintGovernor(SecretPoolOptions options, PoolClock clock) {
    this.options = options;
    this.clock = clock;
    this.maxInFlight = options.getMaxInFlight();
    this.limit = options.getInitialInFlight();
    this.limitView = options.getInitialInFlight();
    this.maxRetryAfterNanos = SaturatingMath.nanos(options.getMaxRetryAfter());
    MintBudget configured = options.getMintBudget();
    this.budget = configured != null ? configured
        : options.getMaxMintRate() > 0 ? MintBudget.local(options.getMaxMintRate(), clock) : null;
  }

  // ---- questions

  CircuitState circuit() {
    return circuit;
  }

  int inFlight() {
    return inFlight;
  }

  int inFlightView() {
    return inFlightView;
  }

  int limitView() {
    return limitView;
  }

  int limit() {
    return (int) limit;
  }

  long pauseUntilNanos() {
    return pauseUntilNanos;
  }

  long nextProbeNanos() {
    return nextProbeNanos;
  }

  int consecutiveFailures() {
    return consecutiveFailures;
  }

  Throwable fatalCause() {
    return fatalCause;
  }

  Throwable lastFailure() {
    return lastFailure;
  }

  void lastWindowNanos(long window) {
    lastWindowNanos = window;
  }

  /** Whether an open circuit is due its probe (and nothing is in flight). */
  boolean probeDue(long now) {
    return circuit == CircuitState.OPEN && now >= nextProbeNanos && inFlight == 0;
  }

  /** Whether regular (non-probe) mints may start now. */
  boolean mayMint(long now) {
    return circuit == CircuitState.CLOSED && now >= pauseUntilNanos && now >= nextAttemptNanos;
  }

  /** How many more mints the concurrency limit allows now (budget requests outstanding count as in flight). */
  int room() {
    // after a failure, one call at a time until one succeeds: a failing upstream gets one call per backoff
    // step, not a burst that would only fail together
    int cap = consecutiveFailures > 0 ? 1 : (int) limit;
    return cap - inFlight - budgetPending;
  }

  /** Mints in flight plus mints waiting for the budget's answer. */
  int committed() {
    return inFlight + budgetPending;
  }

  // ---- pacing

  MintBudget budget() {
    return budget;
  }

  /**
   * The earliest instant the next mint that fills stock may start by pacing alone: the learned spacing, an
   * exhausted learned allowance (wait for its window to end) and the budget's last "wait".
   */
  long paceReadyAt(long now) {
    return readyAt(now, budgetWaitUntilNanos);
  }

  /**
   * As {@link #paceReadyAt}, for a mint a caller is waiting for: the budget's "wait" to a refill does not hold
   * it back (the budget is asked again, with {@link MintBudget#acquireForWaitingCaller()}), only its "wait" to
   * such a mint does. The upstream's own pacing holds for both.
   */
  long waiterReadyAt(long now) {
    return readyAt(now, waiterBudgetWaitUntilNanos);
  }

  private long readyAt(long now, long budgetWaitUntil) {
    if (learnedLimit > 0 && windowEndNanos != Long.MIN_VALUE && now - windowEndNanos >= 0) {
      // the window we learned of has ended: assume a fresh one of the same length, until an answer says more
      allowance = Math.max(0, learnedLimit - inFlight);
      windowEndNanos = SaturatingMath.add(now, longestResetNanos);
    }
    long t = Long.MIN_VALUE;
    if (nextPacedNanos != Long.MIN_VALUE) {
      t = nextPacedNanos;
    }
    if (budgetWaitUntil != Long.MIN_VALUE) {
      t = Math.max(t, budgetWaitUntil);
    }
    if (allowance <= 0 && windowEndNanos != Long.MIN_VALUE && now < windowEndNanos) {
      t = Math.max(t, windowEndNanos);
    }
    return t;
  }

  void budgetAsked() {
    budgetPending++;
  }

  /**
   * The budget answered; {@code waitNanos} 0 means granted. A "wait" to a waiting caller's mint holds refills
   * back too; a "wait" to a refill holds back only refills.
   */
  void budgetAnswered(long now, long waitNanos, boolean forWaitingCaller) {
    budgetPending--;
    if (waitNanos > 0) {
      long until = SaturatingMath.add(now, Math.max(MIN_PACE_WAIT_NANOS, waitNanos));
      if (forWaitingCaller) {
        waiterBudgetWaitUntilNanos = until;
        budgetWaitUntilNanos = budgetWaitUntilNanos == Long.MIN_VALUE ? until : Math.max(budgetWaitUntilNanos, until);
      } else {
        budgetWaitUntilNanos = until;
      }
    }
  }

  /**
   * Learns the upstream's request budget from the headers of an answer to {@code call}. Calls sent after it
   * and still in flight are not in its {@code remaining} yet, so they are taken off.
   */
  void observed(RateLimitInfo info, MintCall call, long now) {
    if (info == null || !info.isKnown()) {
      return;
    }
    if (budget != null) {
      budget.observed(info);
    }
    if (info.remainingRequests() < 0 || info.resetRequests() == null) {
      return;
    }
    long reset = Math.max(0, SaturatingMath.nanos(info.resetRequests()));
    if (info.limitRequests() > 0) {
      learnedLimit = info.limitRequests();
    }
    longestResetNanos = Math.max(longestResetNanos, reset);
    long later = 0;
    for (MintCall c : calls) {
      if (!c.done && !c.abandoned && c.sentNanos > call.sentNanos) {
        later++;
      }
    }
    allowance = info.remainingRequests() - later;
    windowEndNanos = SaturatingMath.add(now, reset);
    if (learnedLimit > 0 && longestResetNanos > 0) {
      // spread evenly: the limit over the longest window seen (never faster than the upstream replenishes)
      spacingNanos = longestResetNanos / learnedLimit;
    }
  }

  // ---- transitions

  MintCall launched(long now, boolean probe) {
    if (probe) {
      circuit = CircuitState.HALF_OPEN;
    }
    if (spacingNanos > 0) {
      nextPacedNanos = Math.max(now, nextPacedNanos == Long.MIN_VALUE ? now : nextPacedNanos) + spacingNanos;
    }
    if (allowance != Long.MAX_VALUE) {
      allowance--;
    }
    inFlight++;
    inFlightView = inFlight;
    MintCall call = new MintCall(now, probe);
    calls.addLast(call);
    return call;
  }

  /** A call settled (either way); false when it had already been given up on. */
  boolean settled(MintCall call) {
    boolean counted = !call.abandoned;
    if (counted) {
      call.done = true;
      inFlight--;
      inFlightView = inFlight;
    }
    while (!calls.isEmpty() && (calls.peekFirst().done || calls.peekFirst().abandoned)) {
      calls.pollFirst();
    }
    return counted;
  }

  void succeeded(MintCall call) {
    if (circuit != CircuitState.CLOSED) {
      LOG.log(System.Logger.Level.INFO, "upstream recovered after {0} failures; minting resumes",
          consecutiveFailures);
      circuit = CircuitState.CLOSED;
      fatalCause = null;
    } else if (inFlight + 1 >= limit / 2 && (burstStartNanos == Long.MIN_VALUE || call.sentNanos >= burstStartNanos)) {
      // additive increase per success: the limit can double per round trip while the upstream keeps up; only
      // calls sent after the last cut count (as in TCP: an older success says nothing about the cut limit)
      limit = Math.min(maxInFlight, limit + 1);
      limitView = (int) limit;
    }
    consecutiveFailures = 0;
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

  static boolean isFatal(UpstreamErrorKind kind, Throwable cause) {
    return kind == UpstreamErrorKind.QUOTA || kind == UpstreamErrorKind.AUTH || kind == UpstreamErrorKind.BAD_REQUEST
        || (cause instanceof UpstreamException u && !u.isRetryable());
  }

  /** A call failed in a way retrying cannot cure: open the circuit, probe again after fatalProbeInterval. */
  Verdict fatalFailure(Throwable cause, long now) {
    lastFailure = cause;
    consecutiveFailures++;
    burstStartNanos = now;
    if (fatalCause == null) {
      LOG.log(System.Logger.Level.ERROR, "the upstream refused to mint and retrying cannot help: {0}; "
          + "probing again every {1} ms", cause.getMessage(), options.getFatalProbeInterval().toMillis());
    }
    fatalCause = cause;
    circuit = CircuitState.OPEN;
    nextProbeNanos = SaturatingMath.add(now, SaturatingMath.nanos(options.getFatalProbeInterval()));
    return new Verdict(true, true, pauseUntilNanos, 0);
  }

  /**
   * A call failed in a way that may pass: back off, pause if asked (at most {@code maxRetryAfter}), open the
   * circuit past the threshold. A failure of a call sent before the last counted one is part of that burst:
   * it only records the cause.
   */
  Verdict transientFailure(MintCall call, long now, Duration retryAfter, Throwable cause) {
    lastFailure = cause;
    boolean sameBurst = !call.probe && burstStartNanos != Long.MIN_VALUE && call.sentNanos < burstStartNanos;
    long asked = SaturatingMath.nanos(retryAfter);
    boolean pauseAsked = asked > 0;
    if (!sameBurst) {
      burstStartNanos = now;
      if (!pauseAsked) {
        consecutiveFailures++;
      }
      limit = Math.max(1, Math.floor(limit * AIMD_DECREASE));
      limitView = (int) limit;
      nextAttemptNanos = Math.max(nextAttemptNanos, SaturatingMath.add(now, backoffDelay()));
    }
    boolean open = call.probe || consecutiveFailures >= options.getCircuitFailureThreshold();
    long pause = 0;
    if (pauseAsked) {
      if (budget != null) {
        budget.rateLimited(retryAfter);
      }
      // a little stretch so that pools paused together do not all come back on the same millisecond
      pause = Math.min(maxRetryAfterNanos, (long) Math.min(Long.MAX_VALUE / 2, asked * (1 + clock.nextJitter() * 0.05)));
      long until = SaturatingMath.add(now, pause);
      if (until > pauseUntilNanos) {
        pauseUntilNanos = until;
        LOG.log(System.Logger.Level.INFO, "upstream asked to retry after {0} ms: minting paused for {1} ms",
            asked / 1_000_000L, pause / 1_000_000L);
      }
      nextAttemptNanos = Math.max(nextAttemptNanos, pauseUntilNanos);
    }
    boolean opened = false;
    if (open && circuit != CircuitState.OPEN) {
      LOG.log(System.Logger.Level.WARNING, "upstream failing ({0} consecutive failures, last: {1}): circuit open",
          consecutiveFailures, cause == null ? "?" : cause.getMessage());
      circuit = CircuitState.OPEN;
      nextProbeNanos = nextAttemptNanos;
      opened = true;
    } else if (open) {
      nextProbeNanos = Math.max(nextProbeNanos, nextAttemptNanos);
      opened = true;
    }
    return new Verdict(false, opened, pauseUntilNanos, pause);
  }

  /** Full jitter: U(0, min(cap, base * 2^(n-1))), never under the retry floor. */
  private long backoffDelay() {
    long base = SaturatingMath.nanos(options.getBackoffBase());
    long cap = SaturatingMath.nanos(options.getBackoffCap());
    if (lastWindowNanos > 0) {
      cap = Math.min(cap, lastWindowNanos / 4); // several attempts must fit before stock dies
    }
    cap = Math.max(cap, SecretPoolImpl.MIN_RETRY_DELAY_NANOS);
    int shift = Math.min(30, Math.max(0, consecutiveFailures - 1));
    long step = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    return Math.max(SecretPoolImpl.MIN_RETRY_DELAY_NANOS, (long) (clock.nextJitter() * (step + 1)));
  }

  /**
   * Gives up on calls the client never settled within {@code limitNanos}: each frees its slot and counts as
   * a timeout. Returns the verdicts, in order.
   */
  java.util.List<Verdict> reapStuck(long now, long limitNanos, Runnable onEach) {
    java.util.List<Verdict> out = new java.util.ArrayList<>();
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
      onEach.run();
      out.add(transientFailure(c, now, null, new TimeoutException("mint call not settled within mintTimeout")));
    }
    return out;
  }
}
