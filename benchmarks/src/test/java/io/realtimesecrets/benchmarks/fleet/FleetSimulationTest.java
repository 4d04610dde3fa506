package io.realtimesecrets.benchmarks.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.benchmarks.fleet.FleetSimulation.Config;
import io.realtimesecrets.benchmarks.fleet.FleetSimulation.Mode;
import io.realtimesecrets.benchmarks.fleet.FleetSimulation.Result;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What docs/scaling.md says the fleet simulation shows, on small fleets and one virtual minute each (well under
 * a second of real time per run). Everything runs on the virtual clock from a fixed seed, so the numbers do not
 * depend on how fast or busy the machine is; the thresholds leave room for the pool's own tuning to change.
 */
class FleetSimulationTest {

  // held: java.util.logging forgets the level of a logger nobody references
  private static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("io.realtimesecrets");
  private static Vertx vertx;

  @BeforeAll
  static void vertx() {
    // every replica logs each Retry-After it honours; the assertions read the counts
    LIBRARY_LOG.setLevel(java.util.logging.Level.WARNING);
    // a run holds its event loop for its whole (short) real duration on purpose: virtual time
    vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(1).setMaxEventLoopExecuteTimeUnit(TimeUnit.HOURS));
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Result run(int replicas, Mode mode, double demandFraction) throws Exception {
    Config c = Config.of(replicas, mode).withDuration(Duration.ofMinutes(1));
    return FleetSimulation.run(vertx, new Config(c.replicas(), c.mode(), c.orgLimitPerSecond(), demandFraction,
        c.duration(), c.ttlSeconds(), c.minLatencyMillis(), c.maxLatencyMillis(), c.redisRoundTripMillis(),
        c.budgetFraction(), c.seed()));
  }

  @Test
  void tenIndependentReplicasDrawRateLimitsWhereOneSharedBudgetDrawsNone() throws Exception {
    Result independent = run(10, Mode.INDEPENDENT, 0.75);
    Result shared = run(10, Mode.SHARED_BUDGET, 0.75);
    assertTrue(independent.rateLimited() >= 10,
        "ten pools pacing themselves overshoot the organisation's limit: " + independent);
    assertEquals(0, shared.rateLimited(), "one budget at 90% of the limit keeps the fleet inside it: " + shared);
    assertEquals(0, shared.failed(), "and every caller is served: " + shared);
    assertEquals(shared.asked(), shared.served() + shared.pending());
  }

  @Test
  void aSharedStockHoldsOneStockForTheFleetNotOnePerReplica() throws Exception {
    Result perReplica = run(10, Mode.SHARED_BUDGET, 0.75);
    Result shared = run(10, Mode.SHARED_STOCK, 0.75);
    Result alone = run(1, Mode.INDEPENDENT, 0.75);
    assertTrue(shared.meanFleetStock() * 2 < perReplica.meanFleetStock(),
        "ten stocks hold more than twice one shared stock: " + perReplica.meanFleetStock() + " vs "
            + shared.meanFleetStock());
    assertTrue(shared.meanFleetStock() <= alone.meanFleetStock() * 1.25,
        "the shared stock is about what one replica serving the whole demand keeps: " + shared.meanFleetStock()
            + " vs " + alone.meanFleetStock());
    assertEquals(0, shared.failed(), shared.toString());
    assertEquals(0, shared.rateLimited(), shared.toString());
  }

  @Test
  void atLowDemandThirtyReplicasRetireSecretsUnusedAndOneSharedStockDoesNot() throws Exception {
    Result perReplica = run(30, Mode.SHARED_BUDGET, 0.1);
    Result shared = run(30, Mode.SHARED_STOCK, 0.1);
    assertTrue(perReplica.waste() > 0.1, "thirty stocks each age past the floor: waste " + perReplica.waste());
    assertTrue(perReplica.mintedPerServed() > 1.5, "minted per served " + perReplica.mintedPerServed());
    assertTrue(shared.waste() < 0.02, "one stock sized to the fleet's demand turns over: waste " + shared.waste());
  }

  @Test
  void theSameSeedGivesTheSameRun() throws Exception {
    assertEquals(run(3, Mode.INDEPENDENT, 0.75), run(3, Mode.INDEPENDENT, 0.75));
  }
}
