package io.realtimesecrets.examples.tokenservice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Everything under {@code realtime-secrets.*} in {@code application.properties} (or the environment:
 * {@code REALTIME_SECRETS_API_KEY}, {@code REALTIME_SECRETS_POOL_MIN_IDLE}, ...).
 */
@ConfigMapping(prefix = "realtime-secrets")
public interface RealtimeSecretsConfig {

  /**
   * The OpenAI API key. No default on purpose: in prod the app refuses to start without
   * {@code REALTIME_SECRETS_API_KEY} rather than run with a placeholder. Dev and test set a mock-only key.
   */
  String apiKey();

  /** The API's base URL; ignored while {@link Mock#enabled()} points the client at the embedded mock. */
  @WithDefault("https://api.openai.com/v1")
  String baseUrl();

  /**
   * The body of {@code POST /realtime/client_secrets} every pooled secret is minted from: the session the
   * browser will get.
   */
  @WithDefault("{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}")
  String request();

  /** The secret pool. */
  Pool pool();

  /** The library's embedded mock upstream, for dev and test. */
  Mock mock();

  /** {@code realtime-secrets.pool.*} */
  interface Pool {

    /** Secrets kept in stock even with no demand (the pre-warm level). */
    @WithDefault("2")
    int minIdle();

    /** Hard cap on stock plus mints in flight. */
    @WithDefault("50")
    int maxIdle();

    /** A secret is handed out only while at least this much of its life is left. */
    @WithDefault("30s")
    Duration minRemainingLife();

    /** How long {@code GET /token} waits for a secret when the stock is empty before answering 503. */
    @WithDefault("10s")
    Duration acquireTimeout();
  }

  /** {@code realtime-secrets.mock.*} */
  interface Mock {

    /** Start the embedded mock upstream on a free 127.0.0.1 port and point the client at it. */
    @WithDefault("false")
    boolean enabled();

    /** Rehearse an outage: the mock fails this many mint requests, from the first one on, with {@link #fault()}. */
    @WithDefault("0")
    int failFirst();

    /** The fault of {@link #failFirst()}, in the mock's text form: {@code 503}, {@code 429:2}, {@code reset}... */
    @WithDefault("503")
    String fault();
  }
}
