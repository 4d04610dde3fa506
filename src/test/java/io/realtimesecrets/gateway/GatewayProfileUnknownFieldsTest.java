package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile's {@code request} is checked for unknown fields, unless the profile opts out. */
class GatewayProfileUnknownFieldsTest {

  private static final String TYPO = "{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\","
      + "\"instrutions\":\"Be brief.\"}}";

  @TempDir
  Path dir;

  @Test
  void aTypoInAConfigFileNamesTheFileTheProfileThePathAndTheLikelyName() throws IOException {
    Path file = dir.resolve("gateway.json");
    Files.writeString(file, "{\"profiles\":{\"voice\":{\"request\":" + TYPO + "}}}");
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().readConfigFile(file));
    assertEquals("request.session.instrutions", e.field());
    assertEquals(file + ": profile 'voice': field 'request.session.instrutions': unknown field"
        + " (did you mean 'instructions'?)", e.getMessage());
  }

  @Test
  void aTypoInABuiltProfileIsRefusedToo() {
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> GatewayProfile.builder("voice").request(new JsonObject(TYPO)).build());
    assertEquals("request.session.instrutions", e.field());
  }

  @Test
  void aProfileThatAllowsUnknownFieldsSendsThemOnAndSaysSoInItsJson() {
    GatewayProfile profile = GatewayProfile.fromJson("voice",
        new JsonObject().put("request", new JsonObject(TYPO)).put("allowUnknownFields", true));
    assertTrue(profile.allowUnknownFields());
    assertTrue(profile.request().toJson().contains("\"instrutions\""), profile.request().toJson());
    JsonObject json = profile.toJson();
    assertEquals(true, json.getBoolean("allowUnknownFields"));
    assertTrue(GatewayProfile.fromJson("voice", json).allowUnknownFields());
  }

  @Test
  void allowingUnknownFieldsStillAppliesEveryApiRule() {
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> GatewayProfile.builder("voice").allowUnknownFields(true)
            .request(new JsonObject("{\"session\":{\"type\":\"realtime\",\"newer_field\":1,"
                + "\"audio\":{\"output\":{\"speed\":3}}}}")).build());
    assertEquals("request.session.audio.output.speed", e.field());
  }

  @Test
  void allowUnknownFieldsMustBeABooleanAndDefaultsToFalse() {
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> GatewayProfile.fromJson("voice", new JsonObject().put("allowUnknownFields", "yes")));
    assertEquals("allowUnknownFields", e.field());
    assertFalse(GatewayProfile.defaultProfile().allowUnknownFields());
    assertFalse(GatewayProfile.DEFAULT_ALLOW_UNKNOWN_FIELDS);
  }
}
