package io.realtimesecrets.pool;

import java.time.Duration;
import java.util.Map;

/**
 * An immutable snapshot of a pool's numbers: the same ones {@link SecretPoolMetrics} publishes, without
 * Micrometer. Counters count since the pool was created.
 *
 * <p>Counters are read one after another while other threads may be taking, so a snapshot taken under
 * load can be off by the takes in progress; at rest the accounting identity
 * {@code minted = handedOut + expiredUnused + discarded + stock} holds exactly ({@link #isBalanced()}),
 * except with a {@link SharedSecretStock}: a pool's mints then go to the fleet's stock and it hands out
 * secrets other processes minted, so the identity holds for the fleet, not for one pool.
 *
 * @param hits takes served at once from stock
 * @param waited takes that waited and were served by a fresh mint
 * @param timedOut takes that failed with {@link SecretPoolException.Reason#ACQUIRE_TIMEOUT}
 * @param rejected takes refused at once, by reason ({@code WAITERS_FULL}, {@code CIRCUIT_OPEN},
 *     {@code UPSTREAM_REJECTED}, {@code CLOSED}); every reason present, zero included
 * @param minted secrets received from the upstream (dead-on-arrival and late ones included)
 * @param expiredUnused secrets retired at the floor without being handed out (waste)
 * @param discarded secrets dropped for another reason, by reason; every reason present
 * @param stock secrets in stock now
 * @param target the stock the pool currently aims for
 * @param waiters callers waiting now
 * @param inFlight mint calls in flight now
 * @param inFlightLimit the current adaptive limit on mint calls in flight
 * @param mintAttempts mint calls started
 * @param upstreamErrors failed mint calls by kind; every kind present
 * @param demandPerSecond the demand estimate (takes per second, fast-attack slow-decay)
 * @param mintLatencyP99 the 99th percentile of recent mint round trips, {@link Duration#ZERO} before any
 * @param minRemainingLifeAtHandOut the least remaining life (on the pool's conservative estimate) any
 *     handed-out secret had, or {@code null} before the first hand-out; never below {@link #floor()}
 * @param floor the effective {@code minRemainingLife}
 * @param circuit the circuit state
 * @param clockSkew the upstream's {@code Date} minus the local wall clock at the last mint, or
 *     {@link Duration#ZERO} when unknown
 */
public record SecretPoolStats(
    long hits, long waited, long timedOut, Map<SecretPoolException.Reason, Long> rejected,
    long minted, long expiredUnused, Map<DiscardReason, Long> discarded,
    int stock, int target, int waiters, int inFlight, int inFlightLimit,
    long mintAttempts, Map<UpstreamErrorKind, Long> upstreamErrors,
    double demandPerSecond, Duration mintLatencyP99, Duration minRemainingLifeAtHandOut, Duration floor,
    CircuitState circuit, Duration clockSkew) {

  /** Copies the maps so the snapshot is immutable. */
  public SecretPoolStats {
    rejected = Map.copyOf(rejected);
    discarded = Map.copyOf(discarded);
    upstreamErrors = Map.copyOf(upstreamErrors);
  }

  /** Why a minted secret was dropped without being handed out or expiring in stock. */
  public enum DiscardReason {
    /** Arrived with less than the floor plus one second of life left (metric tag {@code doa}). */
    DEAD_ON_ARRIVAL("doa"),
    /** The pool closed while it was in stock or in flight (metric tag {@code closed}). */
    CLOSED("closed"),
    /**
     * The answer could not be used: an absurd {@code expires_at}, or any other error while taking it in
     * (metric tag {@code invalid}); counted as a failed mint too.
     */
    INVALID("invalid"),
    /**
     * Minted for the {@link io.realtimesecrets.pool.SharedSecretStock shared stock}, whose store failed or did
     * not answer in time (metric tag {@code shared_store_failed}): it may be stored all the same, so the pool
     * does not keep it too.
     */
    SHARED_STORE_FAILED("shared_store_failed");

    private final String tag;

    DiscardReason(String tag) {
      this.tag = tag;
    }

    /** @return the metric tag value */
    public String tag() {
      return tag;
    }
  }

  /** What kind of upstream failure a mint call met (metric tag {@code kind}). */
  public enum UpstreamErrorKind {
    /** 429 that waiting cures. */
    RATE_LIMITED("rate_limited"),
    /** 429 {@code insufficient_quota}: never retried. */
    QUOTA("quota"),
    /** 401 or 403: never retried. */
    AUTH("auth"),
    /** Another 4xx, or a template the client refused: never retried. */
    BAD_REQUEST("bad_request"),
    /** 5xx, 408, 409. */
    SERVER("server"),
    /** No answer within {@code mintTimeout}. */
    TIMEOUT("timeout"),
    /** Connection failed or reset, TLS refused. */
    IO("io"),
    /** A 2xx answer that could not be used. */
    INVALID_RESPONSE("invalid_response"),
    /** A secret that arrived (nearly) expired. */
    SHORT_LIVED("short_lived"),
    /** Anything else. */
    OTHER("other");

    private final String tag;

    UpstreamErrorKind(String tag) {
      this.tag = tag;
    }

    /** @return the metric tag value */
    public String tag() {
      return tag;
    }
  }

  /** The upstream circuit. */
  public enum CircuitState {
    /** Minting normally (possibly backing off after a few failures). */
    CLOSED,
    /** One probe mint in flight after the circuit was open. */
    HALF_OPEN,
    /** Repeated or fatal failures: no mints until the next probe; takes without stock fail at once. */
    OPEN;

    /** @return 0 for closed, 1 for half-open, 2 for open (the gauge value) */
    public int gaugeValue() {
      return ordinal();
    }
  }

  /** @return secrets handed out: {@code hits + waited} */
  public long handedOut() {
    return hits + waited;
  }

  /** @return all discarded secrets */
  public long discardedTotal() {
    return discarded.values().stream().mapToLong(Long::longValue).sum();
  }

  /** @return all takes refused at once */
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /** @return every take: served, timed out or rejected */
  public long takes() {
    return hits + waited + timedOut + rejectedTotal();
  }

  /** @return hits divided by takes, 1 when there were none */
  public double hitRatio() {
    long t = takes();
    return t == 0 ? 1.0 : (double) hits / t;
  }

  /** @return expired unused divided by minted, 0 when nothing was minted */
  public double wasteRatio() {
    return minted == 0 ? 0.0 : (double) expiredUnused / minted;
  }

  /** @return whether {@code minted = handedOut + expiredUnused + discarded + stock} */
  public boolean isBalanced() {
    return minted == handedOut() + expiredUnused + discardedTotal() + stock;
  }
}
