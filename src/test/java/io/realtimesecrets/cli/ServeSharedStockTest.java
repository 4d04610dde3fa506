package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve --shared-stock}: refused before anything starts, with a usage error (exit code 2) that names
 * what is missing, when there is no Redis or no valid encryption key; a bad key is never echoed.
 */
class ServeSharedStockTest {

  static final String VARIABLE = "REALTIME_SECRETS_STOCK_KEY";
  static final String REDIS = "redis://127.0.0.1:1";

  @TempDir
  Path dir;

  private static int execute(StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err, true));
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "serve";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    return cl.execute(withCommand);
  }

  private static ServeCommand parse(String... args) {
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd;
  }

  @Test
  void sharedStockWithoutARedisUrlIsAUsageError() {
    Assumptions.assumeTrue(System.getenv("REDIS_URL") == null, "REDIS_URL is set in this environment");
    StringWriter err = new StringWriter();
    assertEquals(2, execute(err, "--port", "0", "--shared-stock"));
    assertTrue(err.toString().contains("--shared-stock: needs --redis-url"), err.toString());
  }

  @Test
  void sharedStockWithoutTheKeyVariableIsAUsageErrorNamingIt() {
    Assumptions.assumeTrue(System.getenv(VARIABLE) == null, VARIABLE + " is set in this environment");
    StringWriter err = new StringWriter();
    assertEquals(2, execute(err, "--port", "0", "--redis-url", REDIS, "--mint-rate-limit", "5", "--shared-stock"));
    assertTrue(err.toString().contains("--shared-stock: needs env " + VARIABLE), err.toString());
  }

  @Test
  void aKeyThatIsNotTheBase64OfAnAesKeyIsAUsageErrorThatDoesNotEchoIt() {
    for (String bad : new String[] {"not base64 at all!", "c2hvcnQ=", " "}) {
      ServeCommand cmd = parse("--port", "0", "--redis-url", REDIS, "--mint-rate-limit", "5", "--shared-stock");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> cmd.start(Map.of(VARIABLE, bad)));
      assertTrue(e.getMessage().contains(VARIABLE), e.getMessage());
      if (!bad.isBlank()) {
        assertFalse(e.getMessage().contains(bad), "the key is not echoed: " + e.getMessage());
      }
    }
  }

  @Test
  void theConfigFileTurnsTheSharedStockOnAndNeedsTheKeyAllTheSame() throws Exception {
    Path file = dir.resolve("gateway.json");
    Files.writeString(file, "{\"profiles\":{\"default\":{}},\"redisUrl\":\"" + REDIS
        + "\",\"mintRateLimit\":5,\"sharedStock\":true}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parse("--port", "0", "--config", file.toString()).start(Map.of()));
    assertTrue(e.getMessage().contains("sharedStock") && e.getMessage().contains(VARIABLE), e.getMessage());

    Files.writeString(file, "{\"profiles\":{\"default\":{}},\"redisUrl\":\"" + REDIS
        + "\",\"mintRateLimit\":5,\"sharedStock\":\"yes\"}");
    IllegalArgumentException notBoolean = assertThrows(IllegalArgumentException.class,
        () -> parse("--port", "0", "--config", file.toString()).start(Map.of()));
    assertTrue(notBoolean.getMessage().contains("sharedStock") && notBoolean.getMessage().contains("true or false"),
        notBoolean.getMessage());
  }
}
