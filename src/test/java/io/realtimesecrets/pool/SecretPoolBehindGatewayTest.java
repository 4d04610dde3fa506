package io.realtimesecrets.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.GatewayProfile;
import io.realtimesecrets.gateway.TokenGateway;
import io.realtimesecrets.gateway.impl.PooledSecretSource;
import io.realtimesecrets.gateway.impl.SecretSource;
import io.realtimesecrets.gateway.impl.TokenGatewayImpl;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A gateway caller who gives up (disconnects, or its token timeout passes) gives up its place in the pool's
 * queue at once: the slot is free and a secret minted later goes to the next caller.
 */
@ExtendWith(VertxExtension.class)
class SecretPoolBehindGatewayTest {

  private static final String HOST = "127.0.0.1";

  private SecretPool<TestSecret> pool;
  private int port;

  private Future<Void> start(Vertx vertx, GatewayOptions options) {
    PoolClock clock = PoolClock.system(vertx);
    FakeUpstream upstream = new FakeUpstream(clock, 60);
    upstream.hang = true; // no mint ever completes: only giving up can take a caller out of the queue
    pool = SecretPool.create(vertx, upstream, new TestRequest(60), new SecretPoolOptions().setMinIdle(0)
        .setAcquireTimeout(Duration.ofSeconds(60)).setMintTimeout(Duration.ofSeconds(60)), clock);
    Map<String, SecretSource> sources = Map.of("default", new PooledSecretSource(pool));
    TokenGatewayImpl gateway = new TokenGatewayImpl(vertx, options, sources, null, System::nanoTime);
    return vertx.createHttpServer().requestHandler(gateway.router()).listen(0, HOST).map(HttpServer::actualPort)
        .map(p -> {
          port = p;
          return null;
        });
  }

  /** Polls every 20 ms; the limit is a safety net far below the 60 s acquireTimeout. */
  private static Future<Void> eventually(Vertx vertx, String what, BooleanSupplier condition) {
    Promise<Void> p = Promise.promise();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    vertx.setPeriodic(20, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        p.tryComplete();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        p.tryFail(new AssertionError("not within 10 s: " + what));
      }
    });
    return p.future();
  }

  @Test
  void aCallerWhoDisconnectsLeavesThePoolQueueAtOnce(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new GatewayOptions().setTokenTimeout(Duration.ofSeconds(60)))
        .compose(v -> vertx.createNetClient().connect(port, HOST))
        .compose((NetSocket socket) -> socket.write("GET /token HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n")
            .compose(v -> eventually(vertx, "the caller waits in the pool", () -> pool.stats().waiters() == 1))
            .compose(v -> socket.close()))
        .compose(v -> eventually(vertx, "the disconnected caller left the queue", () -> pool.stats().waiters() == 0))
        .onComplete(ctx.succeeding(v -> {
          pool.close(); // not awaited: it waits up to mintTimeout for the mint that hangs
          ctx.completeNow();
        }));
  }

  @Test
  void aRequestWhoseTokenTimeoutPassedGets503WithRetryAfterAndLeavesThePoolQueue(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new GatewayOptions().setTokenTimeout(Duration.ofMillis(300)))
        .compose(v -> WebClient.create(vertx).get(port, HOST, "/token").send())
        .compose(r -> {
          ctx.verify(() -> {
            assertEquals(503, r.statusCode());
            assertNotNull(r.getHeader("Retry-After"));
          });
          return eventually(vertx, "the timed-out caller left the queue", () -> pool.stats().waiters() == 0);
        })
        .onComplete(ctx.succeeding(v -> {
          pool.close(); // not awaited: it waits up to mintTimeout for the mint that hangs
          ctx.completeNow();
        }));
  }

  @Test
  void theGatewaysPoolsShareOneMintRateLimit(Vertx vertx, VertxTestContext ctx) {
    PoolClock clock = PoolClock.system(vertx);
    FakeUpstream upstream = new FakeUpstream(clock, 60);
    upstream.latency = () -> Duration.ofMillis(5);
    SecretPoolOptions pool = new SecretPoolOptions().setMinIdle(4);
    GatewayOptions options = new GatewayOptions().setMintRateLimit(10)
        .addProfile(GatewayProfile.builder("default").pool(pool).build())
        .addProfile(GatewayProfile.builder("other").pool(pool).build());
    TokenGateway gateway = TokenGatewayImpl.create(vertx, upstream, options);
    gateway.start().onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      java.util.List<Long> at;
      synchronized (upstream) {
        at = new java.util.ArrayList<>(upstream.attemptMillis);
      }
      assertTrue(at.size() >= 8, "both pools warmed up: " + at);
      java.util.Collections.sort(at);
      // one budget of 10/s for both pools: mints 100 ms apart (50 ms allowed for a thread descheduled between
      // the budget's grant and the call on a loaded machine), where budgets of their own send pairs at once
      for (int i = 1; i < at.size(); i++) {
        assertTrue(at.get(i) - at.get(i - 1) >= 50, "mints at " + at);
      }
      gateway.close().onComplete(ctx.succeedingThenComplete());
    })));
  }
}
