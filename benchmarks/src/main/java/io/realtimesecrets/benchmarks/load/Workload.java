package io.realtimesecrets.benchmarks.load;

import io.realtimesecrets.model.ClientSecretRequest;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

/** The one request every contender mints, and small shared helpers. */
final class Workload {

  /** The GA body every contender sends: the smallest valid realtime session. */
  static final String REQUEST_JSON = "{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}";

  /** A syntactically plausible key; the mock accepts any bearer key. */
  static final String API_KEY = "sk-bench-not-a-real-key";

  static final String HOST = "127.0.0.1";

  private Workload() {
  }

  static ClientSecretRequest request() {
    return ClientSecretRequest.fromJson(REQUEST_JSON);
  }

  /** Waits on the main thread (never on an event loop) for a set-up step. */
  static <T> T await(Future<T> future, int seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }
}
