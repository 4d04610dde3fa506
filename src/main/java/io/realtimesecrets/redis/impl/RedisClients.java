package io.realtimesecrets.redis.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/** The Vert.x Redis client as both Redis types use it, on Vert.x 4.5 and 5.x alike. */
final class RedisClients {

  /** {@code Redis.close()} returns void on Vert.x 4.5 and {@code Future<Void>} on 5.x: linked by name. */
  private static final Method CLOSE;

  static {
    try {
      CLOSE = Redis.class.getMethod("close");
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private RedisClients() {
  }

  /**
   * A pooled client.
   *
   * @param vertx the Vert.x instance
   * @param connectionString the URL (may hold the password)
   * @param base the caller's client options, or {@code null}
   * @param timeoutMillis the connect timeout
   * @return the client
   */
  static Redis create(Vertx vertx, String connectionString, RedisOptions base, long timeoutMillis) {
    RedisOptions options = base != null ? new RedisOptions(base) : new RedisOptions();
    // Sentinel, Cluster and replication clients take several endpoints: the connection string first, then
    // the caller's (a standalone client uses only the first anyway)
    java.util.List<String> more = new java.util.ArrayList<>();
    if (base != null && base.getType() != io.vertx.redis.client.RedisClientType.STANDALONE) {
      for (String endpoint : base.getEndpoints()) {
        if (!endpoint.equals(connectionString) && !more.contains(endpoint)) {
          more.add(endpoint);
        }
      }
    }
    options.setConnectionString(connectionString);
    more.forEach(options::addConnectionString);
    NetClientOptions net = options.getNetClientOptions();
    // a Redis that does not accept the connection is "down" after the answer timeout, not the OS's minute
    net.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis)));
    String verification = net.getHostnameVerificationAlgorithm();
    if (connectionString.startsWith("rediss://") && (verification == null || verification.isEmpty())) {
      // TLS checks the certificate's chain by default but, on Vert.x 4.5, not that it names the host
      net.setHostnameVerificationAlgorithm("HTTPS");
    }
    return Redis.createClient(vertx, options);
  }

  /**
   * Closes a client.
   *
   * @param redis the client
   * @return completes when closed
   */
  static Future<Void> close(Redis redis) {
    try {
      Object result = CLOSE.invoke(redis);
      if (result instanceof Future<?>) {
        return ((Future<?>) result).mapEmpty();
      }
      return Future.succeededFuture();
    } catch (ReflectiveOperationException e) {
      return Future.failedFuture(e.getCause() != null ? e.getCause() : e);
    }
  }

  /**
   * Runs a Lua script by its digest ({@code EVALSHA}), and by its text ({@code EVAL}, which also caches it in
   * Redis) when Redis answers {@code NOSCRIPT}, after a restart say.
   *
   * @param redis the client
   * @param script the script's text
   * @param sha its {@link #sha1 digest}
   * @param keysAndArgs adds the number of keys, the keys and the arguments to the request
   * @return the script's answer
   */
  static Future<Response> runScript(Redis redis, String script, String sha, UnaryOperator<Request> keysAndArgs) {
    return redis.send(keysAndArgs.apply(Request.cmd(Command.EVALSHA).arg(sha))).recover(e -> {
      if (String.valueOf(e.getMessage()).startsWith("NOSCRIPT")) {
        return redis.send(keysAndArgs.apply(Request.cmd(Command.EVAL).arg(script)));
      }
      return Future.failedFuture(e);
    });
  }

  /**
   * The SHA-1 digest of a script, as {@code EVALSHA} names it.
   *
   * @param text the script
   * @return lower-case hex
   */
  static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What went wrong, for a log line: the message (which names host and port at most, never the connection
   * string's password), else the exception's simple name.
   *
   * @param e the failure, or {@code null}
   * @return a short description
   */
  static String describe(Throwable e) {
    String m = e == null ? null : e.getMessage();
    return m == null || m.isBlank() ? (e == null ? "unknown error" : e.getClass().getSimpleName()) : m;
  }
}
