package io.realtimesecrets.mock;

import io.realtimesecrets.model.Endpoint;
import java.util.Map;

/**
 * A snapshot of what a {@link MockUpstream} has served since it started or since
 * {@link MockUpstream#resetStats()}. Immutable; the maps are unmodifiable and omit zero counts.
 *
 * @param requests every request received, valid or not, on any path
 * @param minted secrets minted per endpoint (faults {@code expired}, {@code huge} and {@code stall:<ms>}
 *     still mint)
 * @param errorsByStatus answers with a status of 400 or more, per status (injected ones included)
 * @param faultsInjected faults injected, per kind
 */
public record MockStats(long requests, Map<Endpoint, Long> minted, Map<Integer, Long> errorsByStatus,
    Map<Fault.Kind, Long> faultsInjected) {

  /**
   * Copies the maps so the snapshot cannot change.
   */
  public MockStats {
    minted = Map.copyOf(minted);
    errorsByStatus = Map.copyOf(errorsByStatus);
    faultsInjected = Map.copyOf(faultsInjected);
  }

  /**
   * Secrets minted on all endpoints.
   *
   * @return the total
   */
  public long mintedTotal() {
    return minted.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Secrets minted on one endpoint.
   *
   * @param endpoint the endpoint
   * @return the count, 0 when none
   */
  public long minted(Endpoint endpoint) {
    return minted.getOrDefault(endpoint, 0L);
  }

  /**
   * Answers sent with one status.
   *
   * @param status an HTTP status of 400 or more
   * @return the count, 0 when none
   */
  public long errors(int status) {
    return errorsByStatus.getOrDefault(status, 0L);
  }

  /**
   * Faults injected of one kind.
   *
   * @param kind the kind
   * @return the count, 0 when none
   */
  public long faults(Fault.Kind kind) {
    return faultsInjected.getOrDefault(kind, 0L);
  }

  /**
   * Faults injected of all kinds.
   *
   * @return the total
   */
  public long faultsTotal() {
    return faultsInjected.values().stream().mapToLong(Long::longValue).sum();
  }
}
