package io.realtimesecrets.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.LogCapture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.redis.client.RedisOptions;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis AUTH (the password in the URL) and TLS ({@code rediss://}) through the Vert.x client, against real
 * {@code redis-server}s with {@code --requirepass} and with a TLS port only. The password never reaches a log.
 */
class RedisSecurityTest {

  static final String PASSWORD = "s3cret-redis-pw";

  @TempDir
  Path dir;
  Vertx vertx;
  @RegisterExtension
  final LogCapture log = LogCapture.of("io.realtimesecrets.redis");

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  private static String withPassword(String url, String password) {
    return url.replace("://", "://:" + password + "@");
  }

  @Test
  void authenticatesWithThePasswordInTheUrl() throws Exception {
    try (LocalRedis redis = LocalRedis.start(false, List.of("--requirepass", PASSWORD))) {
      RedisMintBudget budget = RedisMintBudget.create(vertx, new RedisMintBudgetOptions()
          .setConnectionString(withPassword(redis.url(), PASSWORD)).setMintsPerSecond(10)
          .setTimeout(Duration.ofSeconds(5)));
      assertEquals(Duration.ZERO, await(budget.acquire()));
      assertFalse(budget.isFallback(), "authenticated: the shared budget answered");
      assertFalse(budget.toString().contains(PASSWORD), budget.toString());
      await(budget.close());
    }
  }

  @Test
  void aWrongPasswordFallsBackWithoutFailingAndIsNeverLogged() throws Exception {
    try (LocalRedis redis = LocalRedis.start(false, List.of("--requirepass", PASSWORD))) {
      String wrong = "wrong-" + PASSWORD;
      RedisMintBudgetOptions options = new RedisMintBudgetOptions()
          .setConnectionString(withPassword(redis.url(), wrong)).setMintsPerSecond(10);
      RedisMintBudget budget = RedisMintBudget.create(vertx, options);
      assertEquals(Duration.ZERO, await(budget.acquire()), "the fallback grants the first mint");
      assertTrue(budget.isFallback());
      assertTrue(log.lines().stream().anyMatch(m -> m.contains("unreachable")), log.toString());
      assertTrue(log.lines().stream().noneMatch(m -> m.contains(wrong)), log.toString());
      assertFalse(options.toString().contains(wrong), options.toString());
      await(budget.close());
    }
  }

  @Test
  void talksTlsToARedissUrlAndRefusesAnUntrustedCertificate() throws Exception {
    Path cert = dir.resolve("redis.crt");
    Path key = dir.resolve("redis.key");
    Files.writeString(cert, bundled("CERTIFICATE_PEM"));
    Files.writeString(key, bundled("PRIVATE_KEY_PEM"));
    try (LocalRedis redis = LocalRedis.start(true, List.of("--tls-cert-file", cert.toString(),
        "--tls-key-file", key.toString()))) {
      assertTrue(redis.url().startsWith("rediss://"));
      RedisOptions trusting = new RedisOptions().setNetClientOptions(new NetClientOptions()
          .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(bundled("CERTIFICATE_PEM")))));
      RedisMintBudget trusted = RedisMintBudget.create(vertx, new RedisMintBudgetOptions()
          .setConnectionString(redis.url()).setMintsPerSecond(10).setRedisOptions(trusting)
          .setTimeout(Duration.ofSeconds(5))); // a first TLS handshake on a loaded machine can take a while
      assertEquals(Duration.ZERO, await(trusted.acquire()));
      assertFalse(trusted.isFallback(), "TLS with the server's certificate trusted");
      await(trusted.close());

      // the JVM's trust store does not know the self-signed certificate: no shared budget, no failure
      RedisMintBudget untrusted = RedisMintBudget.create(vertx, new RedisMintBudgetOptions()
          .setConnectionString(redis.url()).setMintsPerSecond(10));
      assertEquals(Duration.ZERO, await(untrusted.acquire()));
      assertTrue(untrusted.isFallback(), "an untrusted certificate is refused");
      await(untrusted.close());
    }
  }

  /** The mock's bundled self-signed certificate (localhost, 127.0.0.1) and key, test traffic only. */
  private static String bundled(String field) throws Exception {
    Field f = Class.forName("io.realtimesecrets.mock.impl.BundledCertificate").getDeclaredField(field);
    f.setAccessible(true);
    return (String) f.get(null);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
