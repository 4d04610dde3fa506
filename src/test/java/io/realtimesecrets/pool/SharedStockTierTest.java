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

    @Override
    public Future<Void> put(EphemeralSecret secret, Duration usableFor) {
      puts++;
      if (failing || failPuts) {
        return Future.failedFuture("connection refused");
      }
      held.add(secret);
      return Future.succeededFuture();
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
      return Future.succeededFuture((R) held.poll());
    }

    @Override
    public Future<Long> size(Duration horizon) {
      return failing ? Future.failedFuture("connection refused") : Future.succeededFuture((long) held.size());
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
}
