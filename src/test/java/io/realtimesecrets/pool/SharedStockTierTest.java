package io.realtimesecrets.pool;

import static io.realtimesecrets.pool.PoolSim.onContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.pool.SecretPoolStats.DiscardReason;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pool's shared tier on a virtual clock, against a shared stock the test controls: whatever the shared
 * stock does (fail, answer late, lose a put), the caller is served and no secret is lost or handed out twice.
 */
@ExtendWith(VertxExtension.class)
class SharedStockTierTest {

  /** A shared stock whose answers the test decides. */
  static final class ScriptedStock implements SharedSecretStock {
    final Deque<EphemeralSecret> held = new ArrayDeque<>();
    final List<Promise<Object>> pendingTakes = new ArrayList<>();
    boolean failing;
    boolean hangTakes;
    boolean failPuts;
    int puts;
    int sizeCalls;
    // set: the stock keeps time like Redis does, on this clock (usable deadlines, size's horizon)
    VirtualPoolClock clock;
    final java.util.Map<EphemeralSecret, Long> usableUntil = new java.util.IdentityHashMap<>();

    @Override
    public Future<Void> put(EphemeralSecret secret, Duration usableFor) {
      puts++;
      if (failing || failPuts) {
        return Future.failedFuture("connection refused");
      }
      held.add(secret);
      if (clock != null) {
        usableUntil.put(secret, clock.nanoTime() + usableFor.toNanos());
      }
      return Future.succeededFuture();
    }

    /** The secrets still usable {@code horizonNanos} from now (all of them without a clock). */
    long usable(long horizonNanos) {
      if (clock == null) {
        return held.size();
      }
      long at = clock.nanoTime() + horizonNanos;
      return held.stream().filter(s -> usableUntil.get(s) > at).count();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R extends EphemeralSecret> Future<R> take(Class<R> type) {
      if (failing) {
        return Future.failedFuture("connection refused");
      }
      if (hangTakes) {
        Promise<Object> p = Promise.promise();
        pendingTakes.add(p);
        return (Future<R>) (Future<?>) p.future();
      }
      if (clock != null) { // drop the retired ones; the rest are in the order they retire (same life)
        held.removeIf(s -> usableUntil.get(s) <= clock.nanoTime());
      }
      return Future.succeededFuture((R) held.poll());
    }

    @Override
    public Future<Long> size(Duration horizon) {
      sizeCalls++;
      return failing
          ? Future.failedFuture("connection refused")
          : Future.succeededFuture(usable(horizon.toNanos()));
    }
  }

  private static PoolSim sim(Vertx vertx, ScriptedStock stock, int minIdle) {
    return new PoolSim(vertx, 600, new SecretPoolOptions().setMinIdle(minIdle).setSharedStock(stock));
  }

  @Test
  void mintedSecretsGoToTheSharedStockAndAMissTakesFromIt(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      ScriptedStock stock = new ScriptedStock();
      PoolSim sim = sim(vertx, stock, 3);
      Future<Void> started = sim.pool.start();
      sim.advance(Duration.ofSeconds(1));
      assertTrue(started.succeeded());
      assertEquals(3, stock.held.size(), "the warm stock is the fleet's");
      assertEquals(0, sim.pool.stats().stock());
      sim.take();
      sim.advance(Duration.ofMillis(10));
      assertEquals(1, sim.served);
      assertEquals(1, sim.pool.stats().hits(), "served from the shared stock");
      assertEquals(0, sim.pool.stats().waited(), "not by a mint");
    });
  }

  @Test
  void aSharedStockThatFailsIsAMissNeverAnErrorToTheCaller(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      ScriptedStock stock = new ScriptedStock();
      stock.failing = true;
      PoolSim sim = sim(vertx, stock, 2);
      Future<Void> started = sim.pool.start();
      sim.advance(Duration.ofSeconds(1));
      assertTrue(started.succeeded(), "warms on its own stock");
      assertEquals(2, sim.pool.stats().stock());
      for (int i = 0; i < 6; i++) {
        sim.take();
        // past the retry interval now and then: the take probes the shared stock, which fails again
        sim.advance(Duration.ofMillis(i % 2 == 0 ? 2_100 : 400));
      }
      assertEquals(6, sim.served);
      assertTrue(sim.failures.isEmpty(), "no take failed: " + sim.failures);
      assertEquals(0, sim.duplicates);

      stock.failing = false; // Redis is back: the next probe brings the shared tier back
      sim.advance(Duration.ofSeconds(3));
      int before = stock.puts;
      for (int i = 0; i < 4; i++) {
        sim.take();
        sim.advance(Duration.ofMillis(500));
      }
      assertTrue(stock.puts > before, "minted secrets go to the shared stock again");
    });
  }

  @Test
  void aSecretTheSharedStockReturnsAfterThePoolStoppedWaitingIsKeptNotLost(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      ScriptedStock stock = new ScriptedStock();
      PoolSim sim = sim(vertx, stock, 0);
      sim.pool.start();
      sim.advance(Duration.ofMillis(300));
      stock.hangTakes = true;
      sim.take();
      sim.advance(Duration.ofMillis(1_100)); // the pool stops waiting for the shared stock: a mint serves it
      sim.advance(Duration.ofMillis(500));
      assertEquals(1, sim.served);
      assertEquals(1, stock.pendingTakes.size());

      TestSecret late = new TestSecret("ek_late", java.time.Instant.ofEpochMilli(sim.upstream.serverNowMillis()).plusSeconds(600));
      int before = sim.pool.stats().stock();
      stock.pendingTakes.get(0).complete(late);
      assertEquals(before + 1, sim.pool.stats().stock(), "the late secret is this pool's: kept in its own stock");
      stock.hangTakes = false;
      for (int i = 0; i <= before; i++) {
        sim.take(); // own stock, oldest first: the late secret is among them
      }
      assertTrue(sim.seen.contains("ek_late"), "handed out");
      assertEquals(0, sim.duplicates);
    });
  }

  @Test
  void aFailedPutDropsTheSecretRatherThanRiskHandingItOutTwice(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      ScriptedStock stock = new ScriptedStock();
      stock.failPuts = true;
      PoolSim sim = sim(vertx, stock, 2);
      sim.pool.start();
      sim.advance(Duration.ofSeconds(2));
      assertTrue(sim.pool.stats().discarded().get(DiscardReason.SHARED_STORE_FAILED) >= 1);
      assertFalse(sim.pool.stats().stock() == 0, "then on its own: it keeps what it mints");
      sim.take();
      sim.advance(Duration.ofMillis(10));
      assertEquals(1, sim.served);
    });
  }

  @Test
  void aSecretFromTheSharedStockThatAnAbandonedTakeUniNeverPassedGoesBackToThePool(Vertx vertx,
      VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      ScriptedStock stock = new ScriptedStock();
      PoolSim sim = sim(vertx, stock, 1);
      sim.pool.start();
      sim.advance(Duration.ofSeconds(1));
      assertEquals(1, stock.held.size(), "the warm stock is the fleet's");
      // what takeUni does when its subscription is cancelled while the secret is being delivered: Mutiny
      // drops the item, and PendingTake.abandon must return the secret
      io.realtimesecrets.pool.impl.PendingTake<TestSecret> take =
          ((io.realtimesecrets.pool.impl.SecretPoolImpl<TestSecret>) sim.pool).takeCancellable();
      assertTrue(take.future().succeeded(), "served from the shared stock");
      java.lang.reflect.Method abandon = take.getClass().getDeclaredMethod("abandon");
      abandon.setAccessible(true);
      abandon.invoke(take);
      SecretPoolStats st = sim.pool.stats();
      assertEquals(1, st.stock(), "the secret came back: " + st);
      assertEquals(0, st.hits(), "and is not counted as handed out: " + st);
      assertTrue(st.isBalanced(), st.toString());
    });
  }

  @Test
  void anIdlePoolWithAStockedFleetAsksItsSizeOnlyEveryFewSecondsAndStillRefillsADrop(Vertx vertx,
      VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      ScriptedStock stock = new ScriptedStock();
      PoolSim sim = sim(vertx, stock, 3);
      Future<Void> started = sim.pool.start();
      sim.advance(Duration.ofSeconds(1));
      assertTrue(started.succeeded());
      assertEquals(3, stock.held.size(), "the warm stock is the fleet's");

      // a minute without demand and with the fleet's stock at the target: nothing to decide, so asking the
      // size every 250 ms tick (240 calls) buys nothing; once per interval notices changes all the same
      int asked = stock.sizeCalls;
      int puts = stock.puts;
      for (int i = 0; i < 240; i++) {
        sim.advance(Duration.ofMillis(250));
      }
      long perMinute = 60 / SharedSecretStock.IDLE_SIZE_INTERVAL.toSeconds();
      assertTrue(stock.sizeCalls - asked <= perMinute + 1,
          "size asked " + (stock.sizeCalls - asked) + " times in an idle minute");
      assertTrue(stock.sizeCalls - asked >= perMinute - 1, "an idle pool still looks at the fleet now and then");
      assertEquals(puts, stock.puts, "and mints nothing");

      // other replicas take two: this idle pool notices within an interval and refills the fleet
      stock.held.poll();
      stock.held.poll();
      for (int i = 0; i < 4 * (SharedSecretStock.IDLE_SIZE_INTERVAL.toSeconds() + 1); i++) {
        sim.advance(Duration.ofMillis(250));
      }
      assertEquals(3, stock.held.size(), "refilled after a drop it did not see happen");

      // its own take: the replacement starts at once, not an interval later
      sim.take();
      sim.advance(Duration.ofMillis(10));
      assertEquals(1, sim.served);
      for (int i = 0; i < 4; i++) {
        sim.advance(Duration.ofMillis(250));
      }
      assertTrue(stock.held.size() >= 3, "replaced within a second: " + stock.held.size());
      assertEquals(0, sim.duplicates);
    });
  }

  @Test
  void anIdlePoolReplacesTheFleetsSecretsBeforeTheyRetireThoughItAsksTheSizeSeldom(Vertx vertx,
      VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      ScriptedStock stock = new ScriptedStock();
      // 120 s secrets, 30 s floor: each is usable for 90 s, so a few minutes replace the fleet's stock often
      PoolSim sim = new PoolSim(vertx, 120, new SecretPoolOptions().setMinIdle(2).setSharedStock(stock));
      stock.clock = sim.clock;
      Future<Void> started = sim.pool.start();
      sim.advance(Duration.ofSeconds(1));
      assertTrue(started.succeeded());
      int asked = stock.sizeCalls;
      long lowest = Long.MAX_VALUE;
      for (int i = 0; i < 4 * 300; i++) { // five idle minutes
        sim.advance(Duration.ofMillis(250));
        lowest = Math.min(lowest, stock.usable(0));
      }
      assertTrue(stock.puts >= 2 + 2 * 3, "replaced as they came due: " + stock.puts + " puts");
      assertEquals(2, lowest, "the fleet never held fewer usable secrets than the target");
      assertTrue(stock.sizeCalls - asked < 300, "size asked " + (stock.sizeCalls - asked) + " times in 5 minutes");
    });
  }
}
