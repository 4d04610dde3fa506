package io.realtimesecrets.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real threads, real Vert.x timers: single issuance and the caller's context under concurrency. */
@ExtendWith(VertxExtension.class)
class SecretPoolConcurrencyTest {

  private static SecretPool<TestSecret> pool(Vertx vertx, SecretPoolOptions options) {
    PoolClock clock = PoolClock.system(vertx);
    FakeUpstream upstream = new FakeUpstream(clock, 60);
    upstream.latency = () -> Duration.ofMillis(20);
    return SecretPool.create(vertx, upstream, new TestRequest(60), options, clock);
  }

  @Test
  void thousandConcurrentTakesFromSeveralEventLoopsGetAThousandDistinctSecretsOnTheirOwnContexts(Vertx vertx,
      VertxTestContext ctx) {
    // fewer in stock than takes: part are hits on the callers' threads, part wait for mints
    SecretPool<TestSecret> pool = pool(vertx, new SecretPoolOptions().setMinIdle(400).setMaxIdle(2000)
        .setPrewarmConcurrency(64));
    Set<String> values = ConcurrentHashMap.newKeySet();
    AtomicInteger wrongThread = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    List<Promise<Void>> loops = new ArrayList<>();
    // one fresh thread per caller context: Vert.x hands a non-Vert.x thread the same context on every call,
    // and a new thread gets the next event loop, so the callers really run on several event loops
    List<Context> callers = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int c = 0; c < 4; c++) {
      Thread t = new Thread(() -> callers.add(vertx.getOrCreateContext()));
      t.start();
      try {
        t.join();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    Set<Thread> callerThreads = ConcurrentHashMap.newKeySet();
    pool.start().onComplete(ctx.succeeding(v -> {
      for (Context loop : callers) {
        Promise<Void> finished = Promise.promise();
        loops.add(finished);
        loop.runOnContext(x -> {
          Thread caller = Thread.currentThread();
          callerThreads.add(caller);
          List<Future<TestSecret>> takes = new ArrayList<>();
          for (int i = 0; i < 250; i++) {
            takes.add(pool.take().onSuccess(s -> {
              if (Thread.currentThread() != caller || Vertx.currentContext() != loop) {
                wrongThread.incrementAndGet();
              }
              values.add(s.secretValue());
              done.incrementAndGet();
            }));
          }
          Future.all(takes).onComplete(ar -> finished.handle(ar.mapEmpty()));
        });
      }
      Future.all(loops.stream().map(Promise::future).toList()).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        assertTrue(callerThreads.size() >= 2, "takes came from " + callerThreads.size() + " event-loop threads");
        assertEquals(1000, done.get());
        assertEquals(1000, values.size(), "every secret went to exactly one caller");
        assertEquals(0, wrongThread.get(), "futures complete on the caller's context");
        SecretPoolStats st = pool.stats();
        assertEquals(1000, st.handedOut());
        assertTrue(st.hits() > 0 && st.hits() <= 1000);
        pool.close().onComplete(ctx.succeeding(c -> ctx.verify(() -> {
          assertTrue(pool.stats().isBalanced(), pool.stats().toString());
          ctx.completeNow();
        })));
      })));
    }));
  }

  @Test
  void aTakeAfterCloseReturnedFailsEvenWithStockLeft(Vertx vertx, VertxTestContext ctx) {
    SecretPool<TestSecret> pool = pool(vertx, new SecretPoolOptions().setMinIdle(5));
    pool.start().onComplete(ctx.succeeding(v -> new Thread(() -> {
      // off the pool's context, so close() has to hop there; no waiting for it to finish: the very next
      // take must already see the pool closed
      pool.close();
      pool.take().onComplete(ctx.failing(err -> ctx.verify(() -> {
        assertEquals(SecretPoolException.Reason.CLOSED, ((SecretPoolException) err).reason());
        ctx.completeNow();
      })));
    }).start()));
  }

  @Test
  void takeUniIsLazyAndTakesOneSecretPerSubscription(Vertx vertx, VertxTestContext ctx) {
    SecretPool<TestSecret> pool = pool(vertx, new SecretPoolOptions().setMinIdle(3));
    pool.start().onComplete(ctx.succeeding(v -> {
      Uni<TestSecret> uni = pool.takeUni();
      ctx.verify(() -> assertEquals(0, pool.stats().handedOut(), "nothing taken before subscription"));
      uni.subscribe().with(a -> uni.subscribe().with(b -> ctx.verify(() -> {
        assertFalse(a.secretValue().equals(b.secretValue()));
        assertEquals(2, pool.stats().handedOut());
        pool.close().onComplete(ctx.succeedingThenComplete());
      }), ctx::failNow), ctx::failNow);
    }));
  }

  @Test
  void aPoolCreatedOutsideVertxWorksOnItsOwnEventLoop(Vertx vertx, VertxTestContext ctx) throws Exception {
    // created on the JUnit thread: the pool picks an event loop; takes from that thread complete there
    SecretPool<TestSecret> pool = pool(vertx, new SecretPoolOptions().setMinIdle(0));
    pool.take().onComplete(ctx.succeeding(s -> ctx.verify(() -> {
      assertTrue(s.secretValue().startsWith("ek_"));
      assertTrue(pool.isReady());
      pool.close().onComplete(ctx.succeedingThenComplete());
    })));
  }

  @Test
  void aTakeUniCancelledFromAPlainThreadWhileItsSecretIsDeliveredNeitherLosesNorDoublesIt(Vertx vertx)
      throws Exception {
    // no stock to speak of: most takes wait for a mint, which the pool hands over on its own thread; this plain thread
    // cancels the subscription the moment the pool counts the hand-out, inside the delivery. Each secret
    // handed out must then reach its subscriber, or go back to the pool (which un-counts it)
    PoolClock clock = PoolClock.system(vertx);
    FakeUpstream upstream = new FakeUpstream(clock, 600);
    upstream.latency = () -> Duration.ofMillis(1);
    // stock of at most one: demand does not fill a stock ahead, so most takes wait for their own mint
    SecretPool<TestSecret> pool = SecretPool.create(vertx, upstream, new TestRequest(600),
        new SecretPoolOptions().setMinIdle(0).setMaxIdle(1), clock);
    pool.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    AtomicLong received = new AtomicLong();
    Set<String> values = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    long runUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); // bounded in count and in time
    for (int i = 0; i < 4_000 && System.nanoTime() < runUntil; i++) {
      long before = pool.stats().handedOut();
      // a plain UniSubscriber sees every item the pool's Uni signals, after cancel() too: what Mutiny's own
      // callback subscriber then does with an item that crossed its cancel is Mutiny's concern, not the pool's
      AtomicReference<UniSubscription> subscription = new AtomicReference<>();
      pool.takeUni().subscribe().withSubscriber(new UniSubscriber<TestSecret>() {
        @Override
        public void onSubscribe(UniSubscription s) {
          subscription.set(s);
        }

        @Override
        public void onItem(TestSecret secret) {
          received.incrementAndGet();
          if (!values.add(secret.secretValue())) {
            duplicates.incrementAndGet();
          }
        }

        @Override
        public void onFailure(Throwable failure) {
        }
      });
      long spinUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50); // bounds a mint that is slow
      while (pool.stats().handedOut() == before && System.nanoTime() < spinUntil) {
        Thread.onSpinWait();
      }
      subscription.get().cancel();
    }
    // secrets given back are un-counted on the pool's thread, and refills may still be arriving: poll until
    // the pool is quiet and the counts settle (a safety bound, not a timing)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!settled(pool.stats(), received.get()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    SecretPoolStats st = pool.stats();
    assertEquals(st.handedOut(), received.get(), "every secret counted as handed out reached its subscriber: " + st);
    assertEquals(0, duplicates.get(), "no secret reached two subscribers");
    assertTrue(st.isBalanced(), st.toString());
    pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static boolean settled(SecretPoolStats st, long received) {
    return st.waiters() == 0 && st.inFlight() == 0 && st.isBalanced() && st.handedOut() == received;
  }
}
