package io.realtimesecrets.benchmarks.load;

import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.model.ClientSecretRequest;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code direct}: {@link RealtimeSecretsClient#createClientSecret} for every secret, on its own Vert.x. */
final class DirectContender implements Contender {

  private final String baseUrl;
  private final int maxConnections;
  private final ClientSecretRequest request = Workload.request();
  private Vertx vertx;
  private RealtimeSecretsClient client;

  DirectContender(String baseUrl, int maxConnections) {
    this.baseUrl = baseUrl;
    this.maxConnections = maxConnections;
  }

  static RealtimeSecretsClientOptions clientOptions(String baseUrl, int maxConnections) {
    return new RealtimeSecretsClientOptions().setBaseUrl(baseUrl).setApiKey(Workload.API_KEY)
        .setMaxConnections(maxConnections);
  }

  @Override
  public String name() {
    return "direct";
  }

  @Override
  public void open() {
    vertx = Vertx.vertx();
    client = RealtimeSecretsClient.create(vertx, clientOptions(baseUrl, maxConnections));
  }

  @Override
  public void start(Consumer<Throwable> done) {
    client.createClientSecret(request).onComplete(ar -> {
      if (ar.failed()) {
        done.accept(ar.cause());
      } else if (ar.result().secretValue() == null || ar.result().secretValue().isEmpty()) {
        done.accept(new IllegalStateException("no secret value"));
      } else {
        done.accept(null);
      }
    });
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("maxConnections", maxConnections);
    d.put("eventLoops", "Vert.x default (2 x cores)");
    return d;
  }

  @Override
  public void close() throws Exception {
    Workload.await(client.close(), 30);
    Workload.await(vertx.close(), 30);
  }
}
