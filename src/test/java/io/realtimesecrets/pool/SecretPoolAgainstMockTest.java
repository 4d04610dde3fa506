package io.realtimesecrets.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end in real time: the real client against the embedded mock, GA endpoint, 10 s secrets, the mock's
 * clock 30 s ahead of ours. Every secret is real for the mock, handed out once, with at least the floor
 * (5 s) of life left on the mock's clock.
 */
@ExtendWith(VertxExtension.class)
class SecretPoolAgainstMockTest {

  static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuv";
  static final Duration SKEW = Duration.ofSeconds(30);

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void tenSecondSecretsFromTheMockAreHandedOutOnceAndAlwaysAboveTheFloor(Vertx vertx, VertxTestContext ctx) {
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY)
        .setLatency(Duration.ofMillis(30)).setLatencyJitter(Duration.ofMillis(40)).setClockOffset(SKEW));
    mock.start().onComplete(ctx.succeeding(m -> {
      RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx,
          new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY));
      ClientSecretRequest request = ClientSecretRequest.fromJson("{\"expires_after\":{\"anchor\":\"created_at\","
          + "\"seconds\":10},\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}");
      SecretPool<ClientSecret> pool = SecretPool.create(vertx, client, request, new SecretPoolOptions().setMinIdle(2));
      Set<String> seen = ConcurrentHashMap.newKeySet();
      AtomicLong served = new AtomicLong();
      AtomicLong duplicates = new AtomicLong();
      AtomicLong unknown = new AtomicLong();
      AtomicLong minRemainingMillis = new AtomicLong(Long.MAX_VALUE);
      AtomicLong failures = new AtomicLong();
      pool.start().onComplete(ctx.succeeding(v -> {
        // ~20 takes/s for 12 s: longer than a secret's whole life, so stock turns over and retires
        long periodic = vertx.setPeriodic(50, id -> pool.take().onComplete(ar -> {
          if (ar.failed()) {
            failures.incrementAndGet();
            return;
          }
          ClientSecret s = ar.result();
          served.incrementAndGet();
          if (!seen.add(s.secretValue())) {
            duplicates.incrementAndGet();
          }
          if (!mock.wasMinted(s.secretValue())) {
            unknown.incrementAndGet();
          }
          long remaining = s.expiresAt().toEpochMilli() - (System.currentTimeMillis() + SKEW.toMillis());
          minRemainingMillis.accumulateAndGet(remaining, Math::min);
        }));
        // at least 12 s and at least 151 served: a slow machine that fires the periodic less often runs longer
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
        whenTrue(vertx, () -> System.nanoTime() >= stopAt && served.get() > 150, () -> {
          vertx.cancelTimer(periodic);
          vertx.setTimer(500, t2 -> ctx.verify(() -> {
            SecretPoolStats st = pool.stats();
            assertTrue(served.get() > 150, "served " + served);
            assertEquals(0, duplicates.get(), "each secret to exactly one caller");
            assertEquals(0, unknown.get(), "every secret was minted by the mock");
            assertEquals(Duration.ofSeconds(5), st.floor(), "floor: 30 s capped at half of 10 s");
            // true remaining life on the mock's clock, less a little delivery time between hand-out and check
            assertTrue(minRemainingMillis.get() >= 5_000 - 100, "least remaining life " + minRemainingMillis + " ms");
            assertTrue(st.minRemainingLifeAtHandOut().compareTo(st.floor()) >= 0);
            assertEquals(0, failures.get(), "no failed take");
            assertTrue(st.hitRatio() > 0.95, "hit ratio " + st.hitRatio());
            assertEquals(30, st.clockSkew().toSeconds(), 1, "skew measured from the Date header");
            assertTrue(st.expiredUnused() > 0 || st.minted() >= served.get(), "accounting " + st);
            pool.close().compose(c -> client.close()).compose(c -> mock.close()).onComplete(ctx.succeeding(c ->
                ctx.verify(() -> {
                  assertTrue(pool.stats().isBalanced(), pool.stats().toString());
                  ctx.completeNow();
                })));
          }));
        });
      }));
    }));
  }

  /** Runs the action once the condition holds, polled on a Vert.x timer (bounded by the test's timeout). */
  private static void whenTrue(Vertx vertx, java.util.function.BooleanSupplier condition, Runnable action) {
    if (condition.getAsBoolean()) {
      action.run();
    } else {
      vertx.setTimer(50, t -> whenTrue(vertx, condition, action));
    }
  }
}
