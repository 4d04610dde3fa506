package io.realtimesecrets.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.cli.MockCommand;
import io.realtimesecrets.model.Endpoint;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(VertxExtension.class)
class MockCommandTest {

  @Test
  void theCommandPrintsItsBaseUrlAndAppliesItsFlags(Vertx vertx, VertxTestContext ctx) {
    MockCommand command = new MockCommand();
    new CommandLine(command).parseArgs("--port", "0", "--api-key", "sk-cli-key-0123456789",
        "--fault", "503", "--fault-next", "1", "--retry-after", "3");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    WebClient client = WebClient.create(vertx);
    command.start(vertx, new PrintStream(printed, true, StandardCharsets.UTF_8)).compose(mock -> {
      String line = printed.toString(StandardCharsets.UTF_8).trim();
      assertEquals("mock upstream listening on " + mock.baseUrl(), line);
      assertTrue(line.matches("mock upstream listening on http://127\\.0\\.0\\.1:\\d+/v1"), line);
      String url = line.substring(line.indexOf("http"));
      return client.postAbs(url + Endpoint.SESSIONS.path()).putHeader("authorization", "Bearer sk-cli-key-0123456789")
          .sendBuffer(Buffer.buffer("{}"))
          .compose(first -> client.postAbs(url + Endpoint.SESSIONS.path())
              .putHeader("authorization", "Bearer sk-cli-key-0123456789").sendBuffer(Buffer.buffer("{}"))
              .map(second -> new int[] {first.statusCode(), Integer.parseInt(first.getHeader("retry-after")),
                  second.statusCode()}));
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(503, r[0]);
      assertEquals(3, r[1]);
      assertEquals(200, r[2]);
      ctx.completeNow();
    })));
  }

  @Test
  void contradictoryOrUnknownFaultFlagsAreUsageErrors() {
    for (String[] args : new String[][] {{"--fault", "teapot"}, {"--fault-rate", "0.5"},
        {"--fault", "reset", "--retry-after", "2"}, {"--fault", "503", "--fault-next", "1", "--fault-rate", "0.5"},
        {"--fault", "503", "--fault-rate", "1.5"}, {"--port", "-3"}}) {
      StringWriter err = new StringWriter();
      int code = new CommandLine(new MockCommand()).setErr(new PrintWriter(err)).execute(args);
      assertEquals(2, code, String.join(" ", args) + " -> " + err);
      assertTrue(err.toString().contains("Usage:"), err.toString());
    }
  }
}
