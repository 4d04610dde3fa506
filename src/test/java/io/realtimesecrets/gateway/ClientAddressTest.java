package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimesecrets.gateway.impl.ClientAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate limiter's client key: peer address, trusted proxies, X-Forwarded-For, IPv6 /64. */
class ClientAddressTest {

  private final ClientAddress none = new ClientAddress(List.of());
  private final ClientAddress proxied = new ClientAddress(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));

  @Test
  void keysOnThePeerWhenNoProxyIsTrusted() {
    assertEquals("192.0.2.7", none.key("192.0.2.7", List.of("198.51.100.1")));
  }

  @Test
  void keysIpv6PeersByTheirSlash64AndMappedIpv4AsIpv4() {
    assertEquals("2001:db8:1:2::/64", none.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd", List.of()));
    assertEquals("2001:db8:1:2::/64", none.key("[2001:db8:1:2::1]", List.of()));
    assertEquals("192.0.2.7", none.key("::ffff:192.0.2.7", List.of()));
  }

  @Test
  void takesTheRightMostUntrustedHopFromATrustedProxy() {
    assertEquals("198.51.100.1", proxied.key("10.1.1.1", List.of("203.0.113.9, 198.51.100.1, 10.2.2.2")));
    assertEquals("198.51.100.1", proxied.key("10.1.1.1", List.of("203.0.113.9", "198.51.100.1")));
    assertEquals("2001:db8:5:6::/64", proxied.key("2001:db8:ffff::1", List.of("2001:db8:5:6::9")));
  }

  @Test
  void fallsBackToTheLastGoodHopWhenTheChainHasGarbageOrOnlyProxies() {
    assertEquals("10.1.1.1", proxied.key("10.1.1.1", List.of("not-an-address")));
    assertEquals("10.3.3.3", proxied.key("10.1.1.1", List.of("junk, 10.3.3.3")));
    assertEquals("10.1.1.1", proxied.key("10.1.1.1", List.of()));
  }

  @Test
  void ignoresForwardedForFromAnUntrustedPeer() {
    assertEquals("192.0.2.7", proxied.key("192.0.2.7", List.of("10.9.9.9")));
  }

  @Test
  void keysAnUnknownPeerAsUnknown() {
    assertEquals(ClientAddress.UNKNOWN, none.key(null, List.of()));
  }
}
