package io.realtimesecrets.quarkus.runtime;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.TokenGateway;
import io.realtimesecrets.gateway.impl.PooledSecretSource;
import io.realtimesecrets.gateway.impl.TokenGatewayImpl;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The library's {@code /token} gateway mounted on Quarkus's HTTP router, serving the extension's own pools (no
 * second stock), behind whatever authentication the app configures ({@code quarkus.http.auth.*}, which Quarkus
 * applies to every route of its router). For per-user profiles the caller is Quarkus's {@link SecurityIdentity}.
 */
public final class RealtimeSecretsGateway {

  private final TokenGateway gateway;

  RealtimeSecretsGateway(RealtimeSecretsRuntime runtime, RealtimeSecretsConfig.Gateway config) {
    GatewayOptions options = new GatewayOptions()
        // Quarkus authenticates in front of these routes; the gateway's own bearer token is not used
        .setAllowAnonymous(true)
        .setRateLimit(config.rateLimit())
        // the access log would repeat Quarkus's own (quarkus.http.access-log)
        .setAccessLog(false)
        // with quarkus-opentelemetry: the call's span is a child of Quarkus's HTTP server span, in the app's SDK
        .setOpenTelemetry(runtime.openTelemetry());
    config.corsOrigins().ifPresent(origins -> origins.forEach(options::addCorsOrigin));
    config.tokenTimeout().ifPresent(options::setTokenTimeout);
    config.shutdownGrace().ifPresent(options::setShutdownGrace);
    runtime.profiles().values().forEach(options::addProfile);
    if (!runtime.profiles().containsKey(options.getDefaultProfile()) && !runtime.profiles().isEmpty()) {
      options.setDefaultProfile(runtime.profiles().keySet().iterator().next());
    }
    this.gateway = TokenGatewayImpl.create(runtime.vertx(), runtime.client(), options, profile -> profile.perUser()
        ? null : new PooledSecretSource(runtime.pool(profile.name())));
  }

  /**
   * Mounts the routes at {@code path} on Quarkus's router.
   *
   * @param router Quarkus's main router
   * @param path where, for example {@code /realtime}
   */
  void mount(Router router, String path) {
    String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    router.route(base + "/*").handler(RealtimeSecretsGateway::identify);
    router.route(base + "/*").subRouter(gateway.router());
  }

  /**
   * Stops taking calls and lets those in flight finish; closes the pools (the runtime closes them again, which
   * is harmless).
   *
   * @return completes when closed
   */
  Future<Void> close() {
    return gateway.close();
  }

  // The gateway reads TokenGateway.USER_ID_KEY first; Quarkus's identity is put there when it is not anonymous.
  private static void identify(RoutingContext ctx) {
    if (ctx.user() instanceof QuarkusHttpUser user) {
      name(ctx, user.getSecurityIdentity());
      ctx.next();
      return;
    }
    // lazy authentication (quarkus.http.auth.proactive=false): the identity is resolved on demand
    Uni<SecurityIdentity> deferred = ctx.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
    if (deferred == null) {
      ctx.next();
      return;
    }
    deferred.subscribe().with(identity -> {
      name(ctx, identity);
      ctx.next();
    }, ctx::fail);
  }

  private static void name(RoutingContext ctx, SecurityIdentity identity) {
    if (identity != null && !identity.isAnonymous() && identity.getPrincipal() != null) {
      ctx.put(TokenGateway.USER_ID_KEY, identity.getPrincipal().getName());
    }
  }
}
