package io.realtimesecrets.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimesecrets.gateway.impl.ClientAddress;
import io.realtimesecrets.gateway.impl.HostCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code Host} header and an {@code X-Forwarded-For} hop are caller-controlled text read on the event loop:
 * what looks like an address but is none ({@code 999.999.999.999}) must be refused as it is, never handed to
 * the resolver, whose lookup blocks the event loop for as long as DNS takes to answer. A resolution is made
 * visible by running the check in a JVM whose resolver is a hosts file naming that text.
 */
class AddressLiteralsAreNeverResolvedTest {

  private static final String NOT_AN_ADDRESS = "999.999.999.999";

  @Test
  void aHostOrForwardedHopThatOnlyLooksLikeAnAddressIsNeverResolved(@TempDir Path dir) throws Exception {
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "203.0.113.7 " + NOT_AN_ADDRESS + "\n");
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-Djdk.net.hosts.file=" + hosts,
        "-cp", System.getProperty("java.class.path"), Probe.class.getName())
        .redirectErrorStream(true).start();
    String out;
    try {
      if (!child.waitFor(60, TimeUnit.SECONDS)) { // a safety net, not a timing
        child.destroyForcibly();
        throw new AssertionError("the probe JVM did not finish");
      }
    } finally {
      out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    assertEquals("host allowed=false; key=10.0.0.1", out,
        "a wildcard server must not serve that Host, and the limiter must key on the proxy, not on a lookup");
  }

  /** Runs in the child JVM. */
  public static final class Probe {
    public static void main(String[] args) throws IOException {
      HostCheck check = HostCheck.forServer(new GatewayOptions().setHost("0.0.0.0").setAllowAnonymous(true));
      String key = new ClientAddress(List.of("10.0.0.1")).key("10.0.0.1", List.of(NOT_AN_ADDRESS));
      System.out.println("host allowed=" + check.allows(NOT_AN_ADDRESS) + "; key=" + key);
    }
  }
}
