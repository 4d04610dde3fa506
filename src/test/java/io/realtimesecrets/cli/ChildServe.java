package io.realtimesecrets.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code serve} in a child JVM on this test run's classpath, for what only a real process shows: SIGTERM, the
 * JDK's logging shutdown, what reaches stdout. Its environment carries no {@code OPENAI_*}, {@code OTEL_*} or
 * {@code GATEWAY_AUTH_TOKEN} of the machine running the tests; stderr goes with stdout.
 */
final class ChildServe implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final Thread reader;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final CompletableFuture<Integer> port = new CompletableFuture<>();

  private ChildServe(Process process) {
    this.process = process;
    this.reader = new Thread(this::readLines, "child-serve-output");
    reader.start();
  }

  /**
   * Starts {@code java JVM_FLAGS -cp CLASSPATH Main serve SERVE_ARGS}.
   *
   * @param jvmFlags flags of the child JVM, e.g. {@code -Dname=value}
   * @param serveArgs the arguments after {@code serve}
   */
  static ChildServe start(List<String> jvmFlags, List<String> serveArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
    command.addAll(serveArgs);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("OPENAI_") || k.startsWith("OTEL_")
        || k.equals("GATEWAY_AUTH_TOKEN"));
    pb.redirectErrorStream(true);
    return new ChildServe(pb.start());
  }

  private void readLines() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (Exception e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new AssertionError("serve ended before listening: " + lines));
  }

  /** @return the port serve listens on, once it says so (at most 60 s) */
  int port() throws Exception {
    return port.get(60, TimeUnit.SECONDS);
  }

  /** Sends SIGTERM (through the handle: {@code Process.destroy()} also closes our end of the child's output). */
  void sigterm() {
    process.toHandle().destroy();
  }

  /**
   * Waits for serve to exit and its output to be read.
   *
   * @return whether it exited within 60 s
   */
  boolean awaitExit() throws InterruptedException {
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    reader.join(10_000);
    return exited;
  }

  /** @return a copy of every line serve has written so far */
  List<String> lines() {
    synchronized (lines) {
      return new ArrayList<>(lines);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
