package io.realtimesecrets.gateway.impl;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.realtimesecrets.gateway.GatewayOptions;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the standalone server does about slow, idle and too many connections, shared by all its server
 * instances (one per event loop):
 * <ul>
 *   <li>the idle timeout ({@link #serverOptions}): nothing read nor written for that long closes the
 *       connection;</li>
 *   <li>the read timeout: a connection on which no complete request head arrives within the timeout of its
 *       opening (or, kept alive, of its previous request being answered) is closed, as is one whose request
 *       body does not end within the timeout of its head. Trickling a byte now and then (slow loris) keeps
 *       the idle timeout at bay, not this one;</li>
 *   <li>the connection cap: a connection accepted beyond it is closed at once, without an answer, so the
 *       process keeps file descriptors for the connections it serves;</li>
 *   <li>a request the HTTP codec cannot take (head over the size limits, malformed) is answered with the
 *       gateway's JSON error, then the connection is closed.</li>
 * </ul>
 * Thread safe: per-connection state is touched on the connection's event loop only; the count is atomic.
 */
public final class ConnectionGuard {

  private final Vertx vertx;
  private final int maxConnections;
  private final long readTimeoutMillis;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

  /**
   * Creates the guard for the servers of one gateway.
   *
   * @param vertx the Vert.x instance (timers)
   * @param options the gateway options (read timeout, connection cap)
   */
  public ConnectionGuard(Vertx vertx, GatewayOptions options) {
    this.vertx = vertx;
    this.maxConnections = options.getMaxConnections();
    this.readTimeoutMillis = Math.max(1, options.getReadTimeout().toMillis());
  }

  /**
   * Server options with the idle timeout of the gateway options, HTTP/1.1 only.
   *
   * @param options the gateway options
   * @return new server options
   */
  public static HttpServerOptions serverOptions(GatewayOptions options) {
    return new HttpServerOptions()
        // with h2c detection on, Vert.x reports a connection only once its first request head is complete,
        // so a connection stalled before that would escape both the read timeout and the cap
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, options.getIdleTimeout().toMillis())))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
  }

  /**
   * Installs the guard and the request handler on a server, before it listens.
   *
   * @param server the server
   * @param requests the application's request handler (the gateway's router)
   * @return the server
   */
  public HttpServer install(HttpServer server, Handler<HttpServerRequest> requests) {
    return server
        .connectionHandler(this::connected)
        .invalidRequestHandler(ConnectionGuard::invalidRequest)
        .requestHandler(req -> {
          arrived(req);
          requests.handle(req);
        });
  }

  /**
   * How many connections are open now.
   *
   * @return the count
   */
  public int openConnections() {
    return open.get();
  }

  private void connected(HttpConnection connection) {
    int now = open.incrementAndGet();
    Watch watch = new Watch(connection);
    connection.closeHandler(v -> {
      open.decrementAndGet();
      Watch w = watches.remove(connection);
      if (w != null) {
        w.cancel();
      }
    });
    if (now > maxConnections) {
      connection.close();
      return;
    }
    watches.put(connection, watch);
    watch.awaitHead();
  }

  private void arrived(HttpServerRequest req) {
    Watch watch = req.connection() == null ? null : watches.get(req.connection());
    if (watch != null) {
      watch.requestArrived(req);
    }
  }

  private static void invalidRequest(HttpServerRequest req) {
    Throwable cause = req.decoderResult() == null ? null : req.decoderResult().cause();
    int status;
    String type;
    String message;
    if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      type = ErrorResponse.REQUEST_TOO_LARGE;
      message = "request headers too large";
    } else if (cause instanceof TooLongHttpLineException) {
      status = 414;
      type = ErrorResponse.REQUEST_TOO_LARGE;
      message = "request line too long";
    } else {
      status = 400;
      type = ErrorResponse.INVALID_REQUEST;
      message = "the request cannot be parsed";
    }
    req.response().putHeader("connection", "close");
    ErrorResponse.send(req.response(), status, type, message, null).onComplete(ar -> req.connection().close());
  }

  /** The read deadline of one connection. Event-loop confined. */
  private final class Watch {
    private final HttpConnection connection;
    private long headTimer = -1;
    private long bodyTimer = -1;
    private int requests;
    private HttpServerRequest current;

    Watch(HttpConnection connection) {
      this.connection = connection;
    }

    /** Closes the connection unless a request arrives, or one is being answered, within the timeout. */
    void awaitHead() {
      int seen = requests;
      headTimer = vertx.setTimer(readTimeoutMillis, id -> {
        headTimer = -1;
        boolean answering = current != null && !current.response().ended() && !current.response().closed();
        if (requests != seen || answering) {
          awaitHead();
        } else {
          connection.close();
        }
      });
    }

    void requestArrived(HttpServerRequest req) {
      requests++;
      current = req;
      if (req.isEnded()) {
        return;
      }
      long timer = vertx.setTimer(readTimeoutMillis, id -> {
        if (!req.isEnded()) {
          connection.close();
        }
      });
      bodyTimer = timer;
      req.end().onComplete(ar -> vertx.cancelTimer(timer));
    }

    void cancel() {
      if (headTimer >= 0) {
        vertx.cancelTimer(headTimer);
      }
      if (bodyTimer >= 0) {
        vertx.cancelTimer(bodyTimer);
      }
    }
  }
}
