package io.realtimesecrets.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.model.ClientSecret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Redis parts count for the metrics: the stock's hits and misses and its usable size, the budget's
 * "wait" answers and recorded pauses, both parts' round trips and the time they spent on their fallback.
 */
class RedisCallStatsTest {

  Vertx vertx;
  LocalRedis redis;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    redis = LocalRedis.start();
  }

  @AfterEach
  void stop() throws Exception {
    redis.close();
    await(vertx.close());
  }

  @Test
  void theStockCountsHitsMissesAndRoundTripsAndItsSizeLeavesOutSecretsAboutToRetire() throws Exception {
    RedisSecretStock stock = RedisSecretStock.create(vertx, new RedisSecretStockOptions()
        .setConnectionString(redis.url()).setKey("stats-" + UUID.randomUUID())
        .setEncryptionKey(RedisSecretStockTest.AES_KEY).setTimeout(Duration.ofSeconds(5)));
    await(stock.put(RedisSecretStockTest.secret("ek_a"), Duration.ofMinutes(5)));
    await(stock.put(RedisSecretStockTest.secret("ek_b"), Duration.ofMinutes(5)));
    await(stock.put(RedisSecretStockTest.secret("ek_c"), Duration.ofSeconds(30)));
    assertEquals(3, await(stock.size(Duration.ZERO)));
    assertEquals(2, await(stock.size(Duration.ofMinutes(1))), "the one retiring within a minute is not counted");

    for (int i = 0; i < 3; i++) {
      await(stock.take(ClientSecret.class));
    }
    assertNull(await(stock.take(ClientSecret.class)));
    assertEquals(3, stock.hits());
    assertEquals(1, stock.misses());
    assertEquals(9, stock.roundTrips(), "3 puts, 2 sizes, 4 takes");
    assertTrue(stock.roundTripTime().toNanos() > 0);
    assertFalse(stock.isFallback());
    assertEquals(Duration.ZERO, stock.fallbackTime());

    redis.kill();
    assertTrue(await(stock.take(ClientSecret.class).otherwiseEmpty()) == null, "a failed take");
    assertEquals(2, stock.misses(), "a failed take is a miss");
    assertTrue(stock.isFallback());
    Thread.sleep(20);
    assertTrue(stock.fallbackTime().toMillis() >= 20, "the outage so far: " + stock.fallbackTime());
    await(stock.close());
  }

  @Test
  void theBudgetCountsWaitAnswersAndRecordedPauses() throws Exception {
    String key = "stats-" + UUID.randomUUID();
    RedisMintBudget budget = RedisMintBudget.create(vertx, new RedisMintBudgetOptions()
        .setConnectionString(redis.url()).setKey(key).setMintsPerSecond(0.01)
        .setTimeout(Duration.ofSeconds(5)));
    assertEquals(Duration.ZERO, await(budget.acquire()));
    assertTrue(await(budget.acquire()).toMillis() > 0, "one mint per 100 s: the second waits");
    assertTrue(await(budget.acquire()).toMillis() > 0);
    assertEquals(2, budget.waits());
    assertEquals(3, budget.roundTrips());
    assertEquals(0, budget.pausesRecorded());

    assertEquals(Duration.ZERO, budget.fallbackTime());

    // another replica's budget records a pause for the fleet: counted where it was recorded
    RedisMintBudget other = RedisMintBudget.create(vertx, new RedisMintBudgetOptions()
        .setConnectionString(redis.url()).setKey(key).setMintsPerSecond(0.01).setTimeout(Duration.ofSeconds(5)));
    other.rateLimited(Duration.ofSeconds(2));
    other.rateLimited(null); // no Retry-After: nothing recorded for the fleet
    assertEquals(1, other.pausesRecorded());
    assertEquals(0, budget.pausesRecorded());
    await(other.close());

    redis.kill();
    await(budget.acquire()); // Redis refuses: the fallback answers
    assertTrue(budget.isFallback());
    Thread.sleep(20);
    assertTrue(budget.fallbackTime().toMillis() >= 20, "the outage so far: " + budget.fallbackTime());
    await(budget.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
