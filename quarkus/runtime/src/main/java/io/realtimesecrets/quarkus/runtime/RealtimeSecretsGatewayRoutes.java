package io.realtimesecrets.quarkus.runtime;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Mounts the gateway on Quarkus's router when the HTTP server starts; a bean only with gateway.enabled=true. */
@Singleton
public class RealtimeSecretsGatewayRoutes {

  void mount(@Observes Router router, RealtimeSecretsGateway gateway, RealtimeSecretsConfig config) {
    gateway.mount(router, config.gateway().path());
  }
}
