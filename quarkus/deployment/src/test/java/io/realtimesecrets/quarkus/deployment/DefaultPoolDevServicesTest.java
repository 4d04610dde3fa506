package io.realtimesecrets.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.realtimesecrets.client.MutinyRealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsRuntime;
import io.realtimesecrets.quarkus.runtime.dev.RealtimeSecretsJsonRpcService;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An app with the extension and no {@code quarkus.realtime-secrets.*} config at all: Dev Services start the
 * embedded mock, and the default pool, the client and its Mutiny face are injected and mint from it; health and
 * metrics are wired because quarkus-smallrye-health and quarkus-micrometer are present.
 */
class DefaultPoolDevServicesTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .withEmptyApplication()
      .overrideConfigKey("quarkus.http.test-port", "0")
      .setLogRecordPredicate(r -> r.getLoggerName().startsWith("io.realtimesecrets.quarkus"))
      .assertLogRecords(records -> assertEquals(1,
          records.stream().filter(r -> r.getMessage().startsWith("Dev Services for realtime-secrets")).count(),
          "one log line says Dev Services started the mock"));

  @Inject
  SecretPool<ClientSecret> pool;

  @Inject
  @Identifier("default")
  SecretPool<ClientSecret> defaultByName;

  @Inject
  RealtimeSecretsClient client;

  @Inject
  MutinyRealtimeSecretsClient mutinyClient;

  @Inject
  MockUpstream mock;

  @Inject
  MeterRegistry registry;

  @Test
  void theDefaultPoolServesDistinctSecretsMintedByTheDevServicesMock() throws Exception {
    ClientSecret first = pool.take().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    ClientSecret second = pool.take().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertTrue(first.value().startsWith("ek_"), "an ephemeral key");
    assertNotEquals(first.value(), second.value(), "each secret goes to one caller only");
    assertTrue(mock.wasMinted(first.value()) && mock.wasMinted(second.value()), "minted by the mock");
    assertTrue(first.toJson().contains("gpt-realtime"), "the default request: gpt-realtime");
    assertSame(pool, defaultByName, "@Identifier(\"default\") is the same pool");
  }

  @Test
  void theClientAndItsMutinyFaceMintFromTheMock() throws Exception {
    ClientSecret viaFuture = client.createClientSecret(ClientSecretRequest.minimal())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    ClientSecret viaUni = mutinyClient.createClientSecret(ClientSecretRequest.minimal())
        .await().atMost(Duration.ofSeconds(10));

    assertTrue(mock.wasMinted(viaFuture.value()));
    assertTrue(mock.wasMinted(viaUni.value()));
  }

  @Test
  void readinessIsUpOncePoolsHaveWarmedAndLivenessIsUp() {
    await().atMost(Duration.ofSeconds(30)).until(pool::isReady);

    given().when().get("/q/health/ready")
        .then().statusCode(200)
        .body("checks.name", hasItem("realtime-secrets"))
        .body("checks.find { it.name == 'realtime-secrets' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'realtime-secrets' }.data.default", startsWith("ready"));
    given().when().get("/q/health/live")
        .then().statusCode(200)
        .body("checks.find { it.name == 'realtime-secrets' }.status", equalTo("UP"));
  }

  @Test
  void theDevUiRowShowsThePoolsStockAndCounters() throws Exception {
    pool.take().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    RealtimeSecretsJsonRpcService devUi =
        new RealtimeSecretsJsonRpcService(Arc.container().instance(RealtimeSecretsRuntime.class).get());

    List<Map<String, Object>> rows = devUi.getPools();

    assertEquals(1, rows.size());
    Map<String, Object> row = rows.get(0);
    assertEquals("default", row.get("name"));
    assertEquals("client_secrets", row.get("endpoint"));
    // the pool keeps minting while we read: the row's count lies between one and the count read after it
    long minted = ((Number) row.get("minted")).longValue();
    assertTrue(minted >= 1 && minted <= pool.stats().minted(), "the pool's own counter: " + minted);
    assertTrue(((Number) row.get("takes")).longValue() >= 1);
    assertTrue(devUi.getStockLabel().startsWith("1 pool, "), devUi.getStockLabel());
  }

  @Test
  void poolMetersAreBoundToQuarkussRegistry() throws Exception {
    pool.take().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    FunctionCounter minted = registry.find("realtime.pool.minted").tag("pool", "default").functionCounter();
    assertNotNull(minted, "realtime.pool.minted{pool=default} in Quarkus's registry");
    assertTrue(minted.count() >= 1, "counts the mints: " + minted.count());
    assertNotNull(registry.find("realtime.pool.stock").tag("pool", "default").gauge());
  }
}
