package io.realtimesecrets.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealtimeSecretsClientOptionsTest {

  private static final String KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";

  @Test
  void defaultsMatchTheDocumentedConstants() {
    RealtimeSecretsClientOptions o = new RealtimeSecretsClientOptions();
    assertEquals("https://api.openai.com/v1", o.getBaseUrl());
    assertEquals(2, o.getMaxRetries());
    assertEquals(Duration.ofMillis(500), o.getInitialRetryDelay());
    assertEquals(Duration.ofSeconds(8), o.getMaxRetryDelay());
    assertEquals(RealtimeSecretsClientOptions.DEFAULT_CALL_TIMEOUT, o.getCallTimeout());
    assertFalse(o.isTrustAllInsecure(), "TLS verification must be on by default");
    assertNull(o.getApiKey());
    assertEquals(256, o.getMaxConnections(), "256 in flight must not queue for an HTTP/1.1 connection");
    assertTrue(o.isHttp2(), "h2 is offered through ALPN over TLS");
    assertFalse(o.isHttp2PriorKnowledge(), "an http:// upstream may speak HTTP/1.1 only");
    assertEquals(4, o.getHttp2MaxConnections());
  }

  @Test
  void fromEnvReadsTheVariablesTheOfficialSdksRead() {
    RealtimeSecretsClientOptions o = RealtimeSecretsClientOptions.fromEnv(Map.of(
        "OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", "http://127.0.0.1:9999/v1/",
        "OPENAI_ORG_ID", "org-1", "OPENAI_PROJECT_ID", "proj_1"));
    assertEquals(KEY, o.getApiKey());
    assertEquals("http://127.0.0.1:9999/v1", o.getBaseUrl(), "trailing slash is dropped");
    assertEquals("org-1", o.getOrganization());
    assertEquals("proj_1", o.getProject());
  }

  @Test
  void fromEnvWithNothingSetKeepsDefaults() {
    RealtimeSecretsClientOptions o = RealtimeSecretsClientOptions.fromEnv(Map.of());
    assertNull(o.getApiKey());
    assertEquals(RealtimeSecretsClientOptions.DEFAULT_BASE_URL, o.getBaseUrl());
  }

  @Test
  void jsonRoundTripKeepsEverySettingButTheKey() {
    RealtimeSecretsClientOptions o = new RealtimeSecretsClientOptions()
        .setBaseUrl("https://example.openai.azure.com/openai/v1").setApiKey(KEY).setOrganization("org")
        .setProject("p").putHeader("x-extra", "1").setMaxConnections(7).setHttp2(false).setHttp2PriorKnowledge(true).setHttp2MaxConnections(3)
        .setConnectTimeout(Duration.ofMillis(1234)).setIdleTimeout(Duration.ofSeconds(9))
        .setAttemptTimeout(Duration.ofMillis(4321)).setCallTimeout(Duration.ofSeconds(11)).setMaxRetries(5)
        .setInitialRetryDelay(Duration.ofMillis(100)).setMaxRetryDelay(Duration.ofSeconds(3))
        .setMaxResponseBytes(4096).setUserAgent("ua").addPemCaCertPath("/tmp/ca.pem").setApiKeyHeader("api-key");
    JsonObject json = o.toJson();
    assertFalse(json.encode().contains(KEY), "the key never goes into JSON");
    RealtimeSecretsClientOptions back = new RealtimeSecretsClientOptions(json);
    assertEquals(json, back.toJson());
    assertEquals(7, back.getMaxConnections());
    assertFalse(back.isHttp2());
    assertTrue(back.isHttp2PriorKnowledge());
    assertEquals(Duration.ofMillis(4321), back.getAttemptTimeout());
    assertEquals("api-key", back.getApiKeyHeader());
  }

  @Test
  void toStringShowsAtMostAPrefixOfTheKey() {
    String s = new RealtimeSecretsClientOptions().setApiKey(KEY).toString();
    assertFalse(s.contains(KEY));
    assertTrue(s.contains("sk-proj-…"), s);
  }

  @Test
  void aCredentialInAnExtraHeaderIsRedactedInJson() {
    RealtimeSecretsClientOptions o = new RealtimeSecretsClientOptions().putHeader("x-gateway-token", KEY)
        .putHeader("x-trace", "visible");
    String json = o.toJson().encode();
    assertFalse(json.contains(KEY), json);
    assertTrue(json.contains("visible"), json);
  }

  @Test
  void copyIsIndependentOfTheOriginal() {
    RealtimeSecretsClientOptions o = new RealtimeSecretsClientOptions().putHeader("a", "1");
    RealtimeSecretsClientOptions copy = new RealtimeSecretsClientOptions(o);
    o.putHeader("b", "2").setMaxRetries(9);
    assertEquals(Map.of("a", "1"), copy.getHeaders());
    assertEquals(2, copy.getMaxRetries());
  }

  @Test
  void badValuesAreRefusedWithTheFieldNamed() {
    RealtimeSecretsClientOptions o = new RealtimeSecretsClientOptions();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.setBaseUrl("ftp://x")).getMessage()
        .startsWith("baseUrl:"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.setBaseUrl("not a url")).getMessage()
        .startsWith("baseUrl:"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.setMaxRetries(-1)).getMessage()
        .startsWith("maxRetries:"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.setCallTimeout(Duration.ZERO)).getMessage()
        .startsWith("callTimeout:"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.setMaxConnections(0)).getMessage()
        .startsWith("maxConnections:"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.setMaxResponseBytes(10)).getMessage()
        .startsWith("maxResponseBytes:"));
    assertEquals(RealtimeSecretsClientOptions.DEFAULT_BASE_URL, o.getBaseUrl(), "a refused value changes nothing");
  }
}
