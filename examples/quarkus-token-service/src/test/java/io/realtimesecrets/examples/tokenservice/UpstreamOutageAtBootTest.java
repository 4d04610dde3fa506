package io.realtimesecrets.examples.tokenservice;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolStats;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The upstream fails the first mints with 503 while the app boots: Quarkus starts anyway and serves. */
@QuarkusTest
@TestProfile(UpstreamOutageAtBootTest.FirstMintsFail.class)
class UpstreamOutageAtBootTest {

  static final int FAILED_MINTS = 4;

  /** The mock answers 503 to the first {@value #FAILED_MINTS} mint requests. */
  public static class FirstMintsFail implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.realtime-secrets.devservices.fail-first", Integer.toString(FAILED_MINTS),
          "quarkus.realtime-secrets.devservices.fault", "503");
    }
  }

  @Inject
  MockUpstream mock;

  @Inject
  SecretPool<ClientSecret> pool;

  @Test
  void startsAndServesOnceThePoolHasRetriedPastTheFailedMints() {
    List<Integer> statuses = new CopyOnWriteArrayList<>();

    Response served = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          Response r = given().when().get("/token");
          statuses.add(r.statusCode());
          return r;
        }, r -> r.statusCode() == 200);

    assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 503), "only 200 or 503, got " + statuses);
    assertTrue(mock.wasMinted(served.jsonPath().getString("value")), "a secret the upstream minted");
    assertEquals(FAILED_MINTS, mock.stats().errors(503), "every injected failure reached the upstream");
    await().atMost(Duration.ofSeconds(30)).until(pool::isReady);
    SecretPoolStats stats = pool.stats();
    assertTrue(stats.mintAttempts() >= stats.minted() + FAILED_MINTS,
        "the pool minted again after the failures: " + stats.mintAttempts() + " attempts, " + stats.minted()
            + " minted");
  }
}
