package io.realtimesecrets.examples.tokenservice;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.pool.SecretPool;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /token} in the test profile: the extension's default pool runs on Quarkus's Vert.x against
 * Dev Services (the embedded mock), whose
 * secrets live 10 s (see {@code %test.quarkus.realtime-secrets.pools.default.request}); the pool's floor is 5 s.
 */
@QuarkusTest
class TokenResourceTest {

  @Inject
  MockUpstream mock;

  @Inject
  SecretPool<ClientSecret> pool;

  @ConfigProperty(name = "quarkus.realtime-secrets.pools.default.min-remaining-life")
  Duration floor;

  @Test
  void servesEachCallerAFreshDistinctSecretWithAtLeastTheFloorLeft() {
    Instant before = Instant.now();

    JsonPath first = takeToken();
    JsonPath second = takeToken();

    String firstValue = first.getString("value");
    String secondValue = second.getString("value");
    assertTrue(firstValue.startsWith("ek_"), "an ephemeral key");
    assertTrue(mock.wasMinted(firstValue) && mock.wasMinted(secondValue), "minted by the upstream just now");
    assertNotEquals(firstValue, secondValue, "each secret goes to one caller only");
    for (JsonPath token : new JsonPath[] {first, second}) {
      Instant expiresAt = Instant.ofEpochSecond(token.getLong("expires_at"));
      assertFalse(expiresAt.isBefore(before.plus(floor)),
          "expires at " + expiresAt + ", less than " + floor + " after " + before);
      assertTrue(token.getString("session.model").startsWith("gpt-realtime"), "the configured session");
    }
  }

  @Test
  void retiresStockThatAgedBelowTheFloorAndStillServesTheFloor() {
    // Nobody takes for a while: secrets minted at boot fall toward the 5 s floor and must be retired.
    await().atMost(Duration.ofSeconds(30)).until(() -> pool.stats().expiredUnused() >= 1);
    Instant before = Instant.now();

    JsonPath token = takeToken();

    Instant expiresAt = Instant.ofEpochSecond(token.getLong("expires_at"));
    assertFalse(expiresAt.isBefore(before.plus(floor)),
        "an aged secret was served: expires at " + expiresAt + ", taken at " + before);
  }

  static JsonPath takeToken() {
    return given()
        .when().get("/token")
        .then().statusCode(200)
        .contentType("application/json")
        .header("Cache-Control", "no-store")
        .extract().jsonPath();
  }
}
