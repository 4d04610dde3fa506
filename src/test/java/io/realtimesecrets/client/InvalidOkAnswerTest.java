package io.realtimesecrets.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.ClientSecretRequest;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 2xx answer means the upstream minted a secret, whatever its body looks like: sending the request again
 * would mint a second one and orphan the first (it lives its full life unused and counts against the rate
 * limit). Such answers fail the call at once with {@link UpstreamException.Kind#INVALID_RESPONSE}, and so do
 * answers whose {@code expires_at} no real secret can have, without quoting the secret.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class InvalidOkAnswerTest {

  static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuv";
  static final String SECRET = "ek_68af0123456789abcdef0123456789ab";

  static RealtimeSecretsClientOptions options(String baseUrl) {
    // retries on, with short waits: the point is that none happen
    return new RealtimeSecretsClientOptions().setBaseUrl(baseUrl).setApiKey(KEY).setMaxRetries(2)
        .setInitialRetryDelay(Duration.ofMillis(1)).setMaxRetryDelay(Duration.ofMillis(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"malformed", "truncated", "html", "expired"})
  void anOkAnswerWithAnUnusableBodyIsNotRetriedBecauseTheUpstreamAlreadyMinted(String fault, Vertx vertx,
      VertxTestContext ctx) {
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(KEY));
    mock.start().compose(m -> {
      mock.faults().next(3, Fault.parse(fault));
      return RealtimeSecretsClient.create(vertx, options(mock.baseUrl())).createClientSecret(ClientSecretRequest.minimal());
    }).onComplete(ctx.failing(err -> ctx.verify(() -> {
      UpstreamException e = assertInstanceOf(UpstreamException.class, err);
      assertEquals(UpstreamException.Kind.INVALID_RESPONSE, e.kind(), e.getMessage());
      assertEquals(1, e.attempts());
      assertEquals(1, mock.stats().requests(), "one request: a second would mint a second secret");
      assertFalse(e.getMessage().contains("ek_"), e.getMessage());
      mock.close().onComplete(ctx.succeedingThenComplete());
    })));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "-1",                    // before 1970
      "0",                     // 1970
      "10000000000000000",     // year ~316 million: Instant holds it, toEpochMilli() overflows
      "90000000000000000",     // beyond Instant's range
      "NOW_PLUS_3H"})          // longer than any secret lives (2 h at most)
  void anAbsurdExpiresAtIsAnInvalidResponseThatIsNotRetriedAndDoesNotQuoteTheSecret(String expiresAt, Vertx vertx,
      VertxTestContext ctx) {
    String value = "NOW_PLUS_3H".equals(expiresAt)
        ? Long.toString(Instant.now().plus(Duration.ofHours(3)).getEpochSecond()) : expiresAt;
    String body = "{\"value\":\"" + SECRET + "\",\"expires_at\":" + value
        + ",\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}";
    StubUpstream.start(vertx, StubUpstream.okJson(body))
        .compose(stub -> RealtimeSecretsClient.create(vertx, options(stub.baseUrl()))
            .createClientSecret(ClientSecretRequest.minimal())
            .onComplete(ctx.failing(err -> ctx.verify(() -> {
              UpstreamException e = assertInstanceOf(UpstreamException.class, err);
              assertEquals(UpstreamException.Kind.INVALID_RESPONSE, e.kind(), e.getMessage());
              assertEquals(1, e.attempts());
              assertEquals(1, stub.requests(), "not retried");
              // beyond Instant's range the model's own decoding refuses the body first
              assertTrue(e.getMessage().contains("expires_at") || e.getMessage().contains("not a valid"),
                  e.getMessage());
              assertFalse(e.getMessage().contains(SECRET), e.getMessage());
              stub.close().onComplete(ctx.succeedingThenComplete());
            }))));
  }

  @ParameterizedTest
  @ValueSource(longs = {10, 7200})
  void aSecretThatLivesBetweenTenSecondsAndTwoHoursIsAccepted(long ttlSeconds, Vertx vertx, VertxTestContext ctx) {
    String body = "{\"value\":\"" + SECRET + "\",\"expires_at\":" + (Instant.now().getEpochSecond() + ttlSeconds)
        + ",\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}";
    StubUpstream.start(vertx, StubUpstream.okJson(body))
        .compose(stub -> RealtimeSecretsClient.create(vertx, options(stub.baseUrl()))
            .createClientSecret(ClientSecretRequest.minimal())
            .onComplete(ctx.succeeding(secret -> ctx.verify(() -> {
              assertEquals(SECRET, secret.secretValue());
              stub.close().onComplete(ctx.succeedingThenComplete());
            }))));
  }
}
