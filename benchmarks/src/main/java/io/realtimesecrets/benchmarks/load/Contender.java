package io.realtimesecrets.benchmarks.load;

import java.util.Map;
import java.util.function.Consumer;

/**
 * One way of getting a secret (or, for the HTTP ceiling, one response), measured by {@link ClosedLoopDriver}.
 * Everything a contender needs (its Vert.x instance, client, pool, servers) is created in {@link #open()} and
 * released in {@link #close()}, so threads and heap are attributed to the contender that made them.
 */
interface Contender extends AutoCloseable {

  /** @return the name printed in tables, e.g. {@code pool} */
  String name();

  /** Creates and warms everything; blocks the calling (main) thread until ready. */
  void open() throws Exception;

  /**
   * Starts one operation without blocking beyond what the contender itself does.
   *
   * @param done called exactly once, with null on success or the failure
   */
  void start(Consumer<Throwable> done);

  /** @return facts worth keeping in the JSON (settings, pool stats), read after the run */
  default Map<String, Object> details() {
    return Map.of();
  }

  @Override
  void close() throws Exception;
}
