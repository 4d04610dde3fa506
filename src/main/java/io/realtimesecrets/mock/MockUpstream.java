package io.realtimesecrets.mock;

import io.realtimesecrets.mock.impl.MockUpstreamImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import java.util.Set;

/**
 * An embedded stand-in for the four OpenAI Realtime credential endpoints, for tests, demos and benchmarks.
 *
 * <p>It serves {@code POST /v1/realtime/client_secrets}, {@code /v1/realtime/translations/client_secrets},
 * {@code /v1/realtime/sessions} and {@code /v1/realtime/transcription_sessions} the way the real API does:
 * it checks the key ({@code Authorization: Bearer <key>} or Azure-style {@code api-key: <key>}), validates
 * the body (400 with the offending field in {@code error.param}), mints unique {@code ek_} values with the
 * right {@code expires_at} (GA: {@code expires_after.seconds}, default 600; beta: 60 s), echoes the
 * effective session with the API's defaults filled in, and sends {@code Date}, {@code x-request-id},
 * {@code openai-processing-ms}, {@code openai-version} and the {@code x-ratelimit-*-requests} headers.
 * Unknown paths get 404 and other methods 405, both with the API's error JSON. HTTP/1.1 and HTTP/2
 * (cleartext with prior knowledge, or ALPN over TLS) are served.
 *
 * <p>It can misbehave on purpose: see {@link Fault}, {@link #faults()} and the {@value #FAULT_HEADER}
 * header. It counts what it served ({@link #stats()}, {@link #wasMinted(String)}).
 *
 * <pre>{@code
 * MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey("sk-test"));
 * mock.start()
 *     .compose(m -> callYourCode(m.baseUrl()))       // e.g. http://127.0.0.1:41234/v1
 *     .eventually(mock::close);
 * }</pre>
 *
 * <p>All methods are thread safe. Futures complete on the context that called {@link #start()}; requests are
 * served on that context's event loop. The {@code Vertx} instance is the caller's: {@link #close()} stops
 * the server only.
 */
public interface MockUpstream {

  /**
   * Request header that injects a fault into that one request, in {@link Fault#parse(String)} form, e.g.
   * {@code x-mock-fault: 503} or {@code x-mock-fault: reset}. An unparseable value gets a 400 naming the
   * header in {@code error.param}.
   */
  String FAULT_HEADER = "x-mock-fault";

  /**
   * Request header that adds latency to that one request, in milliseconds, e.g. {@code x-mock-latency-ms: 250}.
   */
  String LATENCY_HEADER = "x-mock-latency-ms";

  /**
   * Creates a mock with default options (127.0.0.1, a free port, any key accepted). Call {@link #start()}.
   *
   * @param vertx the Vert.x instance to run on
   * @return the mock, not yet listening
   */
  static MockUpstream create(Vertx vertx) {
    return create(vertx, new MockUpstreamOptions());
  }

  /**
   * Creates a mock. The options are copied. Call {@link #start()}.
   *
   * @param vertx the Vert.x instance to run on
   * @param options the options
   * @return the mock, not yet listening
   */
  static MockUpstream create(Vertx vertx, MockUpstreamOptions options) {
    return new MockUpstreamImpl(vertx, options);
  }

  /**
   * Starts listening.
   *
   * @return this mock once listening; fails if the port is taken, or if already started
   */
  Future<MockUpstream> start();

  /**
   * The base URL to configure a client with: scheme, the options' host, the actual port, and {@code /v1}.
   *
   * @return e.g. {@code http://127.0.0.1:41234/v1}
   * @throws IllegalStateException before {@link #start()} has completed
   */
  String baseUrl();

  /**
   * The port listened on (the OS-chosen one when the options said 0).
   *
   * @return the port
   * @throws IllegalStateException before {@link #start()} has completed
   */
  int port();

  /**
   * The live fault rules; change them at any time.
   *
   * @return the plan (always the same instance)
   */
  FaultPlan faults();

  /**
   * A snapshot of the counters.
   *
   * @return the stats
   */
  MockStats stats();

  /**
   * How many client connections are open right now, HTTP/1.1 and HTTP/2 alike. An HTTP/1.1 connection
   * carries one request at a time, an HTTP/2 connection many, so with requests held open (a {@code stall}
   * fault) this tells how a client spreads its calls over connections.
   *
   * @return the number of open connections
   */
  int openConnections();

  /**
   * Sets every counter to zero and forgets the minted values.
   */
  void resetStats();

  /**
   * Whether this mock minted {@code secret} (among the last
   * {@link MockUpstreamOptions#setMaxRecordedSecrets(int) maxRecordedSecrets} values).
   *
   * @param secret an {@code ek_} value
   * @return true if minted here
   */
  boolean wasMinted(String secret);

  /**
   * The minted values remembered so far. They are real credentials for this mock only; do not log them.
   *
   * @return an unmodifiable snapshot
   */
  Set<String> mintedSecrets();

  /**
   * Trust options that accept the bundled self-signed certificate served when
   * {@link MockUpstreamOptions#setSsl(boolean)} is on (use with {@code setVerifyHost(true)} and host
   * {@code localhost} or {@code 127.0.0.1}).
   *
   * @return new trust options
   */
  PemTrustOptions trustOptions();

  /**
   * The bundled self-signed certificate, PEM encoded (valid for {@code localhost}, {@code 127.0.0.1},
   * {@code ::1}). Its private key ships with this library: never use it outside tests.
   *
   * @return the PEM text
   */
  String certificatePem();

  /**
   * Stops listening and closes open connections (stalled requests included). Idempotent.
   *
   * @return completes when the server is closed
   */
  Future<Void> close();
}
