package io.realtimesecrets.model;

import static io.realtimesecrets.model.Fixtures.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How an object polymorphic on {@code type} (session, tool, turn detection) is read in one pass: the class
 * is chosen by {@code type} wherever it stands in the object, nothing the upstream sent is lost, and
 * errors inside it still name the full JSON path.
 */
class TypeDispatchTest {

  private static ClientSecret decode(String session) {
    String body = "{\"value\":\"ek_test\",\"expires_at\":1767225600,\"session\":" + session + "}";
    return ModelJson.decode(body.getBytes(StandardCharsets.UTF_8), ClientSecret.class);
  }

  @Test
  void typeAfterOtherFieldsStillChoosesTheClassAndKeepsEveryField() {
    String session = "{\"model\":\"gpt-realtime\",\"later\":{\"a\":[1,{\"b\":null}]},\"type\":\"realtime\","
        + "\"tools\":[{\"name\":\"f\",\"type\":\"function\"},{\"z\":1,\"type\":\"web_search\"}],"
        + "\"audio\":{\"input\":{\"turn_detection\":{\"threshold\":0.4,\"type\":\"semantic_vad\"}}}}";
    ClientSecret secret = decode(session);

    RealtimeSessionConfig config = assertInstanceOf(RealtimeSessionConfig.class, secret.session());
    assertEquals("gpt-realtime", config.model());
    assertEquals(Map.of("a", List.of(1, java.util.Collections.singletonMap("b", null))),
        config.additionalProperties().get("later"));
    assertEquals("f", assertInstanceOf(FunctionTool.class, config.tools().get(0)).name());
    UnrecognizedTool unknown = assertInstanceOf(UnrecognizedTool.class, config.tools().get(1));
    assertEquals("web_search", unknown.type());
    assertEquals(Map.of("z", 1), unknown.additionalProperties());
    assertInstanceOf(SemanticVad.class, config.audio().input().turnDetection());
    assertJsonEquals(session, ModelJson.encode(config));
  }

  @Test
  void objectWithoutAStringTypeIsReadWholeAsTheDefaultClass() {
    UnrecognizedSessionConfig noType = assertInstanceOf(UnrecognizedSessionConfig.class,
        decode("{\"model\":\"m\",\"x\":[true]}").session());
    assertEquals(Map.of("model", "m", "x", List.of(true)), noType.additionalProperties());

    UnrecognizedSessionConfig nullType = assertInstanceOf(UnrecognizedSessionConfig.class,
        decode("{\"model\":\"m\",\"type\":null}").session());
    assertEquals(Set.of("type"), nullType.explicitNulls());

    RealtimeSessionConfig config = (RealtimeSessionConfig) decode(
        "{\"type\":\"realtime\",\"tools\":[{\"name\":\"g\"}],"
            + "\"audio\":{\"input\":{\"turn_detection\":{\"threshold\":0.5}}}}").session();
    assertEquals("g", assertInstanceOf(FunctionTool.class, config.tools().get(0)).name());
    assertInstanceOf(ServerVad.class, config.audio().input().turnDetection());
  }

  @Test
  void errorInsideAnObjectWhoseTypeComesLastNamesTheFullPath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> decode("{\"audio\":{\"output\":{\"speed\":\"fast\"}},\"type\":\"realtime\"}"));
    assertTrue(e.getMessage().contains("session.audio.output.speed"), e.getMessage());

    IllegalArgumentException tool = assertThrows(IllegalArgumentException.class,
        () -> decode("{\"type\":\"realtime\",\"tools\":[{\"name\":7,\"type\":\"function\"}]}"));
    assertTrue(tool.getMessage().contains("session.tools[0].name"), tool.getMessage());
  }

  @Test
  void aDuplicateKeyBeforeOrAfterTheTypeIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> decode("{\"model\":\"a\",\"model\":\"b\",\"type\":\"realtime\"}"));
    assertThrows(IllegalArgumentException.class,
        () -> decode("{\"type\":\"realtime\",\"type\":\"transcription\"}"));
  }

  @Test
  void aBuilderUsedAgainAfterBuildLeavesTheBuiltObjectUnchanged() {
    AudioInput.Builder builder = AudioInput.builder().turnDetection(null).additionalProperty("first", 1);
    AudioInput built = builder.build();

    builder.additionalProperty("second", 2).turnDetection(ServerVad.builder().build()).noiseReduction(null);

    assertEquals(Map.of("first", 1), built.additionalProperties());
    assertEquals(Set.of("turn_detection"), built.explicitNulls());
    AudioInput again = builder.build();
    assertEquals(Map.of("first", 1, "second", 2), again.additionalProperties());
    assertEquals(Set.of("noise_reduction"), again.explicitNulls());
  }
}
