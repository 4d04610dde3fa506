package io.realtimesecrets.pool;

import io.vertx.core.json.JsonObject;

/** CONTRACT DRAFT: the pool work owns this file (temporary JSON constructor added by the lead). */
public class SecretPoolOptions {
  private final JsonObject json;

  public SecretPoolOptions() {
    this(new JsonObject());
  }

  public SecretPoolOptions(JsonObject json) {
    this.json = json.copy();
  }

  public JsonObject toJson() {
    return json.copy();
  }
}
