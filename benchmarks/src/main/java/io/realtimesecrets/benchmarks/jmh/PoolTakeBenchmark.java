package io.realtimesecrets.benchmarks.jmh;

import io.realtimesecrets.benchmarks.InMemoryUpstreamClient;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code SecretPool.take()} from a warm pool: the hit path an application pays per secret when the stock
 * covers demand.
 *
 * <p>Each invocation is {@value #BATCH} takes in a row on the benchmark thread, from a stock that the setup
 * (not timed) has filled back to its target first, so every take is a hit and the score is the take itself:
 * polling the stock, the counters, the completed future, and the refill request the first takes of a batch
 * make (the pool refills on its own event loop, as in production, concurrently with the rest of the batch).
 * Sample mode: the distribution of the per-take time of each batch, so the median is robust to the odd
 * batch a busy machine descheduled. A take that missed (the stock ran out) is counted in {@code misses};
 * a valid run has none.
 *
 * <p>The caller is a plain thread. The hit path is the same code on an event loop, a worker or a virtual
 * thread: no hop, no promise; only a miss goes to the pool's event loop. (An earlier form of this benchmark
 * ran batches on an event loop and waited on a latch: its score was dominated by the hand-off and the wake-up
 * of the waiting thread, ±100% on a shared machine, and by the pool running out of stock between batches.)
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class PoolTakeBenchmark {

  static final int BATCH = 1000;
  static final int STOCK = 4096;

  /** A pool stocked from an in-memory upstream (pre-decoded secrets: no HTTP, no JSON per mint). */
  @State(Scope.Benchmark)
  public static class PoolState {
    Vertx vertx;
    SecretPool<ClientSecret> pool;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      pool = SecretPool.create(vertx, new InMemoryUpstreamClient(4 * STOCK), ClientSecretRequest.minimal(),
          new SecretPoolOptions().setMinIdle(STOCK).setMaxIdle(STOCK).setMaxInFlight(256)
              .setPrewarmConcurrency(256).setAcquireTimeout(Duration.ofSeconds(60)));
      pool.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** Not timed: waits until the pool has refilled its stock, so the next batch takes only hits. */
    @Setup(Level.Invocation)
    public void refilled() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (pool.stats().stock() < STOCK) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the pool did not refill: " + pool.stats());
        }
        LockSupport.parkNanos(20_000);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Takes that did not complete at once (a miss): zero in a valid run. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Misses {
    public long misses;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void takeHit(PoolState p, Misses m, Blackhole bh) {
    SecretPool<ClientSecret> pool = p.pool;
    for (int i = 0; i < BATCH; i++) {
      Future<ClientSecret> f = pool.take();
      if (!f.succeeded()) {
        m.misses++;
      }
      bh.consume(f);
    }
  }
}
