package io.realtimesecrets.benchmarks;

import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RateLimitInfo;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.ModelJson;
import io.realtimesecrets.model.SecretRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RealtimeSecretsClient} with no network: every mint decodes a real GA response (the fixture, with a
 * fresh {@code ek_} value and {@code expires_at} = now + 600 s) and completes at once. Used where a benchmark
 * wants the cost of the pool or gateway alone, without an upstream's CPU in the same process.
 */
public final class InMemoryUpstreamClient implements RealtimeSecretsClient {

  private final String[] template;
  private final AtomicLong sequence = new AtomicLong();
  private final EphemeralSecret[] ring;

  /** Creates it from the bundled GA response fixture; every mint decodes a fresh response. */
  public InMemoryUpstreamClient() {
    this(0);
  }

  /**
   * Creates it with {@code precomputed} distinct secrets decoded up front (expiring in 7200 s) and handed out
   * in turn, so that a mint costs nothing: for benchmarks of the pool's own hot path.
   *
   * @param precomputed how many secrets to decode up front; 0 decodes on every mint
   */
  public InMemoryUpstreamClient(int precomputed) {
    JsonObject body = new JsonObject(resource("/fixtures/client-secret-response.json"));
    body.put("value", "@VALUE@").put("expires_at", "@EXPIRES@");
    String json = body.encode();
    int v = json.indexOf("\"@VALUE@\"");
    int e = json.indexOf("\"@EXPIRES@\"");
    if (v < 0 || e < 0 || v > e) {
      throw new IllegalStateException("unexpected fixture layout");
    }
    template = new String[] {json.substring(0, v), json.substring(v + 9, e), json.substring(e + 11)};
    ring = new EphemeralSecret[precomputed];
    for (int i = 0; i < precomputed; i++) {
      ring[i] = ModelJson.decode(render(7200), io.realtimesecrets.model.ClientSecret.class);
    }
  }

  private byte[] render(long ttlSeconds) {
    return (template[0] + "\"ek_bench_" + sequence.incrementAndGet() + "\"" + template[1]
        + (Instant.now().getEpochSecond() + ttlSeconds) + template[2]).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The size of the response each mint decodes (the fixture without its whitespace).
   *
   * @return bytes of JSON
   */
  public static int responseBytes() {
    return new JsonObject(resource("/fixtures/client-secret-response.json")).encode()
        .getBytes(StandardCharsets.UTF_8).length;
  }

  static String resource(String name) {
    try (InputStream in = InMemoryUpstreamClient.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public <R extends EphemeralSecret> Future<MintResult<R>> mint(SecretRequest<R> request, CallOptions callOptions) {
    R secret;
    if (ring.length > 0) {
      secret = request.responseType().cast(ring[(int) (sequence.incrementAndGet() % ring.length)]);
    } else {
      secret = ModelJson.decode(render(600), request.responseType());
    }
    return Future.succeededFuture(new MintResult<>(secret, Instant.now(), "req_bench", 1, RateLimitInfo.UNKNOWN));
  }

  @Override
  public RateLimitInfo lastRateLimit() {
    return RateLimitInfo.UNKNOWN;
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
