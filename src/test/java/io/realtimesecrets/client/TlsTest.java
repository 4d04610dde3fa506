package io.realtimesecrets.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.model.SecretRequests;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS against a mock with a self-signed certificate: refused by default, accepted once its CA is trusted. */
@ExtendWith(VertxExtension.class)
class TlsTest {

  static final String KEY = "sk-tls-0123456789abcdefghijklmnop";

  MockUpstream mock;

  @BeforeEach
  void startHttpsMock(Vertx vertx, VertxTestContext ctx) {
    mock = MockUpstream.create(vertx, new MockUpstreamOptions().setSsl(true));
    mock.start().onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    mock.close().onComplete(ctx.succeedingThenComplete());
  }

  static ClientSecretRequest minimal() {
    return (ClientSecretRequest) SecretRequests.minimal(Endpoint.CLIENT_SECRETS);
  }

  @Test
  void theDefaultTrustStoreRefusesASelfSignedUpstreamWithAClearTlsError(Vertx vertx, VertxTestContext ctx) {
    assertTrue(mock.baseUrl().startsWith("https://"), mock.baseUrl());
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx,
        new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY).setMaxRetries(3));
    client.createClientSecret(minimal()).onComplete(ctx.failing(err -> ctx.verify(() -> {
      UpstreamException e = assertInstanceOf(UpstreamException.class, err);
      assertEquals(UpstreamException.Kind.TLS, e.kind());
      assertFalse(e.isRetryable(), "an untrusted certificate does not fix itself");
      assertEquals(1, e.attempts());
      assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
      assertEquals(0, mock.stats().requests(), "no request, and so no key, went to the untrusted server");
      ctx.completeNow();
    })));
  }

  @Test
  void aConfiguredPemCaIsTrusted(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    Path pem = dir.resolve("mock-ca.pem");
    Files.writeString(pem, mock.certificatePem(), StandardCharsets.US_ASCII);
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx,
        new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY).addPemCaCertPath(pem.toString()));
    client.createClientSecret(minimal()).onComplete(ctx.succeeding(secret -> ctx.verify(() -> {
      assertTrue(mock.wasMinted(secret.secretValue()));
      ctx.completeNow();
    })));
  }

  @Test
  void configuredTrustOptionsAreTrusted(Vertx vertx, VertxTestContext ctx) {
    RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx,
        new RealtimeSecretsClientOptions().setBaseUrl(mock.baseUrl()).setApiKey(KEY).setTrustOptions(mock.trustOptions()));
    client.createClientSecret(minimal()).onComplete(ctx.succeeding(secret -> ctx.completeNow()));
  }
}
