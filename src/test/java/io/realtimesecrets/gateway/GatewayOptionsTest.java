package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.gateway.impl.BearerAuthHandler;
import io.realtimesecrets.model.Endpoint;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options, profiles and the configuration file: defaults, round trips and errors that name what is wrong. */
class GatewayOptionsTest {

  @TempDir
  Path dir;

  private Path write(String json) throws IOException {
    Path file = dir.resolve("gateway.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void defaultsToOneGaProfileOnLoopbackWithoutAuth() {
    GatewayOptions o = new GatewayOptions();
    assertEquals("127.0.0.1", o.getHost());
    assertEquals(8080, o.getPort());
    assertNull(o.getAuthToken());
    assertEquals(0, o.effectiveRateLimit(), "rate limit off on loopback by default");
    GatewayProfile p = o.getProfiles().get("default");
    assertEquals(Endpoint.CLIENT_SECRETS, p.endpoint());
    assertEquals("gpt-realtime", p.requestJson().getJsonObject("session").getString("model"));
    assertFalse(p.perUser());
    o.validate();
  }

  @Test
  void refusesANonLoopbackHostWithoutAuthUnlessAnonymousIsAllowed() {
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().setHost("0.0.0.0").validate());
    assertEquals("host", e.field());
    assertTrue(e.getMessage().contains("--auth-token"), e.getMessage());
    assertTrue(e.getMessage().contains("--allow-anonymous"), e.getMessage());
    new GatewayOptions().setHost("0.0.0.0").setAuthToken("t").validate();
    new GatewayOptions().setHost("0.0.0.0").setAllowAnonymous(true).validate();
    new GatewayOptions().setHost("localhost").validate();
    new GatewayOptions().setHost("::1").validate();
    assertEquals(GatewayOptions.DEFAULT_NON_LOOPBACK_RATE_LIMIT,
        new GatewayOptions().setHost("0.0.0.0").effectiveRateLimit(), "rate limit on by default off loopback");
  }

  @Test
  void roundTripsDefaultOptionsThroughJson() {
    JsonObject json = new GatewayOptions().toJson();
    assertEquals(json, new GatewayOptions(json).toJson());
    assertEquals(GatewayProfile.DEFAULT_NAME, new GatewayOptions(json).getDefaultProfile());
  }

  @Test
  void roundTripsThroughJsonWithoutTheAuthToken() {
    GatewayOptions o = new GatewayOptions().setHost("0.0.0.0").setPort(0).setAuthToken("tok-123")
        .setRateLimit(5).addCorsOrigin("https://a.example").setMaxBodyBytes(100)
        .setTokenTimeout(Duration.ofMillis(1500)).setIdentityHeader("X-User")
        .addProfile(GatewayProfile.builder("voice").perUser(true).build()).setDefaultProfile("voice");
    JsonObject json = o.toJson();
    assertFalse(json.encode().contains("tok-123"));
    assertFalse(o.toString().contains("tok-123"));
    GatewayOptions back = new GatewayOptions(json);
    assertEquals(json, back.toJson());
    assertTrue(back.getProfiles().get("voice").perUser());
  }

  /** The example of the README's "Profiles file" section, verbatim. */
  private static final String README_EXAMPLE =
        "{\n" +
        "  \"defaultProfile\": \"voice\",\n" +
        "  \"profiles\": {\n" +
        "    \"voice\": {\n" +
        "      \"endpoint\": \"client_secrets\",\n" +
        "      \"request\": {\n" +
        "        \"expires_after\": { \"anchor\": \"created_at\", \"seconds\": 600 },\n" +
        "        \"session\": { \"type\": \"realtime\", \"model\": \"gpt-realtime\", \"instructions\": \"You are a concise assistant.\",\n" +
        "                     \"audio\": { \"output\": { \"voice\": \"marin\" } } }\n" +
        "      },\n" +
        "      \"pool\": { \"minIdle\": 4, \"minRemainingLife\": 60000 }\n" +
        "    },\n" +
        "    \"transcribe\": {\n" +
        "      \"endpoint\": \"transcription_sessions\",\n" +
        "      \"request\": { \"input_audio_format\": \"pcm16\", \"input_audio_transcription\": { \"model\": \"gpt-4o-transcribe\" } }\n" +
        "    },\n" +
        "    \"support\": {\n" +
        "      \"request\": { \"session\": { \"type\": \"realtime\", \"model\": \"gpt-realtime\" } },\n" +
        "      \"perUser\": true\n" +
        "    }\n" +
        "  }\n" +
        "}\n";

  @Test
  void readsTheReadmeExampleConfig() throws IOException {
    GatewayOptions o = new GatewayOptions().readConfigFile(write(README_EXAMPLE));
    assertEquals("voice", o.getDefaultProfile());
    assertEquals(Endpoint.TRANSCRIPTION_SESSIONS, o.getProfiles().get("transcribe").endpoint());
    assertEquals(Duration.ofMinutes(1), o.getProfiles().get("voice").poolOptions().getMinRemainingLife());
    assertTrue(o.getProfiles().get("support").perUser());
  }

  @Test
  void readsProfilesFromAConfigFile() throws IOException {
    Path file = write("{\"defaultProfile\":\"voice\",\"profiles\":{"
        + "\"voice\":{\"request\":{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}},"
        + "\"pool\":{\"minIdle\":3}},"
        + "\"support\":{\"endpoint\":\"client_secrets\",\"perUser\":true}}}");
    GatewayOptions o = new GatewayOptions().readConfigFile(file);
    assertEquals("voice", o.getDefaultProfile());
    assertEquals(3, o.getProfiles().get("voice").poolOptions().getMinIdle());
    assertTrue(o.getProfiles().get("support").perUser());
    assertEquals(file.toString(), o.getConfigFile());
  }

  @Test
  void namesTheFileTheProfileAndTheFieldOfABadEndpoint() throws IOException {
    Path file = write("{\"profiles\":{\"voice\":{\"endpoint\":\"client-secret\"}}}");
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().readConfigFile(file));
    assertEquals(file.toString(), e.file());
    assertEquals("voice", e.profile());
    assertEquals("endpoint", e.field());
    assertTrue(e.getMessage().startsWith(file + ": profile 'voice': field 'endpoint': "), e.getMessage());
  }

  @Test
  void redisOptionsPassThroughFromTheFileAndABadOneNamesTheFieldWithoutEchoingAnEndpoint() throws IOException {
    Path good = write("{\"profiles\":{\"voice\":{}},\"redisUrl\":\"redis://127.0.0.1:26379\",\"mintRateLimit\":5,\"redisOptions\":"
        + "{\"type\":\"SENTINEL\",\"masterName\":\"mymaster\",\"role\":\"MASTER\"}}");
    GatewayOptions o = new GatewayOptions().readConfigFile(good);
    assertEquals("SENTINEL", o.getRedisOptions().getString("type"));
    assertEquals("mymaster", new GatewayOptions(o).getRedisOptions().getString("masterName"), "copied");
    assertTrue(!o.toJson().containsKey("redisOptions") && !o.toString().contains("mymaster"),
        "endpoints may hold passwords: never in toJson nor toString");

    Path typo = write("{\"redisOptions\":{\"type\":\"SENTINAL\"}}");
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().readConfigFile(typo));
    assertEquals("redisOptions", e.field());
    assertTrue(e.getMessage().contains("must be STANDALONE, SENTINEL, CLUSTER or REPLICATION, got \"SENTINAL\""),
        e.getMessage());

    Path secret = write("{\"redisOptions\":{\"endpoints\":[\"redis://:hunter2@10.0.0.1:6379\", 7]}}");
    e = assertThrows(GatewayConfigException.class, () -> new GatewayOptions().readConfigFile(secret));
    assertEquals("redisOptions", e.field());
    assertTrue(!e.getMessage().contains("hunter2"), e.getMessage());

    Path notAnObject = write("{\"redisOptions\":\"sentinel\"}");
    e = assertThrows(GatewayConfigException.class, () -> new GatewayOptions().readConfigFile(notAnObject));
    assertTrue(e.getMessage().contains("must be an object of Vert.x RedisOptions fields"), e.getMessage());
  }

  @Test
  void namesAMisspeltProfileField() throws IOException {
    Path file = write("{\"profiles\":{\"voice\":{\"per_user\":true}}}");
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().readConfigFile(file));
    assertEquals("voice", e.profile());
    assertEquals("per_user", e.field());
  }

  @Test
  void namesABadPoolOption() throws IOException {
    Path file = write("{\"profiles\":{\"voice\":{\"pool\":{\"minIdle\":-2}}}}");
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().readConfigFile(file));
    assertEquals("voice", e.profile());
    assertEquals("pool", e.field());
    assertTrue(e.getMessage().contains("minIdle"), e.getMessage());
  }

  @Test
  void namesTheRequestFieldThatBreaksAnApiRule() throws IOException {
    Path file = write("{\"profiles\":{\"voice\":{\"request\":{\"session\":{\"type\":\"realtime\","
        + "\"model\":\"gpt-realtime\"},\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":5}}}}}");
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().readConfigFile(file));
    assertEquals("voice", e.profile());
    assertEquals("request.expires_after.seconds", e.field());
    assertEquals(file + ": profile 'voice': field 'request.expires_after.seconds': must be between 10 and 7200",
        e.getMessage());
  }

  @Test
  void refusesAPoolOnAPerUserProfile() throws IOException {
    Path file = write("{\"profiles\":{\"support\":{\"perUser\":true,\"pool\":{\"minIdle\":2}}}}");
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().readConfigFile(file));
    assertEquals("support", e.profile());
    assertEquals("pool", e.field());
  }

  @Test
  void namesTheFileWhenItIsNotJsonOrMissing() throws IOException {
    Path file = write("{ profiles: ");
    GatewayConfigException notJson = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().readConfigFile(file));
    assertTrue(notJson.getMessage().startsWith(file.toString()), notJson.getMessage());
    Path missing = dir.resolve("nope.json");
    GatewayConfigException absent = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().readConfigFile(missing));
    assertTrue(absent.getMessage().startsWith(missing.toString()), absent.getMessage());
  }

  @Test
  void requiresADefaultProfileThatExists() throws IOException {
    Path file = write("{\"defaultProfile\":\"missing\",\"profiles\":{\"voice\":{}}}");
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().readConfigFile(file));
    assertEquals("defaultProfile", e.field());
    Path two = write("{\"profiles\":{\"a\":{},\"b\":{}}}");
    assertEquals("defaultProfile",
        assertThrows(GatewayConfigException.class, () -> new GatewayOptions().readConfigFile(two)).field());
    Path unknownTop = write("{\"profile\":{}}");
    assertEquals("profile",
        assertThrows(GatewayConfigException.class, () -> new GatewayOptions().readConfigFile(unknownTop)).field());
  }

  @Test
  void rejectsBadOptionValuesNamingThem() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new GatewayOptions().setPort(70000))
        .getMessage().startsWith("port"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new GatewayOptions().addCorsOrigin("*"))
        .getMessage().startsWith("corsOrigins"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new GatewayOptions().setTokenTimeout(Duration.ZERO)).getMessage().startsWith("tokenTimeout"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new GatewayOptions().setRateLimit(-5))
        .getMessage().startsWith("rateLimit"));
    assertThrows(GatewayConfigException.class, () -> GatewayProfile.builder("bad name/").build());
  }

  @Test
  void acceptsOnlyTheExactBearerToken() {
    BearerAuthHandler auth = new BearerAuthHandler("abc-123");
    assertTrue(auth.matches("Bearer abc-123"));
    assertTrue(auth.matches("bearer abc-123"));
    assertFalse(auth.matches("Bearer abc-1234"));
    assertFalse(auth.matches("Bearer "));
    assertFalse(auth.matches("Basic abc-123"));
    assertFalse(auth.matches(null));
    assertThrows(IllegalArgumentException.class, () -> new BearerAuthHandler(" "));
  }

  @Test
  void allowsANonLoopbackHostWithJwtVerificationAlone() throws IOException {
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, TestIdp.jwks(TestIdp.ec("k", "ES256")));
    GatewayOptions options = new GatewayOptions().setHost("0.0.0.0");
    assertThrows(GatewayConfigException.class, options::validate);
    options.setJwt(new JwtOptions().setJwks(jwks.toString()));
    options.validate();
  }

  @Test
  void roundTripsJwtUserQuotaAndDemoThroughJsonWithoutTheHmacSecret() {
    GatewayOptions options = new GatewayOptions().setUserRateLimit(12).setDemo(true)
        .setJwt(new JwtOptions().setJwks("https://idp.example.com/jwks").setIssuer("https://idp.example.com/")
            .addAudience("a").addAudience("b").setLeeway(Duration.ofSeconds(5)).setUserClaim("email")
            .setHmacSecret("a-shared-secret-of-at-least-32-bytes!"));
    JsonObject json = options.toJson();
    assertFalse(json.encode().contains("a-shared-secret"), json.encode());
    assertFalse(options.toString().contains("a-shared-secret"), options.toString());
    GatewayOptions back = new GatewayOptions(json);
    assertEquals(12, back.getUserRateLimit());
    assertTrue(back.isDemo());
    JwtOptions jwt = back.getJwt();
    assertEquals("https://idp.example.com/jwks", jwt.getJwks());
    assertEquals(java.util.List.of("a", "b"), jwt.getAudiences());
    assertEquals(Duration.ofSeconds(5), jwt.getLeeway());
    assertEquals("email", jwt.getUserClaim());
    assertNull(jwt.getHmacSecret());
  }

  @Test
  void readsJwtFromAConfigFileAndNamesItsBadFields() throws IOException {
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, TestIdp.jwks(TestIdp.ec("k", "ES256")));
    Path file = dir.resolve("gateway.json");
    Files.writeString(file, new JsonObject().put("jwt", new JsonObject().put("jwks", jwks.toString())
        .put("issuer", "https://idp/").put("audiences", new io.vertx.core.json.JsonArray().add("x")).put("leeway", 10))
        .encode());
    GatewayOptions options = new GatewayOptions().readConfigFile(file);
    options.validate();
    assertEquals("https://idp/", options.getJwt().getIssuer());
    assertEquals(Duration.ofSeconds(10), options.getJwt().getLeeway());
    assertEquals(GatewayProfile.DEFAULT_NAME, options.getDefaultProfile(), "a file with only jwt keeps the default profile");

    Files.writeString(file, "{\"jwt\": {\"jwks\": \"https://idp/jwks\", \"audience\": \"x\"}}");
    GatewayConfigException e = assertThrows(GatewayConfigException.class, () -> new GatewayOptions().readConfigFile(file));
    assertTrue(e.getMessage().contains("jwt.audience") && e.getMessage().contains(file.toString()), e.getMessage());

    Files.writeString(file, "{\"jwt\": {\"jwks\": \"http://idp.example.com/jwks\"}}");
    GatewayOptions plainHttp = new GatewayOptions().readConfigFile(file);
    e = assertThrows(GatewayConfigException.class, plainHttp::validate);
    assertTrue(e.getMessage().contains("https"), e.getMessage());

    assertThrows(IllegalArgumentException.class, () -> new JwtOptions().setAlgorithms(java.util.List.of("none")));
    assertThrows(IllegalArgumentException.class,
        () -> new JwtOptions().setJwks("https://idp/jwks").setAlgorithms(java.util.List.of("HS256")).validate());
  }

  @Test
  void exposureSettingsHaveSafeDefaultsAndRoundTripThroughJson() {
    GatewayOptions defaults = new GatewayOptions();
    assertEquals(Duration.ofSeconds(30), defaults.getIdleTimeout());
    assertEquals(Duration.ofSeconds(10), defaults.getReadTimeout());
    assertEquals(1024, defaults.getMaxConnections());
    assertTrue(defaults.getAllowedHosts().isEmpty());
    assertTrue(defaults.getTrustedProxies().isEmpty());
    assertFalse(defaults.isAppHandlesAuthAndRateLimit());
    GatewayOptions set = new GatewayOptions().setIdleTimeout(Duration.ofSeconds(5))
        .setReadTimeout(Duration.ofSeconds(2)).setMaxConnections(7).addAllowedHost("Tokens.Example.com")
        .addTrustedProxy("10.0.0.0/8").addTrustedProxy("fd00::/8").setAppHandlesAuthAndRateLimit(true);
    GatewayOptions back = new GatewayOptions(set.toJson());
    assertEquals(set.toJson(), back.toJson());
    assertEquals(java.util.List.of("tokens.example.com"), back.getAllowedHosts());
    assertEquals(Duration.ofSeconds(2), new GatewayOptions(set).getReadTimeout());
  }

  @Test
  void refusesBadExposureSettingsNamingThem() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new GatewayOptions().addTrustedProxy("10.0.0.0/33"))
        .getMessage().contains("trustedProxies"));
    assertThrows(IllegalArgumentException.class, () -> new GatewayOptions().addTrustedProxy("proxy.example.com"));
    assertThrows(IllegalArgumentException.class, () -> new GatewayOptions().addAllowedHost("a b"));
    assertThrows(IllegalArgumentException.class, () -> new GatewayOptions().setMaxConnections(0));
    assertThrows(IllegalArgumentException.class, () -> new GatewayOptions().setReadTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new GatewayOptions().setIdleTimeout(null));
  }

  @Test
  void refusesAnAuthTokenWithSurroundingWhitespace() {
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().setAuthToken("token-with-newline\n").validate());
    assertEquals("authToken", e.field());
    assertFalse(e.getMessage().contains("token-with-newline"));
  }

  @Test
  void namesABadExposureSettingInAConfigFile() throws IOException {
    Path file = dir.resolve("exposure.json");
    Files.writeString(file, "{\"profiles\":{\"default\":{}},\"maxConnections\":\"many\"}");
    GatewayConfigException e = assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().readConfigFile(file));
    assertEquals("maxConnections", e.field());
  }

  @Test
  void readsTheSharedMintRateLimitFromTheConfigFileAndJson() throws IOException {
    assertEquals(GatewayOptions.DEFAULT_MINT_RATE_LIMIT, new GatewayOptions().getMintRateLimit());
    Path file = write("{\"mintRateLimit\":20,\"profiles\":{\"voice\":{\"pool\":{\"minIdle\":3}}}}");
    assertEquals(20, new GatewayOptions().readConfigFile(file).getMintRateLimit());
    GatewayOptions o = new GatewayOptions().setMintRateLimit(12.5);
    assertEquals(12.5, new GatewayOptions(o.toJson()).getMintRateLimit());
    Path bad = write("{\"mintRateLimit\":-1,\"profiles\":{\"voice\":{}}}");
    GatewayConfigException e = org.junit.jupiter.api.Assertions.assertThrows(GatewayConfigException.class,
        () -> new GatewayOptions().readConfigFile(bad));
    assertEquals("mintRateLimit", e.field());
  }
}
