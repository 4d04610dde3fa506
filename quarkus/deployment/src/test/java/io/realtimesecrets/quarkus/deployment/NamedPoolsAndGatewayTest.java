package io.realtimesecrets.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.QuarkusUnitTest;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.TranslationClientSecret;
import io.realtimesecrets.pool.SecretPool;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several pools by name, one on another endpoint, one per user; the gateway mounted at its default path behind
 * Quarkus's own (basic) authentication.
 */
class NamedPoolsAndGatewayTest {

  static final String VOICE_REQUEST = "{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\","
      + "\"instructions\":\"speak like a lighthouse keeper\"}}";

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .withEmptyApplication()
      .overrideConfigKey("quarkus.http.test-port", "0")
      .overrideConfigKey("quarkus.realtime-secrets.pools.default.min-idle", "1")
      .overrideConfigKey("quarkus.realtime-secrets.pools.voice.request", VOICE_REQUEST)
      .overrideConfigKey("quarkus.realtime-secrets.pools.voice.min-idle", "3")
      .overrideConfigKey("quarkus.realtime-secrets.pools.translate.endpoint", "translations")
      .overrideConfigKey("quarkus.realtime-secrets.pools.me.per-user", "true")
      .overrideConfigKey("quarkus.realtime-secrets.gateway.enabled", "true")
      .overrideConfigKey("quarkus.http.auth.basic", "true")
      .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
      .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
      .overrideConfigKey("quarkus.security.users.embedded.users.alice", "alice-password");

  @Inject
  @Identifier("voice")
  SecretPool<ClientSecret> voice;

  @Inject
  @Identifier("translate")
  SecretPool<TranslationClientSecret> translate;

  @Inject
  MockUpstream mock;

  @Test
  void eachNamedPoolMintsItsOwnRequestWithItsOwnOptions() throws Exception {
    // min-idle=3 for voice (the library's default is 1): the pool warms to three secrets in stock
    await().atMost(Duration.ofSeconds(30)).until(() -> voice.stats().stock() >= 3);

    ClientSecret secret = voice.take().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    TranslationClientSecret translation = translate.take().toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    assertTrue(secret.toJson().contains("lighthouse keeper"), "the voice pool's own request");
    assertTrue(mock.wasMinted(secret.value()) && mock.wasMinted(translation.value()), "minted by the mock");
  }

  @Test
  void theGatewayServesEveryPoolAtRealtimeToken() {
    String fromDefault = given().when().get("/realtime/token")
        .then().statusCode(200).header("Cache-Control", "no-store")
        .body("value", startsWith("ek_")).extract().path("value");
    String fromVoice = given().when().get("/realtime/token/voice")
        .then().statusCode(200).extract().path("value");
    given().when().get("/realtime/token/nope").then().statusCode(404);

    assertTrue(mock.wasMinted(fromDefault) && mock.wasMinted(fromVoice), "served from the pools");
  }

  @Test
  void aPerUserPoolNamesTheCallerFromQuarkussSecurityIdentity() {
    given().when().get("/realtime/token/me").then().statusCode(401);

    String value = given().auth().preemptive().basic("alice", "alice-password")
        .when().get("/realtime/token/me")
        .then().statusCode(200).extract().path("value");

    assertTrue(mock.wasMinted(value));
  }
}
