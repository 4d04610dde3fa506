package io.realtimesecrets.quarkus.deployment;

import io.quarkus.runtime.LaunchMode;
import org.eclipse.microprofile.config.Config;

/** Whether Dev Services start the embedded mock upstream. */
final class DevServicesDecision {

  private DevServicesDecision() {
  }

  /**
   * In dev and test mode only, when enabled, and when the app has no upstream of its own (neither
   * {@code api-key} nor {@code base-url}): then there is nothing else it could mint from.
   */
  static boolean startMock(LaunchMode mode, boolean enabled, Config config) {
    return mode.isDevOrTest() && enabled
        && config.getOptionalValue("quarkus.realtime-secrets.api-key", String.class).isEmpty()
        && config.getOptionalValue("quarkus.realtime-secrets.base-url", String.class).isEmpty();
  }
}
