package io.realtimesecrets.gateway.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The {@code /demo} page ({@code serve --demo}): the flow a front-end follows, in plain JavaScript. Two
 * static files from the jar, read once; served with a strict Content-Security-Policy (scripts from this
 * origin only, no inline script).
 */
final class DemoPage {

  private static final String BASE = "/io/realtimesecrets/gateway/demo/";
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "connect-src 'self' https://api.openai.com; media-src 'self' blob:; frame-ancestors 'none'";

  private static volatile Buffer html;
  private static volatile Buffer js;

  private DemoPage() {
  }

  /**
   * Adds {@code GET /demo} and {@code GET /demo/demo.js} to a router.
   *
   * @param router the router
   */
  static void mount(Router router) {
    if (html == null) {
      html = read("index.html");
      js = read("demo.js");
    }
    router.get("/demo").handler(ctx -> send(ctx, html, "text/html; charset=utf-8"));
    router.get("/demo/").handler(ctx -> send(ctx, html, "text/html; charset=utf-8"));
    router.get("/demo/demo.js").handler(ctx -> send(ctx, js, "text/javascript; charset=utf-8"));
  }

  private static void send(RoutingContext ctx, Buffer body, String type) {
    ctx.response()
        .putHeader("content-type", type)
        .putHeader("cache-control", "no-store")
        .putHeader("content-security-policy", CSP)
        .putHeader("x-content-type-options", "nosniff")
        .putHeader("referrer-policy", "no-referrer")
        .end(body);
  }

  private static Buffer read(String name) {
    try (InputStream in = DemoPage.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("demo resource missing from the jar: " + name);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
