package io.realtimesecrets.quarkus.deployment;

/** Reads a failed start. */
final class ConfigErrors {

  private ConfigErrors() {
  }

  /** The start failure's messages, causes included. */
  static String messages(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append('\n');
    }
    return all.toString();
  }
}
