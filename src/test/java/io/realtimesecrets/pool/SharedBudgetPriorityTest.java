package io.realtimesecrets.pool;

import static io.realtimesecrets.pool.PoolSim.onContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.pool.SecretPoolException.Reason;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several pools (replicas of a fleet) spend one {@link MintBudget}, each wanting far more stock than the budget
 * can fill soon. A caller waiting on an empty pool must not lose the budget, again and again, to the other
 * pools' stock refills: a mint for a waiting caller goes first, fleet-wide. On a virtual clock, so the order in
 * which equal timers fire is fixed, which is what starved one replica's callers before.
 */
@ExtendWith(VertxExtension.class)
class SharedBudgetPriorityTest {

  static final double BUDGET_PER_SECOND = 2.0;

  @Test
  void aWaitingCallerIsServedAheadOfOtherPoolsStockRefillsUnderOneSharedBudget(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      VirtualPoolClock clock = new VirtualPoolClock();
      MintBudget fleetBudget = MintBudget.local(BUDGET_PER_SECOND, clock);
      List<SecretPool<TestSecret>> replicas = new ArrayList<>();
      List<FakeUpstream> upstreams = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        FakeUpstream upstream = new FakeUpstream(clock, 600);
        upstreams.add(upstream);
        // each replica wants 40 in stock: together the whole budget for a minute
        replicas.add(SecretPool.create(vertx, upstream, new TestRequest(600), new SecretPoolOptions()
            .setMinIdle(40).setMintBudget(fleetBudget), clock));
      }
      replicas.forEach(SecretPool::start);

      Map<Reason, Integer> failures = new EnumMap<>(Reason.class);
      Set<String> secrets = new HashSet<>();
      int[] served = {0};
      // 75% of the budget, round-robin, for 60 s, from the first second (the stocks are still empty)
      long periodMillis = Math.round(1000 / (0.75 * BUDGET_PER_SECOND));
      int asked = 0;
      for (long t = 0; t < 60_000; t += periodMillis) {
        clock.advance(Duration.ofMillis(periodMillis));
        int replica = asked++ % replicas.size();
        replicas.get(replica).take().onComplete(ar -> {
          if (ar.succeeded()) {
            served[0]++;
            secrets.add(replica + "/" + ar.result().secretValue()); // each fake upstream counts from one
          } else {
            failures.merge(((SecretPoolException) ar.cause()).reason(), 1, Integer::sum);
          }
        });
      }
      clock.advance(Duration.ofSeconds(15)); // every caller's acquireTimeout has passed
      long minted = upstreams.stream().mapToLong(u -> u.minted).sum();
      String outcome = "asked=" + asked + " served=" + served[0] + " failures=" + failures + " minted=" + minted;
      assertEquals(Map.of(), failures, "no caller failed: " + outcome);
      assertEquals(asked, served[0], outcome);
      assertEquals(served[0], secrets.size(), "no secret twice: " + outcome);
      // the budget still decides: at most its rate over the run (75 s), plus the one mint a waiter may borrow
      assertTrue(minted <= 75 * BUDGET_PER_SECOND + 2, outcome);
      replicas.forEach(SecretPool::close);
    });
  }
}
