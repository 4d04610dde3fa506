package io.realtimesecrets.gateway.impl;

/** Records the outcome and latency of one upstream mint. Thread safe. */
@FunctionalInterface
interface MintRecorder {

  /** Records nothing. */
  MintRecorder NONE = (success, nanos) -> { };

  /**
   * Records one mint.
   *
   * @param success whether it produced a secret
   * @param nanos how long it took
   */
  void record(boolean success, long nanos);
}
