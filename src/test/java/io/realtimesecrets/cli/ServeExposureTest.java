package io.realtimesecrets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code serve} does with connections from the network: stalled heads and bodies, idle connections,
 * more connections than it accepts, Host names, oversized heads, a padded auth token. Raw sockets on
 * 127.0.0.1; timeouts are set short, and the waits for the server to act are generous safety nets only.
 */
class ServeExposureTest {

  /** Safety net: longest a test waits for the server to close a connection it should close. */
  private static final int SAFETY_MS = 20_000;

  @TempDir
  Path dir;

  private static ServeCommand.Running serve(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--port", "0", "--instances", "2"));
    all.addAll(List.of(args));
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs(all.toArray(new String[0]));
    return cmd.start(Map.of());
  }

  private static Socket connect(ServeCommand.Running running) throws IOException {
    Socket s = new Socket("127.0.0.1", running.port);
    s.setSoTimeout(SAFETY_MS);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads until the server closes the connection; fails the test if it does not within the safety net. */
  private static String readUntilClosed(Socket s) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        got.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept the connection open; read so far: " + got, e);
    } catch (SocketException reset) {
      // closed by the server with unread data: a reset is a close too
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  /** One keep-alive GET on an open connection; returns the status line and headers plus body. */
  private static String exchange(Socket s, String path, String host) throws IOException {
    send(s, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed mid-answer: " + head);
      }
      head.append((char) c);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    return head + new String(body, StandardCharsets.UTF_8);
  }

  private static int status(String raw) {
    return Integer.parseInt(raw.substring(9, 12));
  }

  private static JsonObject error(String raw) {
    return new JsonObject(raw.substring(raw.indexOf("\r\n\r\n") + 4)).getJsonObject("error");
  }

  // ---- item 11: slow, idle and too many connections ----

  @Test
  void closesAConnectionWhoseRequestHeadStalls() throws Exception {
    ServeCommand.Running running = serve("--read-timeout-ms", "300");
    try (Socket s = connect(running)) {
      // a byte now and then would keep an idle timeout at bay; the read timeout still ends it
      send(s, "GET /token HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      readUntilClosed(s);
    } finally {
      running.stop();
    }
  }

  @Test
  void closesAConnectionWhoseChunkedBodyStalls() throws Exception {
    ServeCommand.Running running = serve("--read-timeout-ms", "300");
    try (Socket s = connect(running)) {
      send(s, "POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
      String answer = readUntilClosed(s);
      assertTrue(answer.isEmpty() || !answer.contains("ek_"), "no secret for an unfinished request: " + answer);
    } finally {
      running.stop();
    }
  }

  @Test
  void closesAnIdleConnection() throws Exception {
    ServeCommand.Running running = serve("--idle-timeout-ms", "300", "--read-timeout-ms", "600000");
    try (Socket s = connect(running)) {
      assertEquals(200, status(exchange(s, "/health/live", "127.0.0.1")));
      readUntilClosed(s);
    } finally {
      running.stop();
    }
  }

  @Test
  void closesConnectionsBeyondTheCapAtOnceAndServesTheOthers() throws Exception {
    ServeCommand.Running running = serve("--max-connections", "5");
    List<Socket> admitted = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        Socket s = connect(running);
        admitted.add(s);
        assertEquals(200, status(exchange(s, "/health/live", "127.0.0.1")), "connection " + i);
      }
      try (Socket sixth = connect(running)) {
        send(sixth, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertEquals("", readUntilClosed(sixth), "the sixth connection is closed without an answer");
      }
      for (Socket s : admitted) {
        assertEquals(200, status(exchange(s, "/token", "127.0.0.1")), "the admitted ones still work");
      }
      admitted.remove(0).close();
      // the freed slot is given back once the server has seen the close (bounded number of tries)
      boolean served = false;
      for (int attempt = 0; attempt < 50 && !served; attempt++) {
        try (Socket again = connect(running)) {
          served = status(exchange(again, "/health/live", "127.0.0.1")) == 200;
        } catch (IOException closed) {
          Thread.sleep(100);
        }
      }
      assertTrue(served, "a slot freed by a closed connection is used again");
    } finally {
      for (Socket s : admitted) {
        s.close();
      }
      running.stop();
    }
  }

  @Test
  void stopClosesAConnectionStalledInItsBodyInsteadOfWaitingForIt() throws Exception {
    ServeCommand.Running running = serve(); // default read timeout: 10 s
    try (Socket s = connect(running)) {
      send(s, "POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789");
      try (Socket probe = connect(running)) {
        assertEquals(200, status(exchange(probe, "/health/live", "127.0.0.1")), "the server is up");
      }
      // the drain does not count a call still reading its body, and stopping the servers ends its connection
      running.stop();
      readUntilClosed(s);
    }
  }

  // ---- item 12: Host names ----

  @Test
  void servesOnlyLoopbackNamesTheBoundAddressAndAllowedHosts() throws Exception {
    ServeCommand.Running running = serve("--allowed-host", "tokens.example.com");
    try (Socket s = connect(running)) {
      String p = ":" + running.port;
      assertEquals(200, status(exchange(s, "/token", "127.0.0.1" + p)));
      assertEquals(200, status(exchange(s, "/token", "localhost" + p)));
      assertEquals(200, status(exchange(s, "/token", "[::1]" + p)));
      assertEquals(200, status(exchange(s, "/token", "TOKENS.example.com")));
      String rebound = exchange(s, "/token", "rebind.attacker.example" + p);
      assertEquals(421, status(rebound), rebound);
      assertEquals("misdirected_request", error(rebound).getString("type"));
      assertEquals(421, status(exchange(s, "/health/ready", "rebind.attacker.example")));
    } finally {
      running.stop();
    }
  }

  @Test
  void refusesARequestWithTwoHostHeadersOrAnHttp11RequestWithNone() throws Exception {
    // RFC 9112 section 3.2: a server must answer 400 to either. Two Host lines let a proxy in front route
    // by one name while the Host check passes on the other
    ServeCommand.Running running = serve();
    try {
      for (String head : new String[] {
          "GET /token HTTP/1.1\r\nHost: localhost\r\nHost: rebind.attacker.example\r\nConnection: close\r\n\r\n",
          "GET /token HTTP/1.1\r\nHost: rebind.attacker.example\r\nHost: localhost\r\nConnection: close\r\n\r\n",
          "GET /token HTTP/1.1\r\nConnection: close\r\n\r\n"}) {
        try (Socket s = connect(running)) {
          send(s, head);
          String answer = readUntilClosed(s);
          assertEquals(400, status(answer), head + " -> " + answer);
          assertEquals("invalid_request", error(answer).getString("type"));
        }
      }
      try (Socket s = connect(running)) {
        send(s, "GET /token HTTP/1.0\r\n\r\n"); // HTTP/1.0 has no Host requirement: still served
        assertEquals(200, status(readUntilClosed(s)));
      }
    } finally {
      running.stop();
    }
  }

  @Test
  void readsTheExposureSettingsFromTheConfigFile() throws Exception {
    Path file = dir.resolve("gateway.json");
    Files.writeString(file, "{\"profiles\":{\"default\":{}},\"allowedHosts\":[\"cfg.example.com\"],"
        + "\"maxConnections\":7,\"readTimeoutMillis\":1234,\"idleTimeoutMillis\":5678,"
        + "\"trustedProxies\":[\"10.0.0.0/8\"]}");
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs("--config", file.toString(), "--max-connections", "9");
    ServeCommand.Running running = null;
    try {
      running = cmd.start(Map.of());
      try (Socket s = connect(running)) {
        assertEquals(200, status(exchange(s, "/health/live", "cfg.example.com")));
      }
    } finally {
      if (running != null) {
        running.stop();
      }
    }
  }

  // ---- item 15: contract polish ----

  @Test
  void answersAnOversizedRequestHeadWithJson431() throws Exception {
    ServeCommand.Running running = serve();
    try (Socket s = connect(running)) {
      send(s, "GET /token HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
      String answer = readUntilClosed(s);
      assertEquals(431, status(answer), answer);
      assertTrue(answer.toLowerCase().contains("content-type: application/json"), answer);
      assertEquals("request_too_large", error(answer).getString("type"));
    } finally {
      running.stop();
    }
  }

  @Test
  void refusesAnAuthTokenWithSurroundingWhitespaceNamingWhereItCameFrom() {
    ServeCommand flag = new ServeCommand();
    new CommandLine(flag).parseArgs("--port", "0", "--auth-token", "tok-padded ");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> flag.start(Map.of()));
    assertTrue(e.getMessage().contains("--auth-token"), e.getMessage());
    assertTrue(!e.getMessage().contains("tok-padded"), "the token is not echoed");

    ServeCommand env = new ServeCommand();
    new CommandLine(env).parseArgs("--port", "0");
    IllegalArgumentException fromEnv = assertThrows(IllegalArgumentException.class,
        () -> env.start(Map.of("GATEWAY_AUTH_TOKEN", " tok-padded")));
    assertTrue(fromEnv.getMessage().contains("GATEWAY_AUTH_TOKEN"), fromEnv.getMessage());
  }
}
