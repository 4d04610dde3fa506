package io.realtimesecrets.gateway;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the DevTools protocol with the JDK's own WebSocket client: no driver
 * binary to match to the browser's version and no extra test dependency. Enough for the browser suite:
 * open a tab, navigate, evaluate JavaScript (awaiting promises), take a screenshot. Blocking calls with
 * timeouts, for test threads only.
 */
public final class Chromium implements AutoCloseable {

  /** Where Debian's package installs the browser. */
  public static final Path BINARY = Path.of("/usr/bin/chromium");

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
  private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final List<String> stderr = new ArrayList<>();

  private Chromium(Process process, Path profile, String wsUrl) throws Exception {
    this.process = process;
    this.profile = profile;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(CALL_TIMEOUT)
        .buildAsync(URI.create(wsUrl), new Listener()).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Starts a headless Chromium with a fresh profile and the flags that work on a machine without network.
   *
   * @param extraFlags more flags (e.g. {@code --host-resolver-rules=...})
   * @return the browser
   * @throws Exception when it does not start in time
   */
  public static Chromium launch(String... extraFlags) throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio",
        "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1000,1100"));
    cmd.addAll(List.of(extraFlags));
    cmd.add("about:blank");
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> url = new CompletableFuture<>();
    List<String> lines = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try {
        for (String line; (line = err.readLine()) != null; ) {
          synchronized (lines) {
            if (lines.size() < 200) {
              lines.add(line);
            }
          }
          Matcher m = DEVTOOLS_URL.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      url.completeExceptionally(new IllegalStateException("chromium exited: " + lines));
    }, "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      Chromium c = new Chromium(p, profile, url.get(30, TimeUnit.SECONDS));
      synchronized (lines) {
        c.stderr.addAll(lines);
      }
      return c;
    } catch (Exception e) {
      p.destroyForcibly();
      deleteTree(profile);
      throw new IllegalStateException("chromium did not start: " + lines, e);
    }
  }

  /**
   * Opens a new tab.
   *
   * @return the tab
   * @throws Exception on a protocol failure
   */
  public Tab newTab() throws Exception {
    String targetId = call(null, "Target.createTarget", new JsonObject().put("url", "about:blank"))
        .getString("targetId");
    String session = call(null, "Target.attachToTarget", new JsonObject().put("targetId", targetId)
        .put("flatten", true)).getString("sessionId");
    return new Tab(targetId, session);
  }

  /** One browser tab. */
  public final class Tab {
    private final String targetId;
    private final String session;

    private Tab(String targetId, String session) {
      this.targetId = targetId;
      this.session = session;
    }

    /**
     * Loads a URL and waits until its document has loaded.
     *
     * @param url the URL
     * @throws Exception when it does not load in time
     */
    public void navigate(String url) throws Exception {
      call(session, "Page.navigate", new JsonObject().put("url", url));
      long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
      while (!loaded()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("page did not load: " + url);
        }
        Thread.sleep(20);
      }
    }

    private boolean loaded() throws InterruptedException {
      try {
        return Boolean.TRUE.equals(evaluate("document.readyState === 'complete' && location.href !== 'about:blank'"));
      } catch (Exception e) {
        // the old document's context went away mid-navigation: ask again
        return false;
      }
    }

    /**
     * Evaluates JavaScript in the page, awaiting a promise result.
     *
     * @param expression the expression
     * @return its value as JSON-compatible Java (JsonObject for objects, String, Number, Boolean), or null
     * @throws Exception when it throws in the page
     */
    public Object evaluate(String expression) throws Exception {
      JsonObject r = call(session, "Runtime.evaluate", new JsonObject().put("expression", expression)
          .put("awaitPromise", true).put("returnByValue", true));
      if (r.containsKey("exceptionDetails")) {
        throw new IllegalStateException("page threw: " + r.getJsonObject("exceptionDetails").encode());
      }
      return r.getJsonObject("result").getValue("value");
    }

    /**
     * Polls an expression until it is true.
     *
     * @param expression a boolean expression
     * @param timeout how long to try
     * @throws Exception when it is still false after the timeout
     */
    public void waitFor(String expression, Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!Boolean.TRUE.equals(evaluate(expression))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("still false after " + timeout + ": " + expression);
        }
        Thread.sleep(50);
      }
    }

    /**
     * Saves a PNG screenshot of the page.
     *
     * @param file where to write it
     * @throws Exception on failure
     */
    public void screenshot(Path file) throws Exception {
      String data = call(session, "Page.captureScreenshot", new JsonObject().put("format", "png")).getString("data");
      Files.createDirectories(file.getParent());
      Files.write(file, Base64.getDecoder().decode(data));
    }

    /**
     * Closes the tab.
     *
     * @throws Exception on failure
     */
    public void close() throws Exception {
      call(null, "Target.closeTarget", new JsonObject().put("targetId", targetId));
    }
  }

  private JsonObject call(String session, String method, JsonObject params) throws Exception {
    int id = ids.incrementAndGet();
    JsonObject msg = new JsonObject().put("id", id).put("method", method).put("params", params);
    if (session != null) {
      msg.put("sessionId", session);
    }
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    pending.put(id, answer);
    synchronized (socket) {
      socket.sendText(msg.encode(), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    JsonObject r = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (r.containsKey("error")) {
      throw new IllegalStateException(method + " failed: " + r.getJsonObject("error").encode());
    }
    return r.getJsonObject("result", new JsonObject());
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonObject msg = new JsonObject(partial.toString());
        partial.setLength(0);
        Integer id = msg.getInteger("id");
        if (id != null) {
          CompletableFuture<JsonObject> f = pending.remove(id);
          if (f != null) {
            f.complete(msg);
          }
        }
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the process is stopped below anyway
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(profile);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
