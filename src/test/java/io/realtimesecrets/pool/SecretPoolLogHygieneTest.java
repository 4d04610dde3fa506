package io.realtimesecrets.pool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.LogCapture;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.model.SecretRequests;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pool's log path: every record at every level while pools warm up, serve, pause on 429, back off on
 * 5xx, open their circuit and are refused for a wrong key; no line, failure message, stack trace or
 * {@code toString()} may carry the API key or a minted {@code ek_} value.
 */
@ExtendWith(VertxExtension.class)
class SecretPoolLogHygieneTest {

  static final String KEY = "sk-proj-POOLHYGIENE0123456789abcdefghijklmnopq";
  static final String WRONG_KEY = "sk-proj-POOLWRONG0123456789abcdefghijklmnopq";

  @RegisterExtension
  final LogCapture log = LogCapture.of("").atAllLevels();

  @Test
  void noPoolLogLineFailureOrToStringCarriesTheKeyOrASecret(Vertx vertx, VertxTestContext ctx) {
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
    ClientSecretRequest request = (ClientSecretRequest) SecretRequests.minimal(Endpoint.CLIENT_SECRETS);
    List<Object> produced = Collections.synchronizedList(new ArrayList<>());
    SecretPoolOptions options = new SecretPoolOptions().setMinIdle(2).setCircuitFailureThreshold(1)
        .setBackoffBase(Duration.ofMillis(50)).setBackoffCap(Duration.ofMillis(300))
        .setFatalProbeInterval(Duration.ofSeconds(1)).setAcquireTimeout(Duration.ofSeconds(3));
    mock.start().compose(m -> {
      RealtimeSecretsClientOptions co = new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY);
      RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, co);
      RealtimeSecretsClient wrong = RealtimeSecretsClient.create(vertx, new RealtimeSecretsClientOptions(co)
          .setApiKey(WRONG_KEY));
      SecretPool<ClientSecret> pool = SecretPool.create(vertx, client, request, options);
      SecretPool<ClientSecret> refused = SecretPool.create(vertx, wrong, request, options);
      produced.add(pool);
      produced.add(options);
      return pool.start()
          .compose(v -> takeAll(pool, 4, produced))
          .compose(v -> {
            mock.faults().next(3, Fault.rateLimited(Duration.ofSeconds(1)));
            return takeAll(pool, 6, produced);
          })
          .compose(v -> {
            mock.faults().next(4, Fault.status(500));
            return takeAll(pool, 6, produced);
          })
          .compose(v -> {
            mock.faults().next(2, Fault.malformedJson());
            return takeAll(pool, 4, produced);
          })
          .compose(v -> refused.start().map(x -> (Object) x).otherwise(err -> {
            produced.add(err);
            return err;
          }))
          .compose(v -> takeAll(refused, 2, produced))
          .compose(v -> {
            produced.add(pool.stats());
            produced.add(refused.stats());
            return Future.all(pool.close(), refused.close(), client.close(), wrong.close());
          });
    }).onComplete(ctx.succeeding(done -> ctx.verify(() -> {
      List<String> texts = log.lines();
      for (Object o : produced) {
        texts.add(String.valueOf(o));
        if (o instanceof Throwable t) {
          StringWriter sw = new StringWriter();
          t.printStackTrace(new PrintWriter(sw));
          texts.add(sw.toString());
        }
      }
      assertTrue(log.lines().stream().anyMatch(t -> t.contains("circuit open") || t.contains("paused")),
          "the pool's own warnings were captured: " + log.records().size() + " records");
      assertTrue(log.lines().stream().anyMatch(t -> t.contains("refused to mint")), "the fatal path was logged");
      assertTrue(mock.mintedSecrets().size() >= 4);
      for (String text : texts) {
        assertFalse(text.contains(KEY), () -> "API key leaked: " + text);
        assertFalse(text.contains(WRONG_KEY), () -> "wrong API key leaked: " + text);
        for (String secret : mock.mintedSecrets()) {
          assertFalse(text.contains(secret), () -> "secret leaked: " + text);
        }
      }
      mock.close().onComplete(ctx.succeedingThenComplete());
    })));
  }

  /** Takes {@code n} one after the other, keeping every failure (the run goes on either way). */
  private static Future<Void> takeAll(SecretPool<ClientSecret> pool, int n, List<Object> produced) {
    Future<Void> f = Future.succeededFuture();
    for (int i = 0; i < n; i++) {
      f = f.compose(v -> pool.take().map(s -> {
        produced.add(s);
        return (Void) null;
      }).otherwise(err -> {
        produced.add(err);
        return null;
      }));
    }
    return f;
  }
}
