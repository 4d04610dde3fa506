package io.realtimesecrets.quarkus.deployment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * Which pools exist: every name that appears as {@code quarkus.realtime-secrets.pools.<name>.*} in the config the
 * app is built with; {@value #DEFAULT} alone when there is none. Pool beans are made at build time, so their
 * names must be known then.
 */
final class PoolNames {

  /** The pool injected without a qualifier. */
  static final String DEFAULT = "default";

  private static final String PREFIX = "quarkus.realtime-secrets.pools.";

  private PoolNames() {
  }

  static List<String> configured(Config config, Collection<String> buildTimeNames) {
    Set<String> names = new LinkedHashSet<>(buildTimeNames);
    for (String property : config.getPropertyNames()) {
      String name = nameIn(property);
      if (name != null) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      names.add(DEFAULT);
    }
    List<String> sorted = new ArrayList<>(names);
    sorted.sort((a, b) -> a.equals(DEFAULT) ? -1 : b.equals(DEFAULT) ? 1 : a.compareTo(b));
    return sorted;
  }

  /** {@code voice} of {@code quarkus.realtime-secrets.pools.voice.min-idle} (or of {@code pools."voice".x}). */
  static String nameIn(String property) {
    // %dev. and %test. prefixed names are already resolved by the profile into plain names
    if (!property.startsWith(PREFIX)) {
      return null;
    }
    String rest = property.substring(PREFIX.length());
    if (rest.startsWith("\"")) {
      int end = rest.indexOf('"', 1);
      return end > 1 ? rest.substring(1, end) : null;
    }
    int dot = rest.indexOf('.');
    return dot > 0 ? rest.substring(0, dot) : null;
  }
}
