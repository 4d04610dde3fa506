package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.model.EphemeralSecret;
import io.vertx.core.Future;

/**
 * Where one profile's secrets come from: a pool (pooled profiles) or a mint per call (per-user profiles).
 * The gateway's routes only see this, which keeps them testable without an upstream.
 *
 * <p>Implementations are thread safe: one source serves every event loop of the process.
 */
public interface SecretSource {

  /**
   * Warms the source up (fills a pool); completes when it can serve.
   *
   * @return completes when ready
   */
  Future<Void> start();

  /**
   * Whether {@link #start()} has completed.
   *
   * @return true when warm
   */
  boolean isReady();

  /**
   * One secret for one caller.
   *
   * @param safetyIdentifier the hashed caller identity for a per-user source, {@code null} for a pooled one
   * @return the secret; any context
   */
  Future<? extends EphemeralSecret> take(String safetyIdentifier);

  /**
   * One secret for one caller who may go away: once {@code callerGone} completes (the caller's request has
   * ended: answered, timed out or hung up) the source stops working for it. The default ignores the signal.
   *
   * @param safetyIdentifier the hashed caller identity for a per-user source, {@code null} for a pooled one
   * @param callerGone completes when the caller no longer waits, or {@code null}
   * @return the secret; any context
   */
  default Future<? extends EphemeralSecret> take(String safetyIdentifier, Future<?> callerGone) {
    return take(safetyIdentifier);
  }

  /**
   * Whether this source needs a caller identity (a per-user profile).
   *
   * @return true when {@link #take(String)} needs a safety identifier
   */
  boolean perUser();

  /**
   * Binds this source's metrics to a Micrometer registry, if it has any. The registry is passed as
   * {@code Object} so that this interface loads without Micrometer on the class path.
   *
   * @param meterRegistry an {@code io.micrometer.core.instrument.MeterRegistry}
   * @param profile the profile name, used as a tag
   */
  default void bindMetrics(Object meterRegistry, String profile) {
  }

  /**
   * Stops the source (drops pooled stock). Idempotent.
   *
   * @return completes when closed
   */
  Future<Void> close();
}
