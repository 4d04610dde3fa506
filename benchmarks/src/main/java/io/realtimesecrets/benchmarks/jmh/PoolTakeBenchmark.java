package io.realtimesecrets.benchmarks.jmh;

import io.realtimesecrets.benchmarks.InMemoryUpstreamClient;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

/**
 * {@code SecretPool.take()} from a warm pool, called on Vert.x event loops as an application would: each
 * invocation runs {@value #BATCH} takes on the calling thread's event loop and waits for all of them. The pool
 * refills from {@link InMemoryUpstreamClient} with pre-decoded secrets (no HTTP, no JSON), so the score is the
 * pool's own hot path plus the refill bookkeeping each take triggers, and the cross-thread hand-off of a batch.
 *
 * <p>{@code takeSingleEventLoop}: one caller. {@code takeContended}: four callers, each on its own event loop,
 * on one shared pool.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PoolTakeBenchmark {

  static final int BATCH = 256;

  /** One pool shared by all benchmark threads. */
  @State(Scope.Benchmark)
  public static class PoolState {
    Vertx vertx;
    SecretPool<ClientSecret> pool;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
      pool = SecretPool.create(vertx, new InMemoryUpstreamClient(16384), ClientSecretRequest.minimal(),
          new SecretPoolOptions().setMinIdle(4096).setMaxIdle(4096).setMaxInFlight(64)
              .setPrewarmConcurrency(64).setAcquireTimeout(Duration.ofSeconds(60)));
      pool.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Each benchmark thread drives its own event-loop context (round robin over the loops). */
  @State(Scope.Thread)
  public static class CallerState {
    Context context;

    @Setup(Level.Trial)
    public void setUp(PoolState p) {
      context = p.vertx.getOrCreateContext();
    }
  }

  private static void batch(PoolState p, CallerState c) throws Exception {
    CountDownLatch latch = new CountDownLatch(1);
    AtomicInteger left = new AtomicInteger(BATCH);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    c.context.runOnContext(v -> {
      for (int i = 0; i < BATCH; i++) {
        p.pool.take().onComplete(ar -> {
          if (ar.failed()) {
            failure.compareAndSet(null, ar.cause());
          }
          if (left.decrementAndGet() == 0) {
            latch.countDown();
          }
        });
      }
    });
    if (!latch.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("takes did not complete");
    }
    if (failure.get() != null) {
      throw new IllegalStateException("take failed", failure.get());
    }
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BATCH)
  public void takeSingleEventLoop(PoolState p, CallerState c) throws Exception {
    batch(p, c);
  }

  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(BATCH)
  public void takeContended(PoolState p, CallerState c) throws Exception {
    batch(p, c);
  }
}
