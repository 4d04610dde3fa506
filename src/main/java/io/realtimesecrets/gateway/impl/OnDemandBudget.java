package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many on-demand (per-user) mints of one gateway may be in flight at once, across all its per-user
 * profiles: half of the client's connections ({@link #SHARE_DIVISOR}), so that a flood of per-user calls can
 * hold at most that many and the pools, which mint through the same client, always find the other half
 * free instead of queueing behind the flood. A caller beyond the budget is answered 503 with
 * {@code Retry-After} at once. Thread safe, lock free.
 */
public final class OnDemandBudget {

  /** Per-user mints may hold 1 / 2 of the client's {@code maxConnections}. */
  public static final int SHARE_DIVISOR = 2;

  /** No budget: for sources built outside a gateway (tests, embedders that bound calls themselves). */
  public static final OnDemandBudget UNLIMITED = new OnDemandBudget(Integer.MAX_VALUE);

  private final int limit;
  private final AtomicInteger inFlight = new AtomicInteger();

  private OnDemandBudget(int limit) {
    this.limit = limit;
  }

  /**
   * The budget for per-user mints through a client with these options: {@code maxConnections / 2}, at
   * least 1 (32 with the default 64 connections). The HTTP/1.1 pool size is used for HTTP/2 too: streams
   * are multiplexed there, and the same count keeps per-user calls from crowding a connection's streams.
   *
   * @param clientOptions the options of the gateway's client
   * @return a new budget, shared by the gateway's per-user profiles
   */
  public static OnDemandBudget sharing(RealtimeSecretsClientOptions clientOptions) {
    return new OnDemandBudget(Math.max(1, clientOptions.getMaxConnections() / SHARE_DIVISOR));
  }

  /**
   * Takes one slot.
   *
   * @return false when the budget is spent (nothing taken)
   */
  boolean tryAcquire() {
    if (inFlight.incrementAndGet() > limit) {
      inFlight.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Gives back a slot taken by {@link #tryAcquire()}. */
  void release() {
    inFlight.decrementAndGet();
  }

  /** @return the number of per-user mints allowed in flight at once */
  public int limit() {
    return limit;
  }

  /** @return the per-user mints in flight now */
  public int inFlight() {
    return inFlight.get();
  }
}
