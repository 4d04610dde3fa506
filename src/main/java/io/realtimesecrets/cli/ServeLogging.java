package io.realtimesecrets.cli;

/**
 * {@code serve}'s log format. Text is the JDK's {@code java.util.logging} console output, one line per record
 * in the format {@link Main} sets; JSON is {@link JsonLogs}. Chosen once, when {@code serve} starts, before its
 * first line.
 */
final class ServeLogging {

  private static volatile boolean json;

  private ServeLogging() {
  }

  /**
   * Switches to the given format; {@code text} leaves the logging as it is.
   *
   * @param format {@code text} or {@code json}
   * @throws Flags.StartException when JSON is asked for and its backend is not on the class path
   */
  static void use(String format) throws Flags.StartException {
    if (!"json".equals(format)) {
      return;
    }
    try {
      JsonLogs.install();
    } catch (LinkageError | IllegalStateException e) {
      throw new Flags.StartException("--log-format json: needs logback and logstash-logback-encoder on the class "
          + "path (the fat jar has them): " + ServeCommand.describe(e));
    }
    json = true;
  }

  /**
   * One line of {@code serve}'s own written while it shuts down, when {@code java.util.logging} may already be
   * closed: on stderr as {@code serve: message} in text, a JSON line otherwise.
   *
   * @param message the message
   */
  static void notice(String message) {
    if (json) {
      JsonLogs.notice(message);
    } else {
      System.err.println("serve: " + message);
    }
  }
}
