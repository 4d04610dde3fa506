package io.realtimesecrets.cli;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The command line's one way of waiting: the main thread (or a shutdown hook) parks until a Vert.x future
 * completes. Never used by the library, and refused on an event loop.
 */
final class MainThread {

  private MainThread() {
  }

  /**
   * Waits for a future's result.
   *
   * @param future the future
   * @param timeout the longest wait
   * @param <T> the result type
   * @return the result
   * @throws Exception the future's own failure, or {@link TimeoutException} after {@code timeout}
   */
  static <T> T await(Future<T> future, Duration timeout) throws Exception {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("MainThread.await called on an event loop");
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    future.onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    });
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof Exception ex ? ex : e;
    }
  }
}
