package io.realtimesecrets.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} of the test's own on 127.0.0.1 and a free port, nothing saved to disk. Skipped when
 * {@code redis-server} is not installed, unless {@code CI=true}, where its absence fails the test (.ci/run
 * installs it).
 */
public final class LocalRedis implements AutoCloseable {

  private static final int START_ATTEMPTS = 5;

  private final Path executable;
  private final Path log;
  private final List<String> extraArgs;
  private final boolean tls;
  private int port;
  private Process process;
  /** In Sentinel mode: what it monitors ({@code NAME HOST PORT}); else {@code null}. */
  private String monitors;

  private LocalRedis(Path executable, boolean tls, List<String> extraArgs) throws IOException {
    this.executable = executable;
    this.tls = tls;
    this.extraArgs = extraArgs;
    this.log = Files.createTempFile("redis-test", ".log");
  }

  /** Starts one, or skips the test when redis-server is absent outside CI. */
  public static LocalRedis start() throws Exception {
    return start(false, List.of());
  }

  /**
   * Starts one with more arguments (e.g. {@code --requirepass PW}); with {@code tls}, it listens with TLS only
   * (give {@code --tls-cert-file} and {@code --tls-key-file}).
   */
  public static LocalRedis start(boolean tls, List<String> extraArgs) throws Exception {
    Path exe = find();
    if (exe == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("redis-server is not installed; CI must install it (see .ci/run)");
      }
      Assumptions.assumeTrue(false, "redis-server not installed (apt-get install redis-server)");
    }
    LocalRedis redis = new LocalRedis(exe, tls, extraArgs);
    for (int attempt = 1; ; attempt++) {
      redis.port = freePort();
      if (redis.startOnPort()) {
        return redis;
      }
      if (attempt >= START_ATTEMPTS) {
        fail("redis-server did not start: " + Files.readString(redis.log));
      }
    }
  }

  /**
   * Starts a Redis Sentinel (one, quorum 1) that monitors {@code master} under {@code masterName}. Sentinel
   * rewrites its config file, so it gets one of its own in a temporary file.
   */
  public static LocalRedis startSentinel(LocalRedis master, String masterName) throws Exception {
    LocalRedis sentinel = new LocalRedis(master.executable, false, List.of());
    sentinel.monitors = masterName + " 127.0.0.1 " + master.port;
    for (int attempt = 1; ; attempt++) {
      sentinel.port = freePort();
      if (sentinel.startOnPort()) {
        return sentinel;
      }
      if (attempt >= START_ATTEMPTS) {
        fail("redis-server --sentinel did not start: " + Files.readString(sentinel.log));
      }
    }
  }

  /** The connection string, e.g. {@code redis://127.0.0.1:41234}. */
  public String url() {
    return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port;
  }

  /** Kills the server (SIGKILL: no goodbye to its clients). */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      process = null;
    }
  }

  /** Stops the server answering (SIGSTOP): connections stay open, answers never come. */
  public void freeze() throws Exception {
    signal("-STOP");
  }

  /** Lets a {@link #freeze() frozen} server answer again (SIGCONT). */
  public void thaw() throws Exception {
    signal("-CONT");
  }

  private void signal(String sig) throws Exception {
    Process kill = new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      fail("kill " + sig + " failed");
    }
  }

  /** Starts it again on the same port (after {@link #kill()}). */
  public void restart() throws Exception {
    for (int attempt = 1; ; attempt++) {
      if (startOnPort()) {
        return;
      }
      if (attempt >= START_ATTEMPTS) {
        fail("redis-server did not restart on port " + port + ": " + Files.readString(log));
      }
      Thread.sleep(200);
    }
  }

  private boolean startOnPort() throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(executable.toString()));
    if (monitors != null) {
      Path config = Files.createTempFile("redis-sentinel", ".conf");
      config.toFile().deleteOnExit();
      Files.writeString(config, "port " + port + "\nbind 127.0.0.1\nsentinel monitor " + monitors + " 1\n");
      cmd.addAll(List.of(config.toString(), "--sentinel"));
    } else if (tls) {
      cmd.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port), "--tls-auth-clients", "no"));
    } else {
      cmd.addAll(List.of("--port", Integer.toString(port)));
    }
    if (monitors == null) {
      cmd.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
    }
    cmd.addAll(extraArgs);
    process = new ProcessBuilder(cmd)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        process = null;
        return false; // e.g. the port was taken in between: another one is tried
      }
      if (answersPing()) {
        return true;
      }
      Thread.sleep(20);
    }
    kill();
    return false;
  }

  /**
   * Sends one inline command and returns the first line of the answer, e.g. {@code :1} for
   * {@code EXISTS key}, or the content of a bulk string answer (one line of it).
   */
  public String command(String line) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String first = readLine(in);
      if (first.startsWith("$") && !first.equals("$-1")) {
        return readLine(in); // a bulk string: its content (a line, for the values tests read)
      }
      return first;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
      line.append((char) c);
    }
    in.read(); // the \n
    return line.toString();
  }

  private boolean answersPing() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      if (tls) {
        return true; // listening; the TLS handshake is the client's test
      }
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[7];
      int n = in.read(buf);
      // a server with --requirepass answers -NOAUTH: up all the same
      return n > 0 && (new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG")
          || new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("-NOAUTH"));
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Path find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, "redis-server");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    Path debian = Path.of("/usr/bin/redis-server");
    return Files.isExecutable(debian) ? debian : null;
  }

  @Override
  public void close() throws Exception {
    kill();
    Files.deleteIfExists(log);
  }
}
