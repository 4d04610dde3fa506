package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.client.impl.VertxCompat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.TrustOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A JWKS fetched from a URL with a Vert.x HTTP client: TLS verified (against the JDK trust store or the
 * given trust options), {@code Cache-Control} read for the cache life.
 */
public final class UrlJwksSource implements JwksSource {

  /** Largest JWKS accepted, in bytes: a real one is a few kB; this keeps a broken IdP from filling memory. */
  static final int MAX_BYTES = 1 << 20;

  private final HttpClient client;
  private final String url;
  private final Duration timeout;

  /**
   * Creates the source.
   *
   * @param vertx the Vert.x instance
   * @param url the JWKS URL
   * @param trust trust options for a private CA, or {@code null} for the JDK trust store
   * @param timeout the longest one fetch may take
   */
  public UrlJwksSource(Vertx vertx, String url, TrustOptions trust, Duration timeout) {
    HttpClientOptions options = new HttpClientOptions().setVerifyHost(true).setTrustAll(false);
    if (trust != null) {
      options.setTrustOptions(trust.copy());
    }
    this.client = VertxCompat.httpClient(vertx, options, new PoolOptions().setHttp1MaxSize(1));
    this.url = url;
    this.timeout = timeout;
  }

  @Override
  public Future<Fetched> fetch() {
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
            .putHeader("accept", "application/jwk-set+json, application/json"))
        .compose(req -> req.send())
        .compose(resp -> {
          if (resp.statusCode() != 200) {
            return Future.failedFuture(new IllegalStateException("JWKS URL " + url + " answered " + resp.statusCode()));
          }
          String length = resp.getHeader("content-length");
          if (length != null && length.matches("\\d{1,12}") && Long.parseLong(length) > MAX_BYTES) {
            return Future.failedFuture(new IllegalStateException("JWKS at " + url + " is over " + MAX_BYTES + " bytes"));
          }
          Duration maxAge = maxAge(resp.getHeader("cache-control"));
          return resp.body().map(b -> new Fetched(b.toString(StandardCharsets.UTF_8), maxAge));
        })
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(e instanceof IllegalStateException ? e
            : new IllegalStateException("cannot fetch the JWKS from " + url + ": " + e.getClass().getSimpleName())));
  }

  /**
   * Reads the cache life a {@code Cache-Control} header grants: {@code max-age} in seconds; {@code no-store}
   * and {@code no-cache} grant none (zero; the verifier still applies its floor).
   *
   * @param cacheControl the header, or {@code null}
   * @return the life, or {@code null} when the header says nothing about it
   */
  static Duration maxAge(String cacheControl) {
    if (cacheControl == null) {
      return null;
    }
    Duration found = null;
    for (String part : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
      String p = part.trim();
      if (p.equals("no-store") || p.equals("no-cache")) {
        return Duration.ZERO;
      }
      if (p.startsWith("max-age=")) {
        String v = p.substring("max-age=".length()).replace("\"", "").trim();
        if (v.matches("\\d{1,10}")) {
          found = Duration.ofSeconds(Long.parseLong(v));
        }
      }
    }
    return found;
  }

  @Override
  public boolean isFile() {
    return false;
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "URL " + url;
  }
}
