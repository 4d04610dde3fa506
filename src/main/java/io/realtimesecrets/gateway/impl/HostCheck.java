package io.realtimesecrets.gateway.impl;

import io.realtimesecrets.gateway.GatewayOptions;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Serves only requests whose {@code Host} names this gateway, against DNS rebinding: a page on an attacker's
 * domain whose name the attacker re-points at the gateway's address sends that domain as {@code Host}, so
 * refusing unknown names keeps such a page from reading secrets. Others get 421 {@code misdirected_request}.
 *
 * <p>Over HTTP/2 the name is the {@code :authority} pseudo-header (read through
 * {@code HttpServerRequest.authority()}, the same on Vert.x 4.5 and 5.x); a request without one, or with a
 * {@code Host} header naming another host, gets 400. A {@code Host} that is a literal IP address is never a
 * rebinding (no name was resolved), so where the server listens on every interface, literal addresses are
 * served. An HTTP/1.0 request without {@code Host} is served: browsers always send one. A request with two
 * {@code Host} lines, or an HTTP/1.1 request with none, gets 400 as RFC 9112 section 3.2 requires: a proxy
 * in front could route by one name while this check passes on the other. Names match case-insensitively,
 * with or without a port and a trailing dot. Immutable and thread safe.
 */
public final class HostCheck implements Handler<RoutingContext> {

  private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");

  private final Set<String> names;
  private final boolean anyLiteral;

  private HostCheck(Set<String> names, boolean anyLiteral) {
    this.names = Set.copyOf(names);
    this.anyLiteral = anyLiteral;
  }

  /**
   * The check of the standalone server: the loopback names, the bound address and
   * {@link GatewayOptions#getAllowedHosts()}. On a wildcard address ({@code 0.0.0.0}, {@code ::}) every
   * literal IP is served too; and there, with an auth token and no allowed hosts configured, there is no
   * check at all (a rebinding page cannot present the bearer token, so the check would only refuse the
   * operator's own names).
   *
   * @param options the options
   * @return the check, or {@code null} for none
   */
  public static HostCheck forServer(GatewayOptions options) {
    boolean wildcard = isWildcard(options.getHost());
    if (wildcard && options.getAuthToken() != null && options.getAllowedHosts().isEmpty()) {
      return null;
    }
    Set<String> names = new HashSet<>(LOOPBACK_NAMES);
    names.add(normalise(options.getHost()));
    names.addAll(options.getAllowedHosts());
    return new HostCheck(normaliseAll(names), wildcard);
  }

  /**
   * The check of a mounted router: only when {@link GatewayOptions#getAllowedHosts()} names hosts (the
   * gateway cannot know the names an application serves); then those and the loopback names.
   *
   * @param options the options
   * @return the check, or {@code null} for none
   */
  public static HostCheck forMountedRouter(GatewayOptions options) {
    if (options.getAllowedHosts().isEmpty()) {
      return null;
    }
    Set<String> names = new HashSet<>(LOOPBACK_NAMES);
    names.addAll(options.getAllowedHosts());
    return new HostCheck(normaliseAll(names), false);
  }

  /**
   * Whether an address binds every interface.
   *
   * @param host the bind address
   * @return true for {@code 0.0.0.0}, {@code ::} and the like
   */
  public static boolean isWildcard(String host) {
    byte[] a = ClientAddress.literal(host);
    if (a == null) {
      return false;
    }
    for (byte b : a) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    List<String> hosts = request.headers().getAll("Host");
    String name;
    if (request.version() == HttpVersion.HTTP_1_0 || request.version() == HttpVersion.HTTP_1_1) {
      if (hosts.size() > 1 || hosts.isEmpty() && request.version() == HttpVersion.HTTP_1_1) {
        ErrorResponse.send(ctx, 400, ErrorResponse.INVALID_REQUEST, "exactly one Host header is required");
        return;
      }
      name = hosts.isEmpty() ? null : hosts.get(0);
    } else {
      // HTTP/2 names the host in the :authority pseudo-header (RFC 9113 section 8.3.1), which a browser on a
      // rebound name fills with that name; a Host line beside it must name the same host
      HostAndPort authority = request.authority();
      if (authority == null || hosts.size() > 1
          || hosts.size() == 1 && !normalise(hosts.get(0)).equals(normalise(authority.host()))) {
        ErrorResponse.send(ctx, 400, ErrorResponse.INVALID_REQUEST,
            "exactly one authority is required, and a Host header must name it");
        return;
      }
      name = authority.host();
    }
    if (allows(name)) {
      ctx.next();
      return;
    }
    ErrorResponse.send(ctx, 421, ErrorResponse.MISDIRECTED_REQUEST,
        "this gateway does not serve that host name");
  }

  /**
   * Whether a {@code Host} header value is served.
   *
   * @param hostHeader the value, may be {@code null}
   * @return true when served
   */
  public boolean allows(String hostHeader) {
    if (hostHeader == null) {
      return true;
    }
    String name = normalise(hostHeader);
    if (names.contains(name)) {
      return true;
    }
    return anyLiteral && ClientAddress.literal(name) != null;
  }

  private static Set<String> normaliseAll(Set<String> names) {
    Set<String> out = new HashSet<>();
    names.forEach(n -> out.add(normalise(n)));
    return out;
  }

  /** Lower case, no port, no brackets, no trailing dot. */
  static String normalise(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      h = end < 0 ? h.substring(1) : h.substring(1, end);
    } else if (h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':')) {
      h = h.substring(0, h.indexOf(':'));
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }
}
