package io.realtimesecrets.gateway.impl;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** {@link MintRecorder} on Micrometer timers; loaded only when a registry exists. */
final class MicrometerMintRecorder implements MintRecorder {

  private final Timer success;
  private final Timer failure;

  private MicrometerMintRecorder(MeterRegistry registry, String profile) {
    this.success = timer(registry, profile, "success");
    this.failure = timer(registry, profile, "failure");
  }

  static MintRecorder create(Object meterRegistry, String profile) {
    return new MicrometerMintRecorder((MeterRegistry) meterRegistry, profile);
  }

  @Override
  public void record(boolean ok, long nanos) {
    (ok ? success : failure).record(nanos, TimeUnit.NANOSECONDS);
  }

  private static Timer timer(MeterRegistry registry, String profile, String outcome) {
    return Timer.builder("realtime_secrets_gateway_upstream_mints")
        .description("On-demand (per-user) mints sent upstream, by outcome")
        .tag("profile", profile)
        .tag("outcome", outcome)
        .register(registry);
  }
}
