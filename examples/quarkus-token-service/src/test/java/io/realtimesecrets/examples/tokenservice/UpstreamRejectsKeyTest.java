package io.realtimesecrets.examples.tokenservice;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The upstream refuses the key (401 on every mint): /token says so plainly and leaks nothing. */
@QuarkusTest
@TestProfile(UpstreamRejectsKeyTest.KeyRefused.class)
class UpstreamRejectsKeyTest {

  /** The mock answers 401 to every mint, as OpenAI does for a revoked key. */
  public static class KeyRefused implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.realtime-secrets.devservices.fail-first", "100000",
          "quarkus.realtime-secrets.devservices.fault", "401");
    }
  }

  @Test
  void answers502WithAFixedMessageAndNeitherKeyNorUpstreamDetail() {
    given()
        .when().get("/token")
        .then().statusCode(502)
        .contentType("application/json")
        .header("Cache-Control", "no-store")
        .body("error.type", equalTo("upstream_rejected"))
        .body("error.message", equalTo("the token service cannot mint tokens; see its log"))
        .body(not(containsString("sk-")));
  }
}
