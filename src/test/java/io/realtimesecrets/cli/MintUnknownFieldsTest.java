package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code mint --body} refuses fields the model does not know, naming the path and the likely name. */
class MintUnknownFieldsTest {

  private static final String TYPO = "{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\","
      + "\"instrutions\":\"Be brief.\"}}";

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String stdin, String... args) {
    MintCommand command = new MintCommand(Map.of(),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    CommandLine cl = Main.commandLine(command); // usage errors go to the command line's err
    cl.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "mint";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    return cl.execute(withCommand);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aTypoInTheBodyIsAUsageErrorNamingThePathAndTheLikelyName() {
    assertEquals(2, run(TYPO, "--body", "-"));
    assertTrue(err().contains("session.instrutions: unknown field (did you mean 'instructions'?)"), err());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void allowUnknownFieldsSendsTheBodyOnAndTheStrictMockRefusesItAsTheApiWould() {
    // with the flag the body reaches the upstream; the embedded mock answers like the API does
    assertEquals(1, run(TYPO, "--body", "-", "--allow-unknown-fields"));
    assertTrue(err().contains("Unknown parameter: 'session.instrutions'."), err());
  }
}
