package io.realtimesecrets.quarkus.runtime;

import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness {@code realtime-secrets}: UP once every pool has warmed (its stock reached min-idle once), with each
 * pool's state as data. A pool that is not warm yet keeps minting in the background; traffic routed to the app
 * before then would wait for secrets.
 */
@Readiness
@ApplicationScoped
public class RealtimeSecretsHealthCheck implements HealthCheck {

  @Inject
  RealtimeSecretsRuntime runtime;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder answer = HealthCheckResponse.named("realtime-secrets");
    boolean up = true;
    for (Map.Entry<String, SecretPool<? extends EphemeralSecret>> e : runtime.pools().entrySet()) {
      SecretPool<? extends EphemeralSecret> pool = e.getValue();
      SecretPoolStats stats = pool.stats();
      boolean ready = pool.isReady();
      up &= ready;
      answer.withData(e.getKey(), (ready ? "ready" : "warming") + ", stock " + stats.stock() + ", circuit "
          + stats.circuit().name().toLowerCase(java.util.Locale.ROOT));
    }
    return answer.status(up).build();
  }
}
