package com.example;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolException;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** GET /token: one ephemeral secret per caller, from a pre-warmed pool. */
public class TokenVerticle extends VerticleBase {

  private RealtimeSecretsClient client;
  private SecretPool<ClientSecret> pool;

  @Override
  public Future<?> start() {
    JsonObject conf = config();
    // A key in the deployment config wins (the tests deploy against the mock that way), else the environment's.
    String apiKey = conf.getString("apiKey", System.getenv("OPENAI_API_KEY"));
    if (apiKey == null || apiKey.isBlank()) {
      return Future.failedFuture("set OPENAI_API_KEY");
    }
    client = RealtimeSecretsClient.create(vertx,
        new RealtimeSecretsClientOptions(conf.getJsonObject("client", new JsonObject())).setApiKey(apiKey));
    pool = SecretPool.create(vertx, client,
        ClientSecretRequest.fromJson(conf.getJsonObject("request").encode()),
        new SecretPoolOptions(conf.getJsonObject("pool", new JsonObject())));
    pool.start();   // pre-warm in the background; take() waits for stock if a caller comes first

    Router router = Router.router(vertx);
    router.get("/token").handler(this::token);
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(conf.getInteger("port", 8080), conf.getString("host", "127.0.0.1"))
        .onSuccess(server -> System.out.println("GET http://127.0.0.1:" + server.actualPort() + "/token"));
  }

  private void token(RoutingContext ctx) {
    pool.take()
        .onSuccess(secret -> ctx.response()
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(secret.toJson()))
        .onFailure(err -> {
          SecretPoolException e = (SecretPoolException) err;
          boolean retryable = e.reason() != SecretPoolException.Reason.UPSTREAM_REJECTED;
          if (retryable && e.retryAfter() != null) {
            ctx.response().putHeader("Retry-After", Long.toString(e.retryAfter().toSeconds()));
          }
          ctx.response()
              .setStatusCode(retryable ? 503 : 502)
              .putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("error", new JsonObject()
                  .put("type", e.reason().name().toLowerCase(java.util.Locale.ROOT))
                  .put("message", e.getMessage())).encode());
        });
  }

  @Override
  public Future<?> stop() {
    // The HTTP server closes with the verticle; stop minting first, then release the connections.
    return pool.close().eventually(() -> client.close());
  }
}
