package io.realtimesecrets.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.realtimesecrets.model.ClientSecretRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The headers that decide whose account pays and whether the key is accepted, as a server receives them:
 * {@code OpenAI-Organization} and {@code OpenAI-Project} when configured, {@code Authorization: Bearer} for
 * OpenAI, and {@code api-key} (with no {@code Authorization} at all) for an Azure OpenAI host.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WireHeadersTest {

  static final String KEY = "sk-test-0123456789abcdefghijklmnopqrstuv";
  static final String AZURE_HOST = "my-resource.openai.azure.com";

  static String okBody() {
    return "{\"value\":\"ek_68af0123456789abcdef0123456789ab\",\"expires_at\":" + (Instant.now().getEpochSecond() + 600)
        + ",\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}";
  }

  @Test
  void organizationAndProjectAreSentWithTheBearerKey(Vertx vertx, VertxTestContext ctx) {
    StubUpstream.start(vertx, StubUpstream.okJson(okBody())).onComplete(ctx.succeeding(stub ->
        RealtimeSecretsClient.create(vertx, new RealtimeSecretsClientOptions().setBaseUrl(stub.baseUrl())
                .setApiKey(KEY).setOrganization("org-Wire123").setProject("proj_Wire456"))
            .createClientSecret(ClientSecretRequest.minimal())
            .onComplete(ctx.succeeding(s -> ctx.verify(() -> {
              MultiMap h = stub.requestHeaders().get(0);
              assertEquals("org-Wire123", h.get("OpenAI-Organization"));
              assertEquals("proj_Wire456", h.get("OpenAI-Project"));
              assertEquals("Bearer " + KEY, h.get("Authorization"));
              assertNull(h.get("api-key"));
              stub.close().onComplete(ctx.succeedingThenComplete());
            })))));
  }

  @Test
  void withoutOrganizationOrProjectNeitherHeaderIsSent(Vertx vertx, VertxTestContext ctx) {
    StubUpstream.start(vertx, StubUpstream.okJson(okBody())).onComplete(ctx.succeeding(stub ->
        RealtimeSecretsClient.create(vertx, new RealtimeSecretsClientOptions().setBaseUrl(stub.baseUrl()).setApiKey(KEY))
            .createClientSecret(ClientSecretRequest.minimal())
            .onComplete(ctx.succeeding(s -> ctx.verify(() -> {
              MultiMap h = stub.requestHeaders().get(0);
              assertFalse(h.contains("OpenAI-Organization"));
              assertFalse(h.contains("OpenAI-Project"));
              stub.close().onComplete(ctx.succeedingThenComplete());
            })))));
  }

  @Test
  void anAzureHostGetsTheKeyInApiKeyAndNoAuthorizationHeader(VertxTestContext ctx) {
    // a Vert.x whose resolver maps the Azure name to the loopback test server; nothing leaves the machine
    Vertx azureVertx = Vertx.vertx(new VertxOptions().setAddressResolverOptions(new AddressResolverOptions()
        .setHostsValue(Buffer.buffer("127.0.0.1 " + AZURE_HOST + "\n"))));
    StubUpstream.start(azureVertx, StubUpstream.okJson(okBody())).onComplete(ctx.succeeding(stub -> {
      String url = stub.baseUrl().replace("127.0.0.1", AZURE_HOST).replace("/v1", "/openai/v1");
      RealtimeSecretsClient.create(azureVertx, new RealtimeSecretsClientOptions().setBaseUrl(url).setApiKey(KEY))
          .createClientSecret(ClientSecretRequest.minimal())
          .onComplete(ctx.succeeding(s -> ctx.verify(() -> {
            MultiMap h = stub.requestHeaders().get(0);
            assertEquals(KEY, h.get("api-key"));
            assertNull(h.get("Authorization"), "no Bearer header next to api-key");
            assertEquals(AZURE_HOST + ":" + url.split(":")[2].split("/")[0], h.get("Host"));
            azureVertx.close().onComplete(ctx.succeedingThenComplete());
          })));
    }));
  }

  @Test
  void anExplicitApiKeyHeaderReplacesAuthorizationOnAnyHost(Vertx vertx, VertxTestContext ctx) {
    StubUpstream.start(vertx, StubUpstream.okJson(okBody())).onComplete(ctx.succeeding(stub ->
        RealtimeSecretsClient.create(vertx, new RealtimeSecretsClientOptions().setBaseUrl(stub.baseUrl())
                .setApiKey(KEY).setApiKeyHeader("api-key"))
            .createClientSecret(ClientSecretRequest.minimal())
            .onComplete(ctx.succeeding(s -> ctx.verify(() -> {
              MultiMap h = stub.requestHeaders().get(0);
              assertEquals(KEY, h.get("api-key"));
              assertNull(h.get("Authorization"));
              stub.close().onComplete(ctx.succeedingThenComplete());
            })))));
  }
}
