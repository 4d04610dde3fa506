package io.realtimesecrets.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.LogCapture;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Captures every log record (all levels, all loggers) of a run that includes successes, retries and
 * failures, plus every exception message, stack trace and {@code toString()} the run produced, and checks that
 * neither the API key nor any full minted secret appears anywhere.
 */
@ExtendWith(VertxExtension.class)
class SecretHygieneTest {

  static final String KEY = "sk-proj-HYGIENE0123456789abcdefghijklmnopqrstuv";
  static final String WRONG_KEY = "sk-proj-WRONGKEY0123456789abcdefghijklmnop";

  @RegisterExtension
  final LogCapture log = LogCapture.of("").atAllLevels();

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
      List<String> texts = log.lines();
      for (Object o : produced) {
        texts.add(String.valueOf(o));
        if (o instanceof Throwable t) {
          StringWriter sw = new StringWriter();
          t.printStackTrace(new PrintWriter(sw));
          texts.add(sw.toString());
        }
      }
      assertTrue(log.records().size() > 0, "the run logged something (retries at debug level)");
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

  /**
   * The client's retry and failure paths, fed answers that quote the key and secrets: error bodies echoing
   * both, an absurd Retry-After, 2xx answers whose secret cannot be used (absurd or past expires_at, a body
   * cut off, a body over the cap) and a stall. Every log record (debug included), message and stack trace
   * must be free of the key and of every secret the answers carried.
   */
  @Test
  void neitherTheKeyNorAnySecretReachesTheClientsRetryAndFailurePaths(Vertx vertx, VertxTestContext ctx) {
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      secrets.add("ek_HYGIENE" + i + "abcdef0123456789abcdef01");
    }
    long now = java.time.Instant.now().getEpochSecond();
    String echo = "{\"error\":{\"message\":\"key " + KEY + " and secret " + secrets.get(0)
        + " rejected\",\"type\":\"server_error\",\"param\":\"" + secrets.get(0) + "\"}}";
    List<java.util.function.Consumer<io.vertx.core.http.HttpServerRequest>> script = List.of(
        req -> req.response().setStatusCode(503).putHeader("content-type", "application/json").end(echo),
        req -> req.response().setStatusCode(429).putHeader("retry-after", "Infinity")
            .putHeader("content-type", "application/json").end(echo),
        StubUpstream.okJson(secretBody(secrets.get(1), now + 600)),
        StubUpstream.okJson(secretBody(secrets.get(2), 10_000_000_000_000_000L)),
        StubUpstream.okJson(secretBody(secrets.get(3), now - 60)),
        req -> {
          String body = secretBody(secrets.get(4), now + 600);
          req.response().putHeader("content-type", "application/json")
              .putHeader("content-length", Integer.toString(body.length() * 2))
              .write(body).onComplete(ar -> req.connection().close());
        },
        StubUpstream.okJson(secretBody(secrets.get(5), now + 600).replace("\"session\"",
            "\"padding\":\"" + "x".repeat(4096) + "\",\"session\"")),
        req -> { },
        req -> req.response().setStatusCode(500).putHeader("content-type", "application/json").end(echo));
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    List<Object> produced = Collections.synchronizedList(new ArrayList<>());
    ClientSecretRequest request = (ClientSecretRequest) SecretRequests.minimal(Endpoint.CLIENT_SECRETS);
    StubUpstream.start(vertx, req -> script.get(Math.min(next.getAndIncrement(), script.size() - 1)).accept(req))
        .compose(stub -> {
          RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, new RealtimeSecretsClientOptions()
              .setBaseUrl(stub.baseUrl()).setApiKey(KEY).setMaxResponseBytes(2048)
              .setInitialRetryDelay(Duration.ofMillis(1)).setMaxRetryDelay(Duration.ofMillis(5))
              .setAttemptTimeout(Duration.ofMillis(300)));
          produced.add(client);
          Future<Object> chain = Future.succeededFuture();
          // 503 then 429 (Retry-After: Infinity, so backoff) then a good secret; then one call per bad answer
          for (int call = 0; call < 6; call++) {
            chain = chain.compose(x -> client.mint(request, CallOptions.DEFAULTS).map(r -> (Object) r)
                .otherwise(err -> err).onSuccess(produced::add));
          }
          return chain.eventually(stub::close);
        })
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          List<String> texts = log.lines();
          for (Object o : produced) {
            texts.add(String.valueOf(o));
            if (o instanceof Throwable t) {
              StringWriter sw = new StringWriter();
              t.printStackTrace(new PrintWriter(sw));
              texts.add(sw.toString());
            }
          }
          assertTrue(produced.stream().filter(o -> o instanceof RealtimeSecretsException).count() >= 5,
              () -> "the bad answers failed their calls: " + produced);
          assertTrue(log.lines().stream().anyMatch(t -> t.contains("retrying")), "the retry path logged");
          for (String text : texts) {
            assertFalse(text.contains(KEY), () -> "API key leaked: " + text);
            for (String secret : secrets) {
              assertFalse(text.contains(secret), () -> "secret leaked: " + text);
            }
          }
          ctx.completeNow();
        })));
  }

  static String secretBody(String secret, long expiresAt) {
    return "{\"value\":\"" + secret + "\",\"expires_at\":" + expiresAt
        + ",\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}";
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
