package io.realtimesecrets.gateway.impl;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Where a JWKS comes from: a file ({@link FileJwksSource}) or a URL ({@link UrlJwksSource}). Each fetch is
 * one read; caching and the limits on how often to fetch belong to {@link JwtVerifier}.
 */
public interface JwksSource {

  /**
   * One fetched JWKS document.
   *
   * @param json the JWKS text ({@code {"keys": [...]}})
   * @param maxAge how long the source says it may be cached ({@code Cache-Control: max-age}), or
   *     {@code null} when it says nothing
   */
  record Fetched(String json, Duration maxAge) {
  }

  /**
   * Reads the JWKS once.
   *
   * @return the document, or a failure whose message names no key material
   */
  Future<Fetched> fetch();

  /**
   * Whether this source is a file, re-read at the file check interval rather than cached per max-age.
   *
   * @return true for a file
   */
  boolean isFile();

  /** Releases resources (an HTTP client). */
  default void close() {
  }
}
