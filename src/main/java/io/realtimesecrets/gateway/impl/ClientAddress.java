package io.realtimesecrets.gateway.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who a request comes from, for the rate limiter: the socket's remote address, unless that address is a
 * trusted proxy, in which case the right-most {@code X-Forwarded-For} hop that is not a trusted proxy (hops
 * to its left were written by the client or by untrusted parties, and anyone can forge them).
 *
 * <p>Keys are IPv4 addresses as written, and IPv6 addresses cut to their /64 (one subscriber's LAN gets
 * a whole /64, so keying full addresses would give every client 2^64 buckets). IPv4-mapped IPv6 addresses
 * count as IPv4. Only literal addresses are parsed; nothing is ever resolved. Immutable and thread safe.
 */
public final class ClientAddress {

  /** Key of a request whose peer address is unknown. */
  public static final String UNKNOWN = "unknown";

  private final List<Block> trusted;

  /**
   * Creates the resolver.
   *
   * @param trustedProxies CIDR blocks (or single addresses) of trusted proxies; may be empty
   * @throws IllegalArgumentException for a block that does not parse
   */
  public ClientAddress(List<String> trustedProxies) {
    List<Block> blocks = new ArrayList<>();
    for (String cidr : trustedProxies) {
      blocks.add(parseCidr(cidr));
    }
    this.trusted = List.copyOf(blocks);
  }

  /**
   * The rate-limit key of a request.
   *
   * @param peer the socket's remote host (a literal address), or {@code null}
   * @param forwardedFor every {@code X-Forwarded-For} header value, in order (may be empty)
   * @return the key: an IPv4 address, an IPv6 /64 such as {@code 2001:db8:1:2::/64}, or {@link #UNKNOWN}
   */
  public String key(String peer, List<String> forwardedFor) {
    byte[] address = literal(peer);
    if (address == null) {
      return UNKNOWN;
    }
    if (!trusted.isEmpty() && isTrusted(address)) {
      List<String> hops = new ArrayList<>();
      for (String header : forwardedFor) {
        for (String hop : header.split(",")) {
          hops.add(hop.trim());
        }
      }
      for (int i = hops.size() - 1; i >= 0; i--) {
        byte[] hop = literal(hops.get(i));
        if (hop == null) {
          // garbage in the chain: the parts left of it cannot be trusted, the proxy's peer is the best known
          break;
        }
        address = hop;
        if (!isTrusted(hop)) {
          break;
        }
      }
    }
    return keyOf(address);
  }

  private boolean isTrusted(byte[] address) {
    for (Block b : trusted) {
      if (b.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static String keyOf(byte[] address) {
    if (address.length == 4) {
      return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      b.append(Integer.toHexString(((address[i] & 0xff) << 8) | (address[i + 1] & 0xff))).append(':');
    }
    return b.append(":/64").toString();
  }

  /**
   * Parses a literal IPv4 or IPv6 address (brackets, a zone id and, for IPv4, a port are tolerated), never
   * resolving a name.
   *
   * @param text the text
   * @return 4 or 16 bytes (IPv4-mapped IPv6 as 4), or {@code null} when it is not a literal address
   */
  static byte[] literal(String text) {
    if (text == null) {
      return null;
    }
    String s = text.trim();
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      if (end < 0) {
        return null;
      }
      s = s.substring(1, end);
    } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') > 0) {
      s = s.substring(0, s.indexOf(':')); // 192.0.2.1:1234
    }
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}") && octetsInRange(s);
    // starting with a hex digit or ':' and holding a ':', InetAddress parses it as an IPv6 literal or throws
    boolean v6 = s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    if (!v4 && !v6) {
      return null;
    }
    try {
      // only text of those two shapes gets here, which InetAddress parses or refuses without a lookup
      // (it resolves anything else as a name, 999.999.999.999 included: blocking DNS on the event loop)
      byte[] bytes = InetAddress.getByName(s).getAddress();
      return bytes;
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  private static boolean octetsInRange(String dotted) {
    for (String octet : dotted.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}) or a single address.
   *
   * @param cidr the text
   * @return the block
   * @throws IllegalArgumentException when it does not parse
   */
  public static Block parseCidr(String cidr) {
    if (cidr == null) {
      throw new IllegalArgumentException("trustedProxies: a CIDR block is required");
    }
    String s = cidr.trim();
    int slash = s.indexOf('/');
    byte[] address = literal(slash < 0 ? s : s.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("trustedProxies: '" + cidr + "' is not an address or CIDR block");
    }
    int bits = address.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > address.length * 8) {
        throw new IllegalArgumentException("trustedProxies: '" + cidr + "' has an invalid prefix length");
      }
    }
    return new Block(address, bits);
  }

  /** An address block. */
  public static final class Block {
    private final byte[] network;
    private final int bits;

    Block(byte[] address, int bits) {
      this.network = Arrays.copyOf(address, address.length);
      this.bits = bits;
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }
}
