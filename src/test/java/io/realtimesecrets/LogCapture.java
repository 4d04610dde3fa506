package io.realtimesecrets;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures what the library logs through java.util.logging (where {@code System.Logger} and Vert.x's own
 * logging end up in tests), for the tests that check what a log line holds or that a warning was written.
 *
 * <p>For every test of a class, as a field:
 * <pre>{@code
 * @RegisterExtension
 * final LogCapture log = LogCapture.of("").atAllLevels();
 * }</pre>
 * or around a few statements: {@code try (LogCapture log = LogCapture.of(name).start()) { ... }}.
 *
 * <p>Records are kept in the order they were published, from any thread; the accessors return copies.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

  /** The library's root logger: {@link #atAllLevels()} opens it too, whatever logger is captured. */
  private static final String LIBRARY = "io.realtimesecrets";

  private final Logger logger;
  private final Logger library = Logger.getLogger(LIBRARY);
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private boolean allLevels;
  private Level loggerLevel;
  private Level libraryLevel;
  private boolean capturing;

  private LogCapture(String loggerName) {
    // held here: java.util.logging keeps loggers only weakly, and a collected logger loses its handler
    this.logger = Logger.getLogger(loggerName);
    handler.setLevel(Level.ALL);
  }

  /**
   * A capture of the named logger and the loggers below it ({@code ""} for all), at the levels they are
   * configured for.
   */
  public static LogCapture of(String loggerName) {
    return new LogCapture(loggerName);
  }

  /**
   * While capturing, sets the captured logger and the library's loggers to {@link Level#ALL}, so debug
   * and trace records are produced too; the previous levels come back on {@link #close()}.
   */
  public LogCapture atAllLevels() {
    this.allLevels = true;
    return this;
  }

  /** Starts capturing (the extension does it before each test). */
  public synchronized LogCapture start() {
    if (!capturing) {
      if (allLevels) {
        loggerLevel = logger.getLevel();
        libraryLevel = library.getLevel();
        logger.setLevel(Level.ALL);
        library.setLevel(Level.ALL);
      }
      logger.addHandler(handler);
      capturing = true;
    }
    return this;
  }

  /** Stops capturing and restores the levels (the extension does it after each test); records stay. */
  @Override
  public synchronized void close() {
    if (capturing) {
      logger.removeHandler(handler);
      if (allLevels) {
        library.setLevel(libraryLevel);
        logger.setLevel(loggerLevel);
      }
      capturing = false;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /** The records captured so far. */
  public List<LogRecord> records() {
    return new ArrayList<>(records);
  }

  /** The raw message of each record (before parameters are applied), in order. */
  public List<String> messages() {
    List<String> messages = new ArrayList<>();
    records.forEach(r -> messages.add(r.getMessage()));
    return messages;
  }

  /**
   * Each record as a handler would write it: logger name, then {@link SimpleFormatter}'s text (time, source,
   * level, formatted message and the stack trace of any exception, with its messages and causes).
   */
  public List<String> lines() {
    SimpleFormatter formatter = new SimpleFormatter();
    List<String> lines = new ArrayList<>();
    records.forEach(r -> lines.add(r.getLoggerName() + " " + formatter.format(r)));
    return lines;
  }

  /** Forgets the records captured so far. */
  public void clear() {
    records.clear();
  }

  @Override
  public String toString() {
    return lines().toString();
  }
}
