package io.realtimesecrets.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.pool.SecretPoolStats.CircuitState;
import io.realtimesecrets.pool.impl.SecretPoolImpl;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pool embedded as applications embed it: created inside a verticle, taken from worker threads running
 * {@code executeBlocking} on the pool's own context, from plain and virtual threads, and outliving the
 * verticle that created it. Real threads and Vert.x timers; waits are bounded polls, never timed asserts.
 */
@ExtendWith(VertxExtension.class)
class SecretPoolEmbeddingTest {

  private static Future<SecretPool<TestSecret>> createInVerticle(Vertx vertx, FakeUpstream upstream, PoolClock clock,
      SecretPoolOptions options, AtomicReference<String> deployment) {
    AtomicReference<SecretPool<TestSecret>> created = new AtomicReference<>();
    // a Supplier<Verticle> variable: the one deployVerticle form that links alike on Vert.x 4.5 and 5.x
    Supplier<Verticle> verticle = () -> new AbstractVerticle() {
      @Override
      public void start(Promise<Void> started) {
        created.set(SecretPool.create(vertx, upstream, new TestRequest(upstream.ttlSeconds), options, clock));
        created.get().start().onComplete(ar -> {
          if (ar.succeeded()) {
            started.complete();
          } else {
            started.fail(ar.cause());
          }
        });
      }
    };
    return vertx.deployVerticle(verticle, new DeploymentOptions()).map(id -> {
      deployment.set(id);
      return created.get();
    });
  }

  /** Polls {@code condition} every 50 ms; fails the test after {@code limit} (a safety net, not a timing). */
  private static Future<Void> eventually(Vertx vertx, Duration limit, String what, BooleanSupplier condition) {
    Promise<Void> p = Promise.promise();
    long deadline = System.nanoTime() + limit.toNanos();
    vertx.setPeriodic(50, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        p.tryComplete();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        p.tryFail(new AssertionError("not within " + limit + ": " + what));
      }
    });
    return p.future();
  }

  @Test
  void takesFromWorkersOnThePoolContextAndFromPlainAndVirtualThreadsAllCompleteAndMintOnlyOnItsEventLoop(
      Vertx vertx, VertxTestContext ctx) {
    PoolClock clock = PoolClock.system(vertx);
    FakeUpstream upstream = new FakeUpstream(clock, 60);
    upstream.latency = () -> Duration.ofMillis(5);
    SecretPoolOptions options = new SecretPoolOptions().setMinIdle(2).setMaxIdle(40)
        .setAcquireTimeout(Duration.ofSeconds(5)).setMaxWaiters(10_000);
    List<Future<TestSecret>> takes = new CopyOnWriteArrayList<>();
    AtomicInteger callersDone = new AtomicInteger();
    int callers = 8 + 4 + (virtualThreads() ? 4 : 0);
    Promise<Void> allIssued = Promise.promise();
    Runnable burst = () -> {
      for (int i = 0; i < 50; i++) {
        takes.add(currentPool.get().take());
      }
      if (callersDone.incrementAndGet() == callers) {
        allIssued.complete();
      }
    };
    createInVerticle(vertx, upstream, clock, options, new AtomicReference<>()).onComplete(ctx.succeeding(pool -> {
      currentPool.set(pool);
      // started, so its context exists: start() ran there
      Context poolContext = ((SecretPoolImpl<?>) pool).context().result();
      for (int w = 0; w < 8; w++) {
        // the worker threads of the pool's own context: Vertx.currentContext() is the pool's there
        poolContext.executeBlocking(() -> {
          burst.run();
          return null;
        }, false);
      }
      for (int t = 0; t < 4; t++) {
        new Thread(burst).start();
      }
      if (virtualThreads()) {
        for (int t = 0; t < 4; t++) {
          startVirtualThread(burst);
        }
      }
      allIssued.future()
          .compose(v -> Future.join(takes).transform(ar -> Future.succeededFuture()))
          .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            Set<String> values = ConcurrentHashMap.newKeySet();
            long failed = 0;
            for (Future<TestSecret> f : takes) {
              if (f.succeeded()) {
                values.add(f.result().secretValue());
              } else {
                failed++;
              }
            }
            assertEquals(callers * 50, takes.size());
            assertEquals(0, failed, "every take served: " + pool.stats());
            assertEquals(callers * 50, values.size(), "each secret went to exactly one caller");
            assertEquals(0, upstream.mintsOffEventLoop.get(), "the pool calls the upstream only from its event loop");
            assertTrue(pool.stats().isBalanced(), pool.stats().toString());
            pool.close().onComplete(ctx.succeedingThenComplete());
          })));
      // the safety net: every take must complete within acquireTimeout, so 20 s means one hangs
      vertx.setTimer(20_000, id -> ctx.failNow(new AssertionError("takes still pending after 20 s: "
          + takes.stream().filter(f -> !f.isComplete()).count() + " of " + takes.size() + "; " + pool.stats())));
    }));
  }

  private final AtomicReference<SecretPool<TestSecret>> currentPool = new AtomicReference<>();

  @Test
  void aPoolCreatedInAVerticleKeepsRefreshingAndItsCircuitClosesAfterTheVerticleIsUndeployed(Vertx vertx,
      VertxTestContext ctx) {
    PoolClock clock = PoolClock.system(vertx);
    // 6 s secrets with a 3 s floor: stock must be replaced about every 2 s, so a pool whose timers died with
    // the verticle is seen within seconds
    FakeUpstream upstream = new FakeUpstream(clock, 6);
    upstream.latency = () -> Duration.ofMillis(20);
    SecretPoolOptions options = new SecretPoolOptions().setMinIdle(2).setIdleSleepAfter(Duration.ZERO)
        .setCircuitFailureThreshold(1).setBackoffBase(Duration.ofMillis(100)).setBackoffCap(Duration.ofMillis(300));
    AtomicReference<String> deployment = new AtomicReference<>();
    AtomicReference<SecretPool<TestSecret>> poolRef = new AtomicReference<>();
    AtomicReference<Long> mintedAtUndeploy = new AtomicReference<>();
    createInVerticle(vertx, upstream, clock, options, deployment)
        .compose(pool -> {
          poolRef.set(pool);
          return vertx.undeploy(deployment.get());
        })
        .compose(v -> {
          mintedAtUndeploy.set(poolRef.get().stats().minted());
          return eventually(vertx, Duration.ofSeconds(15), "stock refreshed after undeploy",
              () -> poolRef.get().stats().minted() >= mintedAtUndeploy.get() + 4 && poolRef.get().stats().stock() > 0);
        })
        .compose(v -> {
          upstream.failure = FakeUpstream::connectionRefused;
          return eventually(vertx, Duration.ofSeconds(15), "circuit opened",
              () -> poolRef.get().stats().circuit() == CircuitState.OPEN);
        })
        .compose(v -> {
          upstream.failure = () -> null;
          return eventually(vertx, Duration.ofSeconds(15), "circuit closed again by itself",
              () -> poolRef.get().stats().circuit() == CircuitState.CLOSED);
        })
        .compose(v -> poolRef.get().take())
        .onComplete(ctx.succeeding(secret -> ctx.verify(() -> {
          assertTrue(secret.secretValue().startsWith("ek_"));
          assertTrue(poolRef.get().isReady());
          poolRef.get().close().onComplete(ctx.succeedingThenComplete());
        })));
  }

  @Test
  void aPoolCreatedInAVerticleRunsOnAContextOfItsOwn(Vertx vertx, VertxTestContext ctx) {
    PoolClock clock = PoolClock.system(vertx);
    FakeUpstream upstream = new FakeUpstream(clock, 60);
    AtomicReference<Context> verticleContext = new AtomicReference<>();
    AtomicReference<SecretPool<TestSecret>> created = new AtomicReference<>();
    Supplier<Verticle> verticle = () -> new AbstractVerticle() {
      @Override
      public void start() {
        verticleContext.set(context);
        created.set(SecretPool.create(vertx, upstream, new TestRequest(60), new SecretPoolOptions(), clock));
      }
    };
    vertx.deployVerticle(verticle, new DeploymentOptions())
        .compose(id -> ((SecretPoolImpl<?>) created.get()).context())
        .onComplete(ctx.succeeding(own -> ctx.verify(() -> {
          assertNotSame(verticleContext.get(), own);
          assertTrue(own.isEventLoopContext());
          assertEquals(null, own.deploymentID(), "no verticle owns the pool's context");
          created.get().close().onComplete(ctx.succeedingThenComplete());
        })));
  }

  @Test
  void creatingAPoolInAVerticleNeverWaitsForAnotherThread(Vertx vertx, VertxTestContext ctx) {
    // the probe: a thread that waits (join, lock, future get) on an interrupted thread throws at once, so a
    // constructor that waits for a helper thread fails here; one that never waits does not notice the flag
    PoolClock clock = PoolClock.system(vertx);
    FakeUpstream upstream = new FakeUpstream(clock, 60);
    AtomicReference<SecretPool<TestSecret>> created = new AtomicReference<>();
    Supplier<Verticle> verticle = () -> new AbstractVerticle() {
      @Override
      public void start() {
        Thread.currentThread().interrupt();
        try {
          created.set(SecretPool.create(vertx, upstream, new TestRequest(60), new SecretPoolOptions(), clock));
        } finally {
          Thread.interrupted(); // never leave the flag on an event-loop thread
        }
        assertTrue(Context.isOnEventLoopThread());
      }
    };
    vertx.deployVerticle(verticle, new DeploymentOptions())
        .compose(id -> created.get().take())
        .compose(secret -> ((SecretPoolImpl<TestSecret>) created.get()).context().map(own -> {
          assertTrue(secret.secretValue().startsWith("ek_"));
          assertTrue(own.isEventLoopContext());
          assertEquals(null, own.deploymentID(), "no verticle owns the pool's context");
          return own;
        }))
        .onComplete(ctx.succeeding(own -> created.get().close().onComplete(ctx.succeedingThenComplete())));
  }

  @Test
  void aPoolCreatedOnAnotherVertxInstancesEventLoopRunsOnAContextOfItsOwnVertx(Vertx vertx, VertxTestContext ctx) {
    // an application with two Vert.x instances: the pool belongs to the one it was given, so closing the
    // other, on whose event loop it happened to be created, cannot take the pool's timers down with it
    Vertx other = Vertx.vertx();
    PoolClock clock = PoolClock.system(vertx);
    FakeUpstream upstream = new FakeUpstream(clock, 60);
    AtomicReference<SecretPool<TestSecret>> created = new AtomicReference<>();
    Promise<Void> done = Promise.promise();
    other.getOrCreateContext().runOnContext(v -> {
      created.set(SecretPool.create(vertx, upstream, new TestRequest(60), new SecretPoolOptions(), clock));
      done.complete();
    });
    AtomicReference<Context> own = new AtomicReference<>();
    done.future()
        .compose(v -> ((SecretPoolImpl<TestSecret>) created.get()).context())
        .compose(c -> {
          own.set(c);
          return other.close();
        })
        .compose(v -> created.get().take())
        .onComplete(ctx.succeeding(secret -> ctx.verify(() -> {
          assertTrue(own.get().owner() == vertx, "the pool's context belongs to the Vert.x instance it was given");
          assertTrue(secret.secretValue().startsWith("ek_"), "served after the other instance closed");
          created.get().close().onComplete(ctx.succeedingThenComplete());
        })));
  }

  private static boolean virtualThreads() {
    try {
      Thread.class.getMethod("startVirtualThread", Runnable.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false; // Java 17: the build's baseline has none; tested when the suite runs on 21+
    }
  }

  private static void startVirtualThread(Runnable task) {
    try {
      Method m = Thread.class.getMethod("startVirtualThread", Runnable.class);
      m.invoke(null, task);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
