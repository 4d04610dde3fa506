package io.realtimesecrets.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * What decides which beans and routes exist: fixed when the app is built (changing it needs a rebuild).
 */
@ConfigMapping(prefix = "quarkus.realtime-secrets")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface RealtimeSecretsBuildTimeConfig {

  /** Per pool: what is minted, and how it is served. */
  @ConfigDocMapKey("pool-name")
  Map<String, PoolKind> pools();

  /** Dev Services. */
  DevServicesSwitch devservices();

  /** The gateway. */
  GatewaySwitch gateway();

  /** Health checks, when quarkus-smallrye-health is present. */
  HealthSwitch health();

  /** Pool meters in Quarkus's registry, when quarkus-micrometer is present. */
  MetricsSwitch metrics();

  /** {@code quarkus.realtime-secrets.pools.<name>.endpoint} and {@code per-user}. */
  interface PoolKind {

    /**
     * The mint endpoint: {@code client_secrets} (GA, injected as {@code SecretPool<ClientSecret>}),
     * {@code translations} ({@code SecretPool<TranslationClientSecret>}), {@code sessions}
     * ({@code SecretPool<RealtimeSession>}) or {@code transcription_sessions}
     * ({@code SecretPool<TranscriptionSession>}).
     */
    @WithDefault("client_secrets")
    String endpoint();

    /**
     * Mint per caller at the gateway, with the caller's identity as the safety identifier, instead of pooling:
     * no pool bean exists for such a name.
     */
    @WithDefault("false")
    boolean perUser();
  }

  /** {@code quarkus.realtime-secrets.devservices.enabled} */
  interface DevServicesSwitch {

    /**
     * Start the embedded mock upstream in dev and test mode when neither {@code api-key} nor {@code base-url} is
     * set. Never in prod mode.
     */
    @WithDefault("true")
    boolean enabled();
  }

  /** {@code quarkus.realtime-secrets.gateway.enabled} */
  interface GatewaySwitch {

    /** Mount the gateway's routes on Quarkus's HTTP server at {@code gateway.path}. */
    @WithDefault("false")
    boolean enabled();
  }

  /** {@code quarkus.realtime-secrets.health.enabled} */
  interface HealthSwitch {

    /** Register the readiness and liveness checks. */
    @WithDefault("true")
    boolean enabled();
  }

  /** {@code quarkus.realtime-secrets.metrics.enabled} */
  interface MetricsSwitch {

    /** Bind the pool meters to Quarkus's Micrometer registry. */
    @WithDefault("true")
    boolean enabled();
  }
}
