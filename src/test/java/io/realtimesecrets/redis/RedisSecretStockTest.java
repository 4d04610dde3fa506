package io.realtimesecrets.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ModelJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared stock against a real {@code redis-server}: two replicas (two Vert.x instances, each with its own
 * connection) put and take; each secret goes to exactly one taker; retired secrets are dropped; Redis holds
 * only ciphertext, under a TTL.
 */
class RedisSecretStockTest {

  static final byte[] AES_KEY = Base64.getDecoder().decode("q3nKjz0b3b6cO5F3yHqkR1xZ8d8b2s4p6v0w9e7r5t4=");
  static LocalRedis redis;
  Vertx replicaA;
  Vertx replicaB;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = LocalRedis.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void startReplicas() {
    replicaA = Vertx.vertx();
    replicaB = Vertx.vertx();
  }

  @AfterEach
  void stopReplicas() throws Exception {
    await(replicaA.close());
    await(replicaB.close());
  }

  static RedisSecretStockOptions options(String key) {
    return new RedisSecretStockOptions().setConnectionString(redis.url()).setKey(key)
        .setEncryptionKey(AES_KEY).setTimeout(Duration.ofSeconds(5));
  }

  static ClientSecret secret(String value) {
    String json = "{\"value\":\"" + value + "\",\"expires_at\":" + (Instant.now().getEpochSecond() + 600)
        + ",\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}";
    return ModelJson.decode(json.getBytes(StandardCharsets.UTF_8), ClientSecret.class);
  }

  @Test
  void eachSecretGoesToExactlyOneTakerAcrossReplicas() throws Exception {
    String key = "stock-" + UUID.randomUUID();
    RedisSecretStock a = RedisSecretStock.create(replicaA, options(key));
    RedisSecretStock b = RedisSecretStock.create(replicaB, options(key));
    Instant retire = Instant.now().plusSeconds(60);
    List<Future<Void>> puts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      puts.add((i % 2 == 0 ? a : b).put(secret("ek_test_" + i + "_" + UUID.randomUUID()), retire));
    }
    await(Future.all(puts));
    assertEquals(40L, await(a.size()));
    // 50 takes at once from both replicas, more than the stock holds
    List<Future<ClientSecret>> takes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      takes.add((i % 2 == 0 ? a : b).take(ClientSecret.class));
    }
    await(Future.all(takes));
    Set<String> handedOut = new HashSet<>();
    int empty = 0;
    for (Future<ClientSecret> t : takes) {
      if (t.result() == null) {
        empty++;
      } else {
        assertTrue(handedOut.add(t.result().secretValue()), "handed out twice: " + t.result().redactedSecret());
      }
    }
    assertEquals(40, handedOut.size(), "every secret handed out once");
    assertEquals(10, empty, "the rest find the stock empty");
    await(a.close());
    await(b.close());
  }

  @Test
  void aSecretPastItsRetireTimeIsDroppedAndTheOneRetiringFirstComesFirst() throws Exception {
    RedisSecretStock stock = RedisSecretStock.create(replicaA, options("stock-" + UUID.randomUUID()));
    ClientSecret retiresSoon = secret("ek_test_soon");
    ClientSecret retiresLater = secret("ek_test_later");
    ClientSecret retiresLast = secret("ek_test_last");
    await(stock.put(retiresLast, Instant.now().plusSeconds(120)));
    await(stock.put(retiresSoon, Instant.now().plusMillis(300)));
    await(stock.put(retiresLater, Instant.now().plusSeconds(60)));
    await(stock.put(secret("ek_test_already_retired"), Instant.now().minusSeconds(1)));
    assertEquals(3L, await(stock.size()), "a secret already retired is not stored");
    Thread.sleep(600);
    assertEquals("ek_test_later", await(stock.take(ClientSecret.class)).secretValue(), "the retired one is dropped");
    assertEquals("ek_test_last", await(stock.take(ClientSecret.class)).secretValue());
    assertNull(await(stock.take(ClientSecret.class)));
    assertEquals(0L, await(stock.size()));
    await(stock.close());
  }

  @Test
  void redisHoldsOnlyCiphertextUnderATtlAndAnotherKeyCannotReadIt() throws Exception {
    String key = "stock-" + UUID.randomUUID();
    RedisSecretStock stock = RedisSecretStock.create(replicaA, options(key));
    ClientSecret s = secret("ek_test_plaintext_" + UUID.randomUUID());
    await(stock.put(s, Instant.now().plusSeconds(30)));
    String stored = redis.command("ZRANGE {" + key + "}:stock 0 -1");
    assertEquals("*1", stored, "one entry");
    String entry = redis.command("EVAL \"return redis.call('ZRANGE', KEYS[1], 0, 0)[1]\" 1 {" + key + "}:stock");
    String raw = new String(Base64.getDecoder().decode(entry), StandardCharsets.ISO_8859_1);
    assertTrue(raw.length() > 12 + 16, "nonce, ciphertext and tag: " + raw.length() + " bytes");
    for (String clear : List.of(s.secretValue(), "ek_", "gpt-realtime", "expires_at")) {
      assertFalse(entry.contains(clear) || raw.contains(clear), "no clear text in Redis: " + clear);
    }
    long ttl = Long.parseLong(redis.command("PTTL {" + key + "}:stock").substring(1));
    assertTrue(ttl > 0 && ttl <= 30_000, "the set expires with its last secret: " + ttl);

    byte[] otherKey = AES_KEY.clone();
    otherKey[0] ^= 1;
    RedisSecretStock wrong = RedisSecretStock.create(replicaB, options(key).setEncryptionKey(otherKey));
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(wrong.take(ClientSecret.class)));
    assertTrue(e.getCause().getMessage().contains("could not be decrypted"), e.getCause().getMessage());
    assertFalse(e.getCause().getMessage().contains("ek_"), e.getCause().getMessage());
    await(stock.close());
    await(wrong.close());
  }

  @Test
  void theEncryptionKeyComesFromTheEnvironmentAndIsRequired() {
    RedisSecretStockOptions noKey = new RedisSecretStockOptions().setConnectionString(redis.url());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> new io.realtimesecrets.redis.impl.RedisSecretStockImpl(replicaA, noKey, Map.of()));
    assertTrue(missing.getMessage().contains(RedisSecretStockOptions.ENCRYPTION_KEY_VARIABLE), missing.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> new io.realtimesecrets.redis.impl.RedisSecretStockImpl(replicaA, noKey,
            Map.of(RedisSecretStockOptions.ENCRYPTION_KEY_VARIABLE, "not-a-key-value!")));
    assertFalse(bad.getMessage().contains("not-a-key-value"), bad.getMessage());
    RedisSecretStock fromEnv = new io.realtimesecrets.redis.impl.RedisSecretStockImpl(replicaA, noKey,
        Map.of(RedisSecretStockOptions.ENCRYPTION_KEY_VARIABLE, Base64.getEncoder().encodeToString(AES_KEY)));
    assertNotNull(fromEnv);
    fromEnv.close();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
