package io.realtimesecrets.examples.tokenservice;

import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/**
 * The library's embedded OpenAI stand-in as a bean, used when {@code realtime-secrets.mock.enabled=true}
 * (dev and test profiles). It runs on Quarkus's Vert.x and accepts only the configured key, so the key
 * wiring is exercised too.
 */
@ApplicationScoped
public class MockUpstreamBeans {

  /** How long startup waits for the mock to listen. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  // Created only when the client asks for it (mock.enabled), so a prod build never starts it.
  @Produces
  @ApplicationScoped
  MockUpstream mockUpstream(Vertx vertx, RealtimeSecretsConfig config) {
    MockUpstream mock = MockUpstream.create(vertx, new MockUpstreamOptions().setApiKey(config.apiKey()));
    if (config.mock().failFirst() > 0) {
      mock.faults().next(config.mock().failFirst(), Fault.parse(config.mock().fault()));
    }
    // The client needs the mock's port when it is created, so wait here. The client is a @Startup bean, so
    // this runs on the boot thread (await() would refuse an event loop).
    Uni.createFrom().completionStage(() -> mock.start().toCompletionStage()).await().atMost(START_TIMEOUT);
    return mock;
  }

  void close(@Disposes MockUpstream mock) {
    mock.close();
  }
}
