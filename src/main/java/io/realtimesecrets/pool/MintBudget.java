package io.realtimesecrets.pool;

import io.realtimesecrets.client.RateLimitInfo;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A budget of mints per second that a pool asks before every mint call. The upstream's rate limit belongs to
 * the organisation behind the API key, not to one pool, so the pools of one gateway (or, with a shared
 * implementation, of several processes) should spend one budget: give them the same instance through
 * {@link SecretPoolOptions#setMintBudget(MintBudget)}.
 *
 * <p>{@link #local(double)} is the in-process implementation (a token bucket of one, so mints are spread
 * evenly rather than sent in bursts). The interface is asynchronous so that a shared store (Redis, say) can
 * implement it; a pool never blocks on it and keeps at most one request per mint it wants.
 *
 * <p>Two kinds of mint ask: {@link #acquire()} for a mint that only fills stock ahead of demand, and
 * {@link #acquireForWaitingCaller()} for a mint a caller is waiting for now. A budget shared by pools that all
 * want stock must let the second kind go first: otherwise a pool whose caller is waiting can lose the budget,
 * ask after ask, to the other pools' refills, and its caller times out while the budget is spent on stock.
 *
 * <p>Implementations must be thread safe: pools call from their own event loops.
 */
public interface MintBudget {

  /**
   * Asks to spend one mint now.
   *
   * @return completes with {@link Duration#ZERO} when the mint may go now (the permit is spent), or with
   *     how long to wait before asking again (nothing spent). A failed future lets the mint go: a budget
   *     store that is down must not stop minting. So does an answer that has not come within one second
   *     (the pool stops waiting for it; a late answer is ignored).
   */
  Future<Duration> acquire();

  /**
   * Asks to spend one mint now for a caller who is waiting for it. A budget should answer it ahead of
   * {@link #acquire()}: the built-in budgets let it borrow one interval ahead of the rate (the mints that only
   * fill stock then wait that much longer), so over any period the total stays within the rate plus one mint.
   * The default asks as {@link #acquire()}.
   *
   * @return as {@link #acquire()}
   */
  default Future<Duration> acquireForWaitingCaller() {
    return acquire();
  }

  /**
   * Tells the budget the upstream refused a mint for its rate limit, so that it can slow down. Optional.
   *
   * @param retryAfter the upstream's {@code Retry-After}, or {@code null}
   */
  default void rateLimited(Duration retryAfter) {
  }

  /**
   * Tells the budget the rate-limit headers of an answer. Optional.
   *
   * @param info the headers
   */
  default void observed(RateLimitInfo info) {
  }

  /**
   * A budget of {@code mintsPerSecond} for this process, spread evenly (one mint every
   * {@code 1 / mintsPerSecond} seconds at most), on {@link System#nanoTime()}.
   *
   * @param mintsPerSecond the ceiling, above 0
   * @return the budget
   */
  static MintBudget local(double mintsPerSecond) {
    return local(mintsPerSecond, System::nanoTime);
  }

  /**
   * As {@link #local(double)}, on the monotonic time of {@code clock} (tests pass a {@link VirtualPoolClock}).
   *
   * @param mintsPerSecond the ceiling, above 0
   * @param clock the clock
   * @return the budget
   */
  static MintBudget local(double mintsPerSecond, PoolClock clock) {
    Objects.requireNonNull(clock, "clock");
    return local(mintsPerSecond, clock::nanoTime);
  }

  private static MintBudget local(double mintsPerSecond, LongSupplier nanoTime) {
    if (!(mintsPerSecond > 0) || Double.isInfinite(mintsPerSecond)) {
      throw new IllegalArgumentException("mintsPerSecond: must be a finite number above 0, got " + mintsPerSecond);
    }
    long interval = Math.max(1, (long) (1e9 / mintsPerSecond));
    return new MintBudget() {
      private long nextFreeNanos = Long.MIN_VALUE;

      @Override
      public Future<Duration> acquire() {
        return ask(0);
      }

      @Override
      public Future<Duration> acquireForWaitingCaller() {
        return ask(interval);
      }

      /** Spends a permit if the next free instant is at most {@code borrowNanos} away. */
      private synchronized Future<Duration> ask(long borrowNanos) {
        long now = nanoTime.getAsLong();
        if (nextFreeNanos == Long.MIN_VALUE || nextFreeNanos - now <= borrowNanos) {
          // a budget idle for a while gives no burst: at most one mint per interval, ever (plus what one
          // waiting caller may borrow)
          nextFreeNanos = (nextFreeNanos == Long.MIN_VALUE || now - nextFreeNanos > 0 ? now : nextFreeNanos)
              + interval;
          return Future.succeededFuture(Duration.ZERO);
        }
        return Future.succeededFuture(Duration.ofNanos(nextFreeNanos - borrowNanos - now));
      }

      @Override
      public String toString() {
        return "MintBudget.local(" + mintsPerSecond + "/s)";
      }
    };
  }
}
