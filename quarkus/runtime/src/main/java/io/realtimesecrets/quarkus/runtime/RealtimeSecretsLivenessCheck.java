package io.realtimesecrets.quarkus.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness {@code realtime-secrets}: UP while the extension's pools exist. An upstream outage is deliberately not a
 * liveness failure (a restart cannot cure it, and the pools recover by themselves); readiness reports it.
 */
@Liveness
@ApplicationScoped
public class RealtimeSecretsLivenessCheck implements HealthCheck {

  @Inject
  RealtimeSecretsRuntime runtime;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("realtime-secrets").status(runtime != null).withData("pools",
        runtime.pools().size()).build();
  }
}
