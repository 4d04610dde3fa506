package io.realtimesecrets.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.realtimesecrets.client.impl.ClientTimer;
import io.realtimesecrets.client.impl.RealtimeSecretsClientImpl;
import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.ClientSecretRequest;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link CallOptions.Builder#cancelWhen}: a call nobody waits for stops, and gives its connection back. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallCancellationTest {

  static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuv";

  MockUpstream mock;

  @BeforeEach
  void startMock(Vertx vertx, VertxTestContext ctx) {
    mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
    mock.start().onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stopMock(VertxTestContext ctx) {
    mock.close().onComplete(ctx.succeedingThenComplete());
  }

  RealtimeSecretsClientOptions options() {
    return new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY);
  }

  @Test
  void aCallCancelledWhileWaitingToRetryFailsAtOnceAndSendsNothingMore(Vertx vertx, VertxTestContext ctx) {
    List<Runnable> dueRetries = new CopyOnWriteArrayList<>();
    ClientTimer recordOnly = new ClientTimer() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void schedule(Context context, long delayMillis, Runnable task) {
        dueRetries.add(() -> context.runOnContext(v -> task.run()));
      }
    };
    mock.faults().next(5, Fault.status(503));
    Promise<Void> gone = Promise.promise();
    RealtimeSecretsClient client = new RealtimeSecretsClientImpl(vertx, options(), recordOnly, () -> 0.5);
    client.mint(ClientSecretRequest.minimal(), CallOptions.builder().cancelWhen(gone.future()).build())
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertInstanceOf(CancellationException.class, err);
          assertEquals(1, dueRetries.size());
          dueRetries.forEach(Runnable::run);
          vertx.setTimer(200, id -> ctx.verify(() -> {
            assertEquals(1, mock.stats().requests(), "the due retry sent nothing");
            ctx.completeNow();
          }));
        })));
    vertx.setPeriodic(5, id -> {
      if (!dueRetries.isEmpty()) {
        vertx.cancelTimer(id);
        gone.complete();
      }
    });
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS) // below the 20 s attempt timeout that would free it anyway
  void aCallCancelledInFlightGivesItsConnectionBack(Vertx vertx, VertxTestContext ctx) {
    mock.faults().next(1, Fault.stall());
    Promise<Void> gone = Promise.promise();
    // one connection and the default 20 s attempt timeout: the next call can only succeed soon if the
    // cancelled exchange let its connection go
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options().setMaxConnections(1));
    client.mint(ClientSecretRequest.minimal(), CallOptions.builder().cancelWhen(gone.future()).build())
        .onComplete(ctx.failing(err -> {
          ctx.verify(() -> assertInstanceOf(CancellationException.class, err));
          client.createClientSecret(ClientSecretRequest.minimal()).onComplete(ctx.succeeding(s -> ctx.completeNow()));
        }));
    vertx.setPeriodic(5, id -> {
      if (mock.stats().requests() == 1) {
        vertx.cancelTimer(id);
        gone.complete();
      }
    });
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS) // below the 20 s attempt timeout that would free it anyway
  void cancellingAUniSubscriptionCancelsItsCallAndFreesItsConnection(Vertx vertx, VertxTestContext ctx) {
    mock.faults().next(1, Fault.stall());
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options().setMaxConnections(1));
    io.smallrye.mutiny.subscription.Cancellable subscription = client.mutiny()
        .createClientSecret(ClientSecretRequest.minimal())
        .subscribe().with(s -> ctx.failNow("the stalled call cannot succeed"), ctx::failNow);
    vertx.setPeriodic(5, id -> {
      if (mock.stats().requests() == 1) {
        vertx.cancelTimer(id);
        subscription.cancel();
        // the only connection must be free again for this one
        client.createClientSecret(ClientSecretRequest.minimal()).onComplete(ctx.succeeding(s -> ctx.completeNow()));
      }
    });
  }
}
