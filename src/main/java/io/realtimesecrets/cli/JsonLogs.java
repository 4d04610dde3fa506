package io.realtimesecrets.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.realtimesecrets.gateway.impl.AccessLog;
import io.realtimesecrets.gateway.impl.TokenGatewayImpl;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import net.logstash.logback.marker.Markers;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code serve --log-format json}: every {@code java.util.logging} record (ours through {@code System.Logger},
 * Vert.x's and Netty's, which {@link Main} routes there too) goes through the JUL-to-SLF4J bridge to logback,
 * whose logstash encoder writes one JSON object per line on stderr: {@code time}, {@code level}, {@code logger},
 * {@code message}, {@code stack_trace} when there is one, and for access lines the fields named by
 * {@link AccessLog#FIELDS}. {@code java.util.logging} stays the one place that decides levels.
 *
 * <p>Only this class names logback; it is loaded only when JSON logs are asked for, so the library and
 * {@code serve}'s text logs never need it on the class path.
 */
final class JsonLogs {

  private static final String IGNORE = "[ignore]";

  private JsonLogs() {
  }

  /**
   * Replaces the root JUL handlers by the bridge and logback's configuration by the JSON encoder on stderr.
   *
   * @throws IllegalStateException when SLF4J is bound to another backend than logback
   */
  static void install() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext)) {
      throw new IllegalStateException("SLF4J is bound to " + factory.getClass().getName() + ", not logback");
    }
    LoggerContext context = (LoggerContext) factory;
    context.reset();

    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    LogstashFieldNames names = encoder.getFieldNames();
    names.setTimestamp("time");
    names.setLevel("level");
    names.setLogger("logger");
    names.setMessage("message");
    names.setVersion(IGNORE);
    names.setLevelValue(IGNORE);
    names.setThread(IGNORE);
    encoder.setTimeZone("UTC");
    encoder.setIncludeContext(false);
    encoder.start();

    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("json-stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();

    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // JUL already filtered by level: logback writes whatever reaches it
    root.setLevel(Level.ALL);
    root.addAppender(stderr);

    java.util.logging.Logger julRoot = LogManager.getLogManager().getLogger("");
    for (java.util.logging.Handler h : julRoot.getHandlers()) {
      julRoot.removeHandler(h);
    }
    julRoot.addHandler(new Bridge());
  }

  /**
   * Writes one INFO line of {@code serve}'s own straight to logback: shutdown messages, written after the JDK's
   * logging shutdown hook may have closed the JUL handlers.
   *
   * @param message the message
   */
  static void notice(String message) {
    LoggerFactory.getLogger("io.realtimesecrets.cli.serve").info(message);
  }

  /** The JUL-to-SLF4J bridge, which also turns an access line's parameters into JSON fields. */
  static final class Bridge extends SLF4JBridgeHandler {
    @Override
    public void publish(LogRecord record) {
      Object[] params = record.getParameters();
      if (record.getMessage() != null && TokenGatewayImpl.ACCESS_LOGGER.equals(record.getLoggerName())
          && params != null && params.length == AccessLog.FIELDS.size()) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i++) {
          if (params[i] != null) {
            fields.put(AccessLog.FIELDS.get(i), params[i]);
          }
        }
        // the message has no placeholders: written as is, the facts as fields (numbers stay numbers)
        LoggerFactory.getLogger(record.getLoggerName()).info(Markers.appendEntries(fields), record.getMessage());
        return;
      }
      super.publish(record);
    }
  }
}
