package io.realtimesecrets.pool.impl;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.UpstreamException;
import io.realtimesecrets.model.RequestValidationException;
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
 * failures, pauses the upstream asked for ({@code Retry-After}), and the circuit (closed, open, half-open
 * with one probe). It never calls the upstream itself and never touches waiters: it answers "may I mint
 * now?" and turns each outcome into a {@link Verdict} the pool acts on.
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

  private final SecretPoolOptions options;
  private final PoolClock clock;
  private final int maxInFlight;
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

  /** How many more mints the concurrency limit allows now. */
  int room() {
    return (int) limit - inFlight;
  }

  // ---- transitions

  MintCall launched(long now, boolean probe) {
    if (probe) {
      circuit = CircuitState.HALF_OPEN;
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

  void succeeded() {
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
    if (fatalCause == null) {
      LOG.log(System.Logger.Level.ERROR, "the upstream refused to mint and retrying cannot help: {0}; "
          + "probing again every {1} ms", cause.getMessage(), options.getFatalProbeInterval().toMillis());
    }
    fatalCause = cause;
    circuit = CircuitState.OPEN;
    nextProbeNanos = now + options.getFatalProbeInterval().toNanos();
    return new Verdict(true, true, pauseUntilNanos, 0);
  }

  /** A call failed in a way that may pass: back off, pause if asked, open the circuit past the threshold. */
  Verdict transientFailure(MintCall call, long now, Duration retryAfter, Throwable cause) {
    lastFailure = cause;
    consecutiveFailures++;
    limit = Math.max(1, Math.floor(limit * AIMD_DECREASE));
    limitView = (int) limit;
    nextAttemptNanos = Math.max(nextAttemptNanos, now + backoffDelay());
    boolean open = call.probe || consecutiveFailures >= options.getCircuitFailureThreshold();
    long pause = 0;
    if (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) {
      long asked = retryAfter.toNanos();
      long max = options.getMaxRetryAfter().toNanos();
      pause = asked > max ? asked : (long) (asked * (1 + clock.nextJitter() * 0.05));
      open |= asked > max;
      pauseUntilNanos = Math.max(pauseUntilNanos, now + pause);
      nextAttemptNanos = Math.max(nextAttemptNanos, pauseUntilNanos);
      LOG.log(System.Logger.Level.INFO, "upstream asked to retry after {0} ms: minting paused", pause / 1_000_000L);
    }
    boolean opened = false;
    if (open) {
      if (circuit != CircuitState.OPEN) {
        LOG.log(System.Logger.Level.WARNING, "upstream failing ({0} consecutive failures, last: {1}): circuit open",
            consecutiveFailures, cause == null ? "?" : cause.getMessage());
      }
      circuit = CircuitState.OPEN;
      nextProbeNanos = nextAttemptNanos;
      opened = true;
    }
    return new Verdict(false, opened, pauseUntilNanos, pause);
  }

  /** Full jitter: U(0, min(cap, base * 2^(n-1))), never under the retry floor. */
  private long backoffDelay() {
    long base = options.getBackoffBase().toNanos();
    long cap = options.getBackoffCap().toNanos();
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
