package io.realtimesecrets.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Everything under {@code quarkus.realtime-secrets.} that may change between runs (the environment works too:
 * {@code QUARKUS_REALTIME_SECRETS_API_KEY}). Read and validated when the app starts; a bad value stops the start
 * with a message naming the property.
 */
@ConfigMapping(prefix = "quarkus.realtime-secrets")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface RealtimeSecretsConfig {

  /**
   * The OpenAI API key. Required in prod mode. In dev and test mode, when neither this nor {@code base-url} is
   * set, Dev Services start the embedded mock upstream instead.
   */
  Optional<String> apiKey();

  /** The API's base URL; default {@code https://api.openai.com/v1}. */
  Optional<String> baseUrl();

  /** Sent as {@code OpenAI-Organization} when set. */
  Optional<String> organization();

  /** Sent as {@code OpenAI-Project} when set. */
  Optional<String> project();

  /** TCP connect timeout; default 10s. */
  Optional<Duration> connectTimeout();

  /** Pooled connections are closed after this long unused; default 60s. */
  Optional<Duration> idleTimeout();

  /** Deadline of one HTTP attempt; default 20s. */
  Optional<Duration> attemptTimeout();

  /** Deadline of one call, retries included; default 60s. */
  Optional<Duration> callTimeout();

  /** Retries of a failed call made directly on the client (pools do their own retrying); default 2. */
  OptionalInt maxRetries();

  /** HTTP/1.1 connections to the upstream; default 64. */
  OptionalInt maxConnections();

  /** Use HTTP/2 to the upstream; default false. */
  Optional<Boolean> http2();

  /** PEM files of extra trusted certificate authorities (a proxy's or a test upstream's). */
  Optional<List<String>> pemCaCertPaths();

  /**
   * The secret pools by name. With none configured there is one pool, {@code default}: a GA client secret for
   * {@code gpt-realtime}. The pool named {@code default} is injected without a qualifier; every other with
   * {@code @Identifier("name")}.
   */
  @ConfigDocMapKey("pool-name")
  Map<String, Pool> pools();

  /** The embedded mock upstream of Dev Services (dev and test mode only). */
  DevServices devservices();

  /** The {@code /token} gateway, when {@code quarkus.realtime-secrets.gateway.enabled=true} at build time. */
  Gateway gateway();

  /**
   * {@code quarkus.realtime-secrets.pools.<name>.*}: the mint request and the {@code SecretPoolOptions} of one
   * pool, in kebab case. Each option here is copied to the option of the same name; unset ones keep the library's
   * {@code DEFAULT_*}. To add an option, add a method named as its setter without {@code set}.
   */
  interface Pool {

    /**
     * The mint request body (JSON) every secret of this pool is minted from: the session the browser will get.
     * Default {@code {"session":{"type":"realtime","model":"gpt-realtime"}}} for the {@code client_secrets}
     * endpoint, the endpoint's minimal request otherwise.
     */
    Optional<String> request();

    /** Secrets kept in stock even with no demand (the pre-warm level). */
    OptionalInt minIdle();

    /** Hard cap on stock plus mints in flight. */
    OptionalInt maxIdle();

    /** A secret is handed out only while at least this much of its life is left. */
    Optional<Duration> minRemainingLife();

    /** The life the upstream grants, when the request does not say (beta endpoints). */
    Optional<Duration> secretTtl();

    /** Callers that may wait for a secret at once; more are refused. */
    OptionalInt maxWaiters();

    /** How long a caller waits for a secret when the stock is empty. */
    Optional<Duration> acquireTimeout();

    /** Mints in flight at the start (adapted between 1 and max-in-flight). */
    OptionalInt initialInFlight();

    /** Upper limit of mints in flight. */
    OptionalInt maxInFlight();

    /** Deadline of one mint call. */
    Optional<Duration> mintTimeout();

    /** First backoff after a failed mint. */
    Optional<Duration> backoffBase();

    /** Longest backoff after failed mints. */
    Optional<Duration> backoffCap();

    /** Longest upstream {@code Retry-After} honoured. */
    Optional<Duration> maxRetryAfter();

    /** Consecutive failures that open the circuit. */
    OptionalInt circuitFailureThreshold();

    /** How often a pool refused by the upstream (key, quota) tries again. */
    Optional<Duration> fatalProbeInterval();

    /** Mints at once while pre-warming. */
    OptionalInt prewarmConcurrency();

    /** With no takes for this long, the pool shrinks to min-idle. */
    Optional<Duration> idleSleepAfter();

    /** Safety factor of the stock target over expected demand. */
    OptionalDouble targetSafetyZ();

    /** Largest share of minted secrets allowed to expire unused before the target shrinks. */
    OptionalDouble wasteCapRatio();

    /** Time constant of the fast demand estimate. */
    Optional<Duration> demandTauFast();

    /** Time constant of the slow demand estimate. */
    Optional<Duration> demandTauSlow();

    /** Period of the pool's housekeeping tick. */
    Optional<Duration> tick();

    /** Largest random delay before replacing a retired secret. */
    Optional<Duration> maxReplacementJitter();

    /**
     * Most mints per second this pool sends, a ceiling below the organisation's rate limit; default none (the
     * pool still paces itself by the upstream's {@code x-ratelimit-*} headers and 429 answers).
     */
    OptionalDouble maxMintRate();
  }

  /** {@code quarkus.realtime-secrets.devservices.*} */
  interface DevServices {

    /** Delay of every mock answer, to simulate a slow upstream; default none. */
    Optional<Duration> latency();

    /** The mock fails this many mint requests, from the first one on, with {@code fault}; default 0. */
    @WithDefault("0")
    int failFirst();

    /** The fault of {@code fail-first}, in the mock's text form: {@code 503}, {@code 429:2}, {@code reset}... */
    @WithDefault("503")
    String fault();
  }

  /** {@code quarkus.realtime-secrets.gateway.*} */
  interface Gateway {

    /** Where the gateway's routes ({@code /token}, {@code /token/{pool}}, {@code /health/*}) are mounted. */
    @WithDefault("/realtime")
    String path();

    /**
     * Requests per second per client address at {@code /token}; default 0 (none: Quarkus's own auth and the
     * proxy in front usually limit).
     */
    @WithDefault("0")
    int rateLimit();

    /** Origins allowed to call {@code /token} from a browser on another origin (CORS); default none. */
    Optional<List<String>> corsOrigins();

    /** How long {@code /token} waits for a secret before answering 503. */
    Optional<Duration> tokenTimeout();

    /** Calls in flight are given this long to finish at shutdown. */
    Optional<Duration> shutdownGrace();
  }
}
