package io.realtimesecrets.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;

/** A JWKS read from a local file with Vert.x's asynchronous file system (never blocking an event loop). */
public final class FileJwksSource implements JwksSource {

  private final Vertx vertx;
  private final String path;

  /**
   * Creates the source.
   *
   * @param vertx the Vert.x instance
   * @param path the file
   */
  public FileJwksSource(Vertx vertx, String path) {
    this.vertx = vertx;
    this.path = path;
  }

  @Override
  public Future<Fetched> fetch() {
    return vertx.fileSystem().readFile(path)
        .map(b -> new Fetched(b.toString(StandardCharsets.UTF_8), null))
        .recover(e -> Future.failedFuture(new IllegalStateException("cannot read the JWKS file " + path + ": "
            + e.getClass().getSimpleName())));
  }

  @Override
  public boolean isFile() {
    return true;
  }

  @Override
  public String toString() {
    return "file " + path;
  }
}
