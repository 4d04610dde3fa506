package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.redis.LocalRedis;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve's fleet flags: --redis-url (REDIS_URL, config redisUrl) and --replicas. */
class ServeFleetTest {

  @TempDir
  Path dir;

  private static ServeCommand parse(String... args) {
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd;
  }

  private static int execute(StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "serve";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    return cl.execute(withCommand);
  }

  @Test
  void aRedisUrlWithoutAMintRateLimitIsAUsageErrorThatKeepsThePasswordOut() {
    StringWriter err = new StringWriter();
    int code = execute(err, "--port", "0", "--redis-url", "redis://:s3cret-pw@127.0.0.1:6379");
    assertEquals(2, code);
    assertTrue(err.toString().contains("serve: --redis-url: needs --mint-rate-limit N"), err.toString());
    assertFalse(err.toString().contains("s3cret-pw"), err.toString());
  }

  @Test
  void aRedisUrlThatIsNotOneIsRefusedWithoutEchoingIt() {
    StringWriter err = new StringWriter();
    int code = execute(err, "--port", "0", "--mint-rate-limit", "5", "--redis-url", "http://:s3cret-pw@host");
    assertEquals(2, code);
    assertTrue(err.toString().contains("--redis-url: must be a redis://HOST:PORT or rediss://HOST:PORT URL"),
        err.toString());
    assertFalse(err.toString().contains("s3cret-pw"), err.toString());
  }

  @Test
  void theRedisUrlComesFromTheEnvironmentAndTheFlagWins() {
    GatewayOptions fromEnv = parse("--mint-rate-limit", "5").gatewayOptions(Map.of("REDIS_URL", "redis://env:1"));
    assertEquals("redis://env:1", fromEnv.getRedisUrl());
    GatewayOptions fromFlag = parse("--mint-rate-limit", "5", "--redis-url", "rediss://flag:2")
        .gatewayOptions(Map.of("REDIS_URL", "redis://env:1"));
    assertEquals("rediss://flag:2", fromFlag.getRedisUrl());
    assertNull(parse().gatewayOptions(Map.of()).getRedisUrl(), "none by default");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parse().gatewayOptions(Map.of("REDIS_URL", "redis://:pw-in-env@env:1")));
    assertEquals("REDIS_URL: needs --mint-rate-limit N, the mints per second the whole fleet shares through Redis",
        e.getMessage());
  }

  @Test
  void theConfigFileMaySetRedisUrlAndReplicasAndTheFlagsWin() throws IOException {
    Path file = dir.resolve("fleet.json");
    Files.writeString(file, "{\"mintRateLimit\":30,\"redisUrl\":\"redis://file:3\",\"replicas\":3,"
        + "\"profiles\":{\"voice\":{}}}");
    GatewayOptions fromFile = parse("--config", file.toString()).gatewayOptions(Map.of());
    assertEquals("redis://file:3", fromFile.getRedisUrl());
    assertEquals(3, fromFile.getReplicas());
    GatewayOptions flags = parse("--config", file.toString(), "--replicas", "5", "--redis-url", "redis://flag:4")
        .gatewayOptions(Map.of());
    assertEquals(5, flags.getReplicas());
    assertEquals("redis://flag:4", flags.getRedisUrl());
    StringWriter err = new StringWriter();
    assertEquals(2, execute(err, "--port", "0", "--replicas", "0"));
    assertTrue(err.toString().contains("--replicas"), err.toString());
  }

  @Test
  void servesThroughTheFleetBudgetInRedis() throws Exception {
    try (LocalRedis redis = LocalRedis.start()) {
      ServeCommand cmd = parse("--port", "0", "--instances", "1", "--mint-rate-limit", "50",
          "--redis-url", redis.url());
      ServeCommand.Running running = cmd.start(Map.of());
      try {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String inRedis = ":0";
        // the pool's mints go through the shared budget, so its GCRA timestamp appears in Redis; several
        // calls (each take refills the stock), in case a loaded machine made the first ask time out
        for (int i = 0; i < 20 && !inRedis.equals(":1"); i++) {
          HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(running.url + "/token"))
              .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
          assertEquals(200, ok.statusCode(), ok.body());
          inRedis = redis.command("EXISTS {realtime-secrets:mint-budget}:tat");
          if (!inRedis.equals(":1")) {
            Thread.sleep(500);
          }
        }
        assertEquals(":1", inRedis);
      } finally {
        running.stop();
      }
    }
  }
}
