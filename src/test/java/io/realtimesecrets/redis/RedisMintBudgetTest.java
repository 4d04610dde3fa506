package io.realtimesecrets.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.pool.MintBudget;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two "replicas" (two budgets, each with its own Redis connection, on their own Vert.x instances) against a
 * real {@code redis-server} the test starts on a free loopback port. Real time, so the assertions are bounds
 * that hold on a loaded machine: GCRA on Redis's clock never admits more than one mint per interval, and the
 * lower bounds are loose.
 */
class RedisMintBudgetTest {

  static LocalRedis redis;
  Vertx replicaA;
  Vertx replicaB;
  final Queue<Throwable> uncaught = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void startRedis() throws Exception {
    redis = LocalRedis.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void startReplicas() {
    replicaA = Vertx.vertx();
    replicaB = Vertx.vertx();
    replicaA.exceptionHandler(this::uncaught);
    replicaB.exceptionHandler(this::uncaught);
  }

  @AfterEach
  void stopReplicas() throws Exception {
    await(replicaA.close());
    await(replicaB.close());
  }

  /**
   * Records what reached a Vert.x instance's exception handler, except the Redis client's own
   * {@code assert !closed} in {@code RedisStandaloneConnection.end}, which a connection killed under it trips
   * only with assertions on (as in tests): the client's internal check, not an exception our code lets out.
   */
  void uncaught(Throwable e) {
    boolean clientInternalAssert = e instanceof AssertionError && e.getStackTrace().length > 0
        && e.getStackTrace()[0].getClassName().startsWith("io.vertx.redis.client.impl.");
    if (!clientInternalAssert) {
      uncaught.add(e);
    }
  }

  static RedisMintBudgetOptions options(String url, double rate) {
    // a key per test: the tests share one Redis; a generous timeout, so a loaded machine does not look like
    // Redis being down
    return new RedisMintBudgetOptions().setConnectionString(url).setMintsPerSecond(rate)
        .setKey("test-" + UUID.randomUUID()).setTimeout(Duration.ofSeconds(5));
  }

  @Test
  void twoReplicasTogetherAdmitTheFleetRateNotTwiceIt() throws Exception {
    RedisMintBudgetOptions o = options(redis.url(), 10);
    RedisMintBudget a = RedisMintBudget.create(replicaA, o);
    RedisMintBudget b = RedisMintBudget.create(replicaB, o);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger grantedA = new AtomicInteger();
    AtomicInteger grantedB = new AtomicInteger();
    long start = System.nanoTime();
    // each replica asks again as soon as it is told to wait, like a pool wanting many mints
    spend(replicaA, a, stop, grantedA);
    spend(replicaB, b, stop, grantedB);
    Thread.sleep(2_000);
    stop.set(true);
    double seconds = (System.nanoTime() - start) / 1e9;
    int total = grantedA.get() + grantedB.get();
    // at 10/s for the fleet: at most one mint per 100 ms of the window (+1 for the first), never 20/s
    assertTrue(total <= Math.floor(seconds * 10) + 1, total + " mints in " + seconds + " s");
    assertTrue(total >= seconds * 10 * 0.4, "the budget should still admit mints: " + total + " in " + seconds + " s");
    assertTrue(grantedA.get() > 0 && grantedB.get() > 0, "both replicas mint: " + grantedA + " / " + grantedB);
    assertFalse(a.isFallback() || b.isFallback(), "Redis answered");
    assertTrue(uncaught.isEmpty(), () -> describe(uncaught));
    await(a.close());
    await(b.close());
  }

  @Test
  void aWaitingCallersMintOnOneReplicaGoesAheadOfTheOtherReplicasRefills() throws Exception {
    // one mint every 10 s for the fleet: long enough that a slow machine's round trips do not matter
    RedisMintBudgetOptions o = options(redis.url(), 0.1);
    RedisMintBudget a = RedisMintBudget.create(replicaA, o);
    RedisMintBudget b = RedisMintBudget.create(replicaB, o);
    assertEquals(Duration.ZERO, await(a.acquire()), "the first refill goes");
    assertTrue(await(b.acquire()).toSeconds() >= 5, "the other replica's refill waits its turn");
    assertEquals(Duration.ZERO, await(b.acquireForWaitingCaller()), "its waiting caller's mint goes at once");
    assertTrue(await(a.acquire()).toSeconds() >= 15, "so the refills wait one interval longer");
    assertTrue(await(a.acquireForWaitingCaller()).toSeconds() >= 5, "a waiting caller borrows one, not more");
    assertFalse(a.isFallback() || b.isFallback(), "Redis answered");
    await(a.close());
    await(b.close());
  }

  @Test
  void aPauseRecordedByOneReplicaIsHonouredByTheOther() throws Exception {
    RedisMintBudgetOptions o = options(redis.url(), 10).setMaxPause(Duration.ofSeconds(3));
    RedisMintBudget a = RedisMintBudget.create(replicaA, o);
    RedisMintBudget b = RedisMintBudget.create(replicaB, o);
    assertEquals(Duration.ZERO, await(b.acquire()), "no pause yet");
    a.rateLimited(Duration.ofSeconds(2));
    Duration waitB = awaitWait(b);
    assertTrue(waitB.compareTo(Duration.ofMillis(1_000)) > 0 && waitB.compareTo(Duration.ofSeconds(2)) <= 0,
        "B waits out A's Retry-After: " + waitB);
    await(a.close());
    await(b.close());
  }

  @Test
  void anAbsurdRetryAfterPausesTheFleetForMaxPauseAtMost() throws Exception {
    RedisMintBudgetOptions o = options(redis.url(), 10).setMaxPause(Duration.ofSeconds(3));
    RedisMintBudget a = RedisMintBudget.create(replicaA, o);
    RedisMintBudget b = RedisMintBudget.create(replicaB, o);
    assertEquals(Duration.ZERO, await(b.acquire()));
    a.rateLimited(Duration.ofDays(365));
    Duration waitB = awaitWait(b);
    assertTrue(waitB.compareTo(Duration.ofSeconds(3)) <= 0 && waitB.compareTo(Duration.ofSeconds(1)) > 0,
        "capped at maxPause: " + waitB);
    Duration waitA = await(a.acquire());
    assertTrue(waitA.compareTo(Duration.ofSeconds(3)) <= 0 && waitA.compareTo(Duration.ZERO) > 0,
        "A too: " + waitA);
    await(a.close());
    await(b.close());
  }

  @Test
  void whenRedisDiesTheBudgetPacesLocallyWithoutBlockingNorFailingAndComesBack() throws Exception {
    try (LocalRedis own = LocalRedis.start()) {
      RedisMintBudget budget = RedisMintBudget.create(replicaA, options(own.url(), 10)
          .setExpectedReplicas(2).setTimeout(Duration.ofSeconds(2)).setRetryInterval(Duration.ofMillis(200)));
      assertEquals(Duration.ZERO, await(budget.acquire()));
      assertFalse(budget.isFallback());
      own.kill();

      // asked on an event loop, as a pool does: the call returns at once, the answer never fails
      Context loop = replicaA.getOrCreateContext();
      List<Duration> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
      AtomicLong longestCallNanos = new AtomicLong();
      Promise<Void> done = Promise.promise();
      loop.runOnContext(v -> askInARow(budget, 6, answers, longestCallNanos, done));
      await(done.future());
      assertTrue(budget.isFallback(), "on the fallback while Redis is down");
      assertEquals(6, answers.size());
      assertTrue(longestCallNanos.get() < TimeUnit.SECONDS.toNanos(1),
          "acquire() must not block its event loop: " + longestCallNanos.get() / 1_000_000 + " ms");
      // the fallback paces this replica at 10 / 2 = 5 per second: asked in a row, most must wait
      long granted = answers.stream().filter(Duration::isZero).count();
      assertTrue(granted >= 1 && granted <= 2, "fallback grants in a row: " + answers);
      assertTrue(answers.stream().allMatch(d -> d.compareTo(Duration.ofMillis(200)) <= 0), answers.toString());
      assertTrue(uncaught.isEmpty(), () -> describe(uncaught));

      own.restart();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (budget.isFallback() && System.nanoTime() < deadline) {
        await(budget.acquire());
        Thread.sleep(50);
      }
      assertFalse(budget.isFallback(), "back on the shared budget once Redis answers again");
      await(budget.close());
    }
  }

  @Test
  void theDocumentedSetupGivesEveryPoolTheFleetBudget() throws Exception {
    Vertx vertx = replicaA;
    String redisUrl = redis.url();
    // snippet:redis-mint-budget
    RedisMintBudget budget = RedisMintBudget.create(vertx, new RedisMintBudgetOptions()
        .setConnectionString(redisUrl)        // redis://:PASSWORD@HOST:6379, or rediss://... for TLS
        .setMintsPerSecond(20)                // the organisation's limit, for every replica together
        .setExpectedReplicas(3));             // Redis down: each replica mints at most 20 / 3 per second
    SecretPoolOptions voice = new SecretPoolOptions().setMinIdle(4).setMintBudget(budget);
    SecretPoolOptions support = new SecretPoolOptions().setMinIdle(2).setMintBudget(budget);
    // end:redis-mint-budget
    assertEquals(budget, voice.getMintBudget());
    assertEquals(budget, support.getMintBudget());
    assertEquals(Duration.ZERO, await(budget.acquire()));
    assertFalse(budget.isFallback());
    await(budget.close());
  }

  @Test
  void whenRedisStallsAcquireAnswersFromTheFallbackAfterTheTimeoutAndRedisTakesOverAgain() throws Exception {
    try (LocalRedis own = LocalRedis.start()) {
      RedisMintBudget budget = RedisMintBudget.create(replicaA, options(own.url(), 10)
          .setTimeout(Duration.ofMillis(300)).setRetryInterval(Duration.ofMillis(200)));
      assertEquals(Duration.ZERO, await(budget.acquire()));
      own.freeze();
      try {
        // Redis holds the connection but never answers: the answer comes from the fallback, not a failure
        Duration answer = await(budget.acquire());
        assertTrue(answer.compareTo(Duration.ofMillis(100)) <= 0, "the fallback's first answer: " + answer);
        assertTrue(budget.isFallback(), "on the fallback while Redis stalls");
      } finally {
        own.thaw();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (budget.isFallback() && System.nanoTime() < deadline) {
        await(budget.acquire());
        Thread.sleep(50);
      }
      assertFalse(budget.isFallback(), "back on the shared budget once Redis answers again");
      assertTrue(uncaught.isEmpty(), () -> describe(uncaught));
      await(budget.close());
    }
  }

  /** Asks {@code n} times in a row on the current event loop, timing each call itself. */
  private static void askInARow(MintBudget budget, int n, List<Duration> answers, AtomicLong longestCallNanos,
      Promise<Void> done) {
    if (n == 0) {
      done.complete();
      return;
    }
    long t0 = System.nanoTime();
    Future<Duration> f = budget.acquire();
    longestCallNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
    f.onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
        return;
      }
      answers.add(ar.result());
      askInARow(budget, n - 1, answers, longestCallNanos, done);
    });
  }

  /** A pool's loop: ask, and on "wait" ask again after the wait (on this replica's event loop). */
  static void spend(Vertx vertx, MintBudget budget, AtomicBoolean stop, AtomicInteger granted) {
    vertx.runOnContext(v -> budget.acquire().onComplete(ar -> {
      if (stop.get()) {
        return;
      }
      if (ar.failed()) {
        throw new AssertionError("acquire failed", ar.cause());
      }
      if (ar.result().isZero()) {
        granted.incrementAndGet();
        spend(vertx, budget, stop, granted);
      } else {
        vertx.setTimer(Math.max(1, ar.result().toMillis()), t -> spend(vertx, budget, stop, granted));
      }
    }));
  }

  /**
   * The first answer longer than the GCRA's own spacing (100 ms at 10/s): the pause, recorded asynchronously
   * by the other replica; asks for at most 5 s.
   */
  static Duration awaitWait(MintBudget budget) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      Duration d = await(budget.acquire());
      if (d.compareTo(Duration.ofMillis(500)) > 0) {
        return d;
      }
      Thread.sleep(20);
    }
    return Duration.ZERO;
  }

  static String describe(Queue<Throwable> errors) {
    java.io.StringWriter w = new java.io.StringWriter();
    errors.forEach(e -> e.printStackTrace(new java.io.PrintWriter(w, true)));
    return w.toString();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
