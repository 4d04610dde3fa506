package io.realtimesecrets.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.MutinyRealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.model.ExpiresAfter;
import io.realtimesecrets.model.RealtimeSessionConfig;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's code, as written there, run against the embedded mock, so the documented snippets cannot
 * drift from the API. Keep the blocks between the markers identical to the README.
 */
@ExtendWith(VertxExtension.class)
class ReadmeExamplesTest {

  MockUpstream mock;
  RealtimeSecretsClientOptions envOptions;

  @BeforeEach
  void startMock(Vertx vertx, VertxTestContext ctx) {
    mock = MockUpstream.create(vertx);
    mock.start().onComplete(ctx.succeeding(m -> {
      envOptions = RealtimeSecretsClientOptions.fromEnv(Map.of("OPENAI_API_KEY", "sk-readme-0123456789abcdef",
          "OPENAI_BASE_URL", mock.baseUrl()));
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stopMock(VertxTestContext ctx) {
    mock.close().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theFutureExampleMintsASecretForTheBrowser(Vertx vertx, VertxTestContext ctx) {
    // README: Mint a secret (Vert.x Future)
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, envOptions);

    ClientSecretRequest request = ClientSecretRequest.builder()
        .expiresAfter(ExpiresAfter.ofSeconds(600))
        .session(RealtimeSessionConfig.builder().model("gpt-realtime").instructions("Be brief.").build())
        .build();

    client.createClientSecret(request)
        .onSuccess(secret -> ctx.verify(() -> {
          JsonObject sent = new JsonObject(secret.toJson());
          assertTrue(sent.getString("value").startsWith("ek_"));
          assertEquals("Be brief.", sent.getJsonObject("session").getString("instructions"));
          ctx.completeNow();
        }))
        .onFailure(ctx::failNow);
  }

  @Test
  void theMutinyExampleIsLazyAndMints(Vertx vertx, VertxTestContext ctx) {
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, envOptions);
    ClientSecretRequest request = ClientSecretRequest.minimal();
    // README: The same with Mutiny
    MutinyRealtimeSecretsClient mutiny = client.mutiny();

    Uni<ClientSecret> secret = mutiny.createClientSecret(request)
        .onFailure(ApiException.class).invoke(e -> System.err.println("HTTP " + ((ApiException) e).status()));

    assertEquals(0, mock.stats().requests());
    secret.subscribe().with(s -> ctx.verify(() -> {
      assertTrue(s.secretValue().startsWith("ek_"));
      ctx.completeNow();
    }), ctx::failNow);
  }

  @Test
  void thePoolExampleHandsOutDistinctSecretsWithTheFloor(Vertx vertx, VertxTestContext ctx) {
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, envOptions);
    ClientSecretRequest request = ClientSecretRequest.minimal();
    // README: Hand out pre-minted secrets from a pool
    SecretPool<ClientSecret> pool = SecretPool.create(vertx, client, request,
        new SecretPoolOptions().setMinIdle(4).setMinRemainingLife(Duration.ofSeconds(60)));

    pool.start()
        .compose(v -> pool.take())
        .compose(first -> pool.take().map(second -> new ClientSecret[] {first, second}))
        .onComplete(ctx.succeeding(two -> ctx.verify(() -> {
          assertNotEquals(two[0].secretValue(), two[1].secretValue());
          long left = two[0].expiresAt().getEpochSecond() - java.time.Instant.now().getEpochSecond();
          assertTrue(left >= 60, "at least minRemainingLife left: " + left);
          pool.close().onComplete(ctx.succeedingThenComplete());
        })));
  }
}
