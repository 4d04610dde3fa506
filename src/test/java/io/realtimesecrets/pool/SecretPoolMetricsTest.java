package io.realtimesecrets.pool;

import static io.realtimesecrets.pool.PoolSim.onContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SecretPoolMetricsTest {

  @Test
  void bindingPublishesTheSameNumbersAsStatsTaggedWithThePoolName(Vertx vertx, VertxTestContext ctx) {
    onContext(vertx, ctx, () -> {
      PoolSim sim = new PoolSim(vertx, 60, new SecretPoolOptions().setMinIdle(2).setMaxWaiters(0));
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      SecretPoolMetrics metrics = SecretPoolMetrics.bind(sim.pool, registry, "voice");
      sim.pool.start();
      sim.advance(Duration.ofSeconds(1));
      sim.take();
      sim.take();
      sim.take(); // stock empty and no waiting allowed: rejected
      sim.advance(Duration.ofSeconds(1));
      SecretPoolStats st = sim.pool.stats();
      assertEquals(2.0, registry.get("realtime.pool.takes").tag("pool", "voice").tag("result", "hit")
          .functionCounter().count());
      assertEquals(1.0, registry.get("realtime.pool.takes").tag("result", "waiters_full").functionCounter().count());
      assertEquals(st.minted(), (long) registry.get("realtime.pool.minted").functionCounter().count());
      assertEquals(st.stock(), registry.get("realtime.pool.stock").gauge().value());
      assertEquals(30.0, registry.get("realtime.pool.floor").gauge().value());
      assertEquals(2, registry.get("realtime.pool.remaining.life").summary().count());
      assertTrue(registry.get("realtime.pool.remaining.life").summary().max() >= 30);
      assertTrue(registry.get("realtime.pool.mint.latency").tag("outcome", "success").timer().count() >= 2);
      assertEquals(0.0, registry.get("realtime.pool.circuit").gauge().value());
      metrics.close();
      assertNull(registry.find("realtime.pool.stock").gauge(), "close removes the meters");
    });
  }
}
