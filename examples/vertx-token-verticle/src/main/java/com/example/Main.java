package com.example;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

public class Main {
  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    JsonObject config = new JsonObject(vertx.fileSystem().readFileBlocking(args.length > 0 ? args[0] : "config.json"));
    vertx.deployVerticle(new TokenVerticle(), new DeploymentOptions().setConfig(config))
        .onFailure(err -> {
          System.err.println("token service did not start: " + err.getMessage());
          vertx.close().onComplete(v -> System.exit(1));
        });
  }
}
