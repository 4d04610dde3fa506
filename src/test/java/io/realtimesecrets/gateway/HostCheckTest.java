package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.gateway.impl.HostCheck;
import org.junit.jupiter.api.Test;

/** Which Host names the standalone server and a mounted router serve. */
class HostCheckTest {

  @Test
  void aLoopbackServerServesLoopbackNamesAndAllowedHostsOnly() {
    HostCheck check = HostCheck.forServer(new GatewayOptions().addAllowedHost("tokens.example.com"));
    for (String ok : new String[] {"127.0.0.1", "127.0.0.1:8080", "localhost", "LOCALHOST:1", "[::1]:8080",
        "tokens.example.com", "tokens.example.com.", "Tokens.Example.Com:443", null}) {
      assertTrue(check.allows(ok), ok);
    }
    for (String refused : new String[] {"evil.example", "127.0.0.1.nip.io", "10.0.0.5", "tokens.example.com.evil"}) {
      assertFalse(check.allows(refused), refused);
    }
  }

  @Test
  void aServerOnASpecificAddressServesThatAddress() {
    HostCheck check = HostCheck.forServer(new GatewayOptions().setHost("10.1.2.3").setAuthToken("t"));
    assertTrue(check.allows("10.1.2.3:8080"));
    assertFalse(check.allows("10.1.2.4"));
    assertFalse(check.allows("gateway.internal"));
  }

  @Test
  void aWildcardServerServesLiteralAddressesButNoUnknownNameWithoutAuth() {
    HostCheck check = HostCheck.forServer(new GatewayOptions().setHost("0.0.0.0").setAllowAnonymous(true));
    assertTrue(check.allows("192.168.1.20:8080"));
    assertTrue(check.allows("[2001:db8::1]:8080"));
    assertFalse(check.allows("rebind.attacker.example"));
  }

  @Test
  void aWildcardServerWithAnAuthTokenChecksNothingUnlessHostsAreNamed() {
    assertNull(HostCheck.forServer(new GatewayOptions().setHost("0.0.0.0").setAuthToken("t")));
    HostCheck named = HostCheck.forServer(new GatewayOptions().setHost("::").setAuthToken("t")
        .addAllowedHost("gateway.internal"));
    assertTrue(named.allows("gateway.internal:8080"));
    assertFalse(named.allows("other.example"));
  }

  @Test
  void aMountedRouterChecksOnlyWhenHostsAreNamed() {
    assertNull(HostCheck.forMountedRouter(new GatewayOptions()));
    HostCheck named = HostCheck.forMountedRouter(new GatewayOptions().addAllowedHost("app.example.com"));
    assertTrue(named.allows("app.example.com"));
    assertFalse(named.allows("127.0.0.2"));
  }
}
