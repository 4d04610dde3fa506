package io.realtimesecrets.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.model.EphemeralSecret;
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
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Captures every log record (all levels, all loggers) of a run that includes successes, retries and
 * failures, plus every exception message, stack trace and {@code toString()} the run produced, and checks that
 * neither the API key nor any full minted secret appears anywhere.
 */
@ExtendWith(VertxExtension.class)
class SecretHygieneTest {

  static final String KEY = "sk-proj-HYGIENE0123456789abcdefghijklmnopqrstuv";
  static final String WRONG_KEY = "sk-proj-WRONGKEY0123456789abcdefghijklmnop";

  final List<String> captured = Collections.synchronizedList(new ArrayList<>());
  final Handler capture = new Handler() {
    final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      captured.add(formatter.format(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  Level rootLevel;

  @BeforeEach
  void captureAllLogs() {
    Logger root = Logger.getLogger("");
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    Logger.getLogger("io.realtimesecrets").setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    Logger root = Logger.getLogger("");
    root.removeHandler(capture);
    root.setLevel(rootLevel);
    Logger.getLogger("io.realtimesecrets").setLevel(null);
  }

  @Test
  void neitherTheKeyNorAnySecretReachesLogsMessagesOrToString(Vertx vertx, VertxTestContext ctx) {
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
    List<Object> produced = Collections.synchronizedList(new ArrayList<>());
    ClientSecretRequest request = (ClientSecretRequest) SecretRequests.minimal(Endpoint.CLIENT_SECRETS);
    mock.start().compose(m -> {
      RealtimeSecretsClientOptions options = new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl())
          .setApiKey(KEY).setInitialRetryDelay(Duration.ofMillis(1)).setMaxRetryDelay(Duration.ofMillis(5));
      RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options);
      RealtimeSecretsClient wrong = RealtimeSecretsClient.create(vertx,
          new RealtimeSecretsClientOptions(options).setApiKey(WRONG_KEY));
      produced.add(options);
      produced.add(client);
      mock.faults().next(2, Fault.status(503));
      return client.mint(request, CallOptions.DEFAULTS)
          .compose(ok -> {
            produced.add(ok);
            mock.faults().next(1, Fault.malformedJson());
            return client.mint(request, CallOptions.builder().maxRetries(0).build()).otherwise(err -> {
              produced.add(err);
              return ok;
            });
          })
          .compose(x -> wrong.mint(request, CallOptions.DEFAULTS).map(r -> (Object) r).otherwise(err -> err))
          .compose(x -> {
            produced.add(x);
            mock.faults().next(1, Fault.insufficientQuota());
            return client.createClientSecret(request).map(r -> (Object) r).otherwise(err -> err);
          })
          .compose(x -> {
            produced.add(x);
            return client.createClientSecret(request);
          })
          .compose(secret -> {
            produced.add(secret);
            return Future.succeededFuture(secret);
          });
    }).onComplete(ctx.succeeding(last -> ctx.verify(() -> {
      List<String> texts = new ArrayList<>(captured);
      for (Object o : produced) {
        texts.add(String.valueOf(o));
        if (o instanceof Throwable t) {
          StringWriter sw = new StringWriter();
          t.printStackTrace(new PrintWriter(sw));
          texts.add(sw.toString());
        }
      }
      assertTrue(captured.size() > 0, "the run logged something (retries at debug level)");
      assertTrue(mock.mintedSecrets().size() >= 2);
      for (String text : texts) {
        assertFalse(text.contains(KEY), () -> "API key leaked: " + text);
        assertFalse(text.contains(WRONG_KEY), () -> "wrong API key leaked: " + text);
        for (String secret : mock.mintedSecrets()) {
          assertFalse(text.contains(secret), () -> "secret leaked: " + text);
        }
      }
      assertTrue(texts.stream().anyMatch(t -> t.contains("ek_") && t.contains("…")),
          "secrets do show up redacted, so the check above looked at the right places");
      mock.close().onComplete(ctx.succeedingThenComplete());
    })));
  }

  @Test
  void eachSecretsToStringShowsOnlyAPrefix(Vertx vertx, VertxTestContext ctx) {
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions());
    mock.start().compose(m -> {
      RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx,
          new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY));
      List<Future<? extends EphemeralSecret>> all = new ArrayList<>();
      for (Endpoint e : Endpoint.values()) {
        all.add(client.mint(SecretRequests.minimal(e), CallOptions.DEFAULTS).map(MintResult::secret));
      }
      return Future.all(new ArrayList<>(all)).map(f -> all);
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (Future<? extends EphemeralSecret> f : all) {
        EphemeralSecret s = f.result();
        assertFalse(s.toString().contains(s.secretValue()), s.getClass().getSimpleName() + ".toString leaks");
        assertFalse(s.redactedSecret().contains(s.secretValue()));
      }
      mock.close().onComplete(ctx.succeedingThenComplete());
    })));
  }
}
