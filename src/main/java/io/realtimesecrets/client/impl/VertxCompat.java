package io.realtimesecrets.client.impl;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientBuilder;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.PoolOptions;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;

/**
 * The one place that bridges a binary difference between Vert.x 4.5 and 5.x.
 *
 * <p>{@code HttpClientBuilder.build()} returns {@code HttpClient} on 4.5 but {@code HttpClientAgent} (a
 * sub-interface) on 5.x. Source that assigns the result to {@code HttpClient} compiles on both, but the call
 * site records the return type in its descriptor, so bytecode compiled on one line throws
 * {@link NoSuchMethodError} on the other. Linking {@code build()} by name once per client avoids that; there
 * is no non-reflective way to get a pooled client with {@link PoolOptions} on both lines. The same holds for
 * {@code HttpClientRequest.reset()} (boolean on 4.5, {@code Future<Void>} on 5.x), the only call that abandons
 * one HTTP/2 stream without closing the connection under every other stream.
 */
public final class VertxCompat {

  private static final MethodHandle BUILD;
  private static final MethodHandle RESET;

  static {
    try {
      Class<?> returned = HttpClientBuilder.class.getMethod("build").getReturnType();
      BUILD = MethodHandles.publicLookup()
          .findVirtual(HttpClientBuilder.class, "build", MethodType.methodType(returned))
          .asType(MethodType.methodType(HttpClient.class, HttpClientBuilder.class));
      // reset() returns boolean on 4.5 and Future<Void> on 5.x; the result is not needed
      Class<?> resetReturns = HttpClientRequest.class.getMethod("reset").getReturnType();
      RESET = MethodHandles.publicLookup()
          .findVirtual(HttpClientRequest.class, "reset", MethodType.methodType(resetReturns))
          .asType(MethodType.methodType(void.class, HttpClientRequest.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private VertxCompat() {
  }

  /**
   * Builds a pooled {@link HttpClient} on Vert.x 4.5 and 5.x alike.
   *
   * @param vertx the Vert.x instance
   * @param options the client options
   * @param pool the pool options
   * @return the client
   */
  public static HttpClient httpClient(Vertx vertx, HttpClientOptions options, PoolOptions pool) {
    HttpClientBuilder builder = vertx.httpClientBuilder().with(options).with(pool);
    try {
      return (HttpClient) BUILD.invokeExact(builder);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("HttpClientBuilder.build() failed", t);
    }
  }

  /**
   * Abandons a request in flight: on HTTP/2 the stream is reset and the connection keeps serving other
   * streams; on HTTP/1.x the connection is closed, so a stalled exchange never goes back to the pool.
   *
   * @param request the request
   */
  public static void reset(HttpClientRequest request) {
    try {
      RESET.invokeExact(request);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("HttpClientRequest.reset() failed", t);
    }
  }

  /**
   * The Vert.x version on the class path, read from vertx-core's own resource (both lines ship it).
   *
   * @return the version, or {@code unknown}
   */
  public static String vertxVersion() {
    try (InputStream in = Vertx.class.getClassLoader().getResourceAsStream("META-INF/vertx/vertx-version.txt")) {
      return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
