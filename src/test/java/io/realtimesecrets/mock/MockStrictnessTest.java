package io.realtimesecrets.mock;

import static io.realtimesecrets.mock.MockTestSupport.error;
import static io.realtimesecrets.mock.MockTestSupport.post;
import static io.realtimesecrets.mock.MockTestSupport.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.cli.MockCommand;
import io.realtimesecrets.model.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** The mock refuses what the API refuses, in the API's words, and honours what the SDKs send. */
@ExtendWith(VertxExtension.class)
class MockStrictnessTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private WebClient client;

  @BeforeEach
  void createClient(Vertx vertx) {
    client = WebClient.create(vertx);
  }

  private static MockUpstreamOptions fixedClock() {
    return new MockUpstreamOptions().setClock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static JsonObject expectedError(String message, String param, String code) {
    return new JsonObject().put("message", message).put("type", "invalid_request_error").put("param", param)
        .put("code", code);
  }

  @Test
  void anUnknownParameterGetsTheApis400WithItsPath(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> Future.all(
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\",\"foo\":1}}"),
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\","
            + "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"strict\":true}]}}"),
        post(client, mock, Endpoint.SESSIONS, "{\"modle\":\"gpt-4o-realtime-preview\"}"),
        post(client, mock, Endpoint.TRANSCRIPTION_SESSIONS, "{\"client_secret\":{\"ttl\":60}}"),
        post(client, mock, Endpoint.TRANSLATIONS, "{\"session\":{\"model\":\"gpt-realtime-translate\","
            + "\"audio\":{\"output\":{\"voice\":\"marin\"}}}}")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          String[] params = {"session.foo", "session.tools[0].strict", "modle", "client_secret.ttl",
              "session.audio.output.voice"};
          for (int i = 0; i < params.length; i++) {
            HttpResponse<Buffer> r = all.resultAt(i);
            assertEquals(400, r.statusCode(), r.bodyAsString());
            assertEquals(expectedError("Unknown parameter: '" + params[i] + "'.", params[i], "unknown_parameter"),
                error(r));
          }
          ctx.completeNow();
        })));
  }

  @Test
  void aLenientMockAcceptsUnknownParametersButStillEnforcesEveryRule(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions().setLenient(true)).compose(mock -> Future.all(
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\",\"foo\":1}}"),
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\",\"foo\":1,"
            + "\"audio\":{\"output\":{\"speed\":3}}}}")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertEquals(200, all.<HttpResponse<Buffer>>resultAt(0).statusCode());
          HttpResponse<Buffer> refused = all.resultAt(1);
          assertEquals(400, refused.statusCode());
          assertEquals("session.audio.output.speed", error(refused).getString("param"));
          ctx.completeNow();
        })));
  }

  @Test
  void lenientIsPartOfTheOptionsJsonAndCopies() {
    MockUpstreamOptions lenient = new MockUpstreamOptions().setLenient(true);
    assertTrue(new MockUpstreamOptions(lenient.toJson()).isLenient());
    assertTrue(new MockUpstreamOptions(lenient).isLenient());
    assertFalse(new MockUpstreamOptions(new JsonObject()).isLenient());
    assertFalse(MockUpstreamOptions.DEFAULT_LENIENT);
  }

  @Test
  void betaSecretsLiveForTheRequestedSecondsUnderEitherSdkName(Vertx vertx, VertxTestContext ctx) {
    start(vertx, fixedClock()).compose(mock -> Future.all(
        post(client, mock, Endpoint.SESSIONS,
            "{\"client_secret\":{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":300}}}"),
        post(client, mock, Endpoint.TRANSCRIPTION_SESSIONS,
            "{\"client_secret\":{\"expires_at\":{\"anchor\":\"created_at\",\"seconds\":900}}}"),
        post(client, mock, Endpoint.TRANSCRIPTION_SESSIONS,
            "{\"client_secret\":{\"expires_after\":{\"seconds\":120}}}"),
        post(client, mock, Endpoint.SESSIONS, "{}")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          long[] ttl = {300, 900, 120, MockUpstreamOptions.DEFAULT_BETA_SECRET_TTL.getSeconds()};
          for (int i = 0; i < ttl.length; i++) {
            HttpResponse<Buffer> r = all.resultAt(i);
            assertEquals(200, r.statusCode(), r.bodyAsString());
            JsonObject secret = r.bodyAsJsonObject().getJsonObject("client_secret");
            assertEquals(NOW.getEpochSecond() + ttl[i], secret.getLong("expires_at"), "request " + i);
            assertEquals(2, secret.size(), "client_secret is {value, expires_at}: " + secret);
          }
          ctx.completeNow();
        })));
  }

  @Test
  void betaSecretLifetimeOutsideTenSecondsToTwoHoursIsRefusedInTheApisWords(Vertx vertx, VertxTestContext ctx) {
    start(vertx, fixedClock()).compose(mock -> Future.all(
        post(client, mock, Endpoint.SESSIONS, "{\"client_secret\":{\"expires_after\":{\"seconds\":5}}}"),
        post(client, mock, Endpoint.TRANSCRIPTION_SESSIONS,
            "{\"client_secret\":{\"expires_at\":{\"seconds\":7201}}}"),
        post(client, mock, Endpoint.SESSIONS,
            "{\"client_secret\":{\"expires_after\":{\"anchor\":\"now\",\"seconds\":60}}}")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertEquals(expectedError("Invalid 'client_secret.expires_after.seconds': integer below minimum value."
                  + " Expected a value >= 10, but got 5 instead.", "client_secret.expires_after.seconds",
              "integer_below_min_value"), error(all.resultAt(0)));
          assertEquals(expectedError("Invalid 'client_secret.expires_at.seconds': integer above maximum value."
                  + " Expected a value <= 7200, but got 7201 instead.", "client_secret.expires_at.seconds",
              "integer_above_max_value"), error(all.resultAt(1)));
          assertEquals(expectedError("Invalid value: 'now'. Supported values are: 'created_at'.",
              "client_secret.expires_after.anchor", "invalid_value"), error(all.resultAt(2)));
          ctx.completeNow();
        })));
  }

  @Test
  void g711FormatsAreEchoedWithoutARateAndPcmKeepsIts24kHz(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> Future.all(
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\",\"audio\":{"
            + "\"input\":{\"format\":{\"type\":\"audio/pcma\"}},\"output\":{\"format\":{\"type\":\"audio/pcmu\"}}}}}"),
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"transcription\",\"audio\":{"
            + "\"input\":{\"format\":{\"type\":\"audio/pcmu\"}}}}}"),
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\",\"audio\":{"
            + "\"output\":{\"format\":{\"type\":\"audio/pcm\"}}}}}")))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          JsonObject realtime = all.<HttpResponse<Buffer>>resultAt(0).bodyAsJsonObject()
              .getJsonObject("session").getJsonObject("audio");
          assertEquals(new JsonObject().put("type", "audio/pcma"), realtime.getJsonObject("input").getJsonObject("format"));
          assertEquals(new JsonObject().put("type", "audio/pcmu"), realtime.getJsonObject("output").getJsonObject("format"));
          JsonObject transcription = all.<HttpResponse<Buffer>>resultAt(1).bodyAsJsonObject()
              .getJsonObject("session").getJsonObject("audio");
          assertEquals(new JsonObject().put("type", "audio/pcmu"),
              transcription.getJsonObject("input").getJsonObject("format"));
          JsonObject pcm = all.<HttpResponse<Buffer>>resultAt(2).bodyAsJsonObject()
              .getJsonObject("session").getJsonObject("audio");
          assertEquals(new JsonObject().put("type", "audio/pcm").put("rate", 24000),
              pcm.getJsonObject("output").getJsonObject("format"));
          ctx.completeNow();
        })));
  }

  @Test
  void aCustomVoiceIsEchoedAsTheVoiceStringTheResponseSchemaHas(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> post(client, mock, Endpoint.CLIENT_SECRETS,
            "{\"session\":{\"type\":\"realtime\",\"audio\":{\"output\":{\"voice\":{\"id\":\"voice_1234\"}}}}}"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode(), r.bodyAsString());
          assertEquals("voice_1234", r.bodyAsJsonObject().getJsonObject("session").getJsonObject("audio")
              .getJsonObject("output").getValue("voice"));
          ctx.completeNow();
        })));
  }
  @Test
  void theModelsRulesAreAnsweredInTheApisWordsAndCodes(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new MockUpstreamOptions()).compose(mock -> Future.all(List.of(
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\","
            + "\"tools\":[{\"type\":\"mcp\",\"server_url\":\"https://mcp.example\"}]}}"),
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\","
            + "\"tool_choice\":\"sometimes\"}}"),
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\",\"audio\":{\"input\":{"
            + "\"turn_detection\":{\"type\":\"server_vad\",\"threshold\":1.5}}}}}"),
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\","
            + "\"output_modalities\":[]}}"),
        post(client, mock, Endpoint.CLIENT_SECRETS, "{\"session\":{\"type\":\"realtime\","
            + "\"instructions\":42}}"))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertEquals(expectedError("Missing required parameter: 'session.tools[0].server_label'.",
              "session.tools[0].server_label", "missing_required_parameter"), error(all.resultAt(0)));
          assertEquals(expectedError("Invalid value: 'sometimes'. Supported values are: 'none', 'auto', and"
              + " 'required'.", "session.tool_choice", "invalid_value"), error(all.resultAt(1)));
          assertEquals(expectedError("Invalid 'session.audio.input.turn_detection.threshold': decimal above"
                  + " maximum value. Expected a value <= 1, but got 1.5 instead.",
              "session.audio.input.turn_detection.threshold", "decimal_above_max_value"), error(all.resultAt(2)));
          assertEquals(expectedError("Invalid 'session.output_modalities': empty array. Expected an array with"
                  + " minimum length 1, but got an empty array instead.", "session.output_modalities",
              "empty_array"), error(all.resultAt(3)));
          assertEquals(expectedError("Invalid type for 'session.instructions': expected a string, but got an"
              + " integer instead.", "session.instructions", "invalid_type"), error(all.resultAt(4)));
          ctx.completeNow();
        })));
  }
  @Test
  void theMockCommandIsStrictUnlessToldLenient(Vertx vertx, VertxTestContext ctx) {
    String body = "{\"session\":{\"type\":\"realtime\",\"foo\":1}}";
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    MockCommand strict = new MockCommand();
    new CommandLine(strict).parseArgs();
    MockCommand lenient = new MockCommand();
    new CommandLine(lenient).parseArgs("--lenient");
    Future.all(strict.start(vertx, quiet), lenient.start(vertx, quiet))
        .compose(mocks -> Future.all(post(client, mocks.resultAt(0), Endpoint.CLIENT_SECRETS, body),
            post(client, mocks.resultAt(1), Endpoint.CLIENT_SECRETS, body)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertEquals(400, all.<HttpResponse<Buffer>>resultAt(0).statusCode());
          assertEquals(200, all.<HttpResponse<Buffer>>resultAt(1).statusCode());
          ctx.completeNow();
        })));
  }
}
