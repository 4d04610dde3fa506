package io.realtimesecrets.quarkus.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.realtimesecrets.pool.SecretPoolMetrics;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds every pool's meters ({@code realtime.pool.*}, tagged {@code pool=<name>}) to Quarkus's Micrometer
 * registry at startup; a bean only when quarkus-micrometer is present.
 */
@Singleton
public class RealtimeSecretsMetricsBinder {

  private final List<SecretPoolMetrics> bound = new ArrayList<>();

  void bind(@Observes StartupEvent event, RealtimeSecretsRuntime runtime, MeterRegistry registry) {
    runtime.pools().forEach((name, pool) -> bound.add(SecretPoolMetrics.bind(pool, registry, name)));
  }

  void unbind(@Observes ShutdownEvent event) {
    bound.forEach(SecretPoolMetrics::close);
    bound.clear();
  }
}
