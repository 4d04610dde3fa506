package io.realtimesecrets.cli;

import java.util.logging.LogManager;

/**
 * The command line's {@code java.util.logging} manager: the JDK's, except that the reset its own shutdown
 * hook runs (which closes every handler) waits while {@code serve} drains. Shutdown hooks run in parallel,
 * so without this the access-log lines of calls finishing during the SIGTERM drain were lost. Installed by
 * {@link Main#main} through {@code java.util.logging.manager} unless the user chose another manager.
 */
public final class DrainingLogManager extends LogManager {

  private static volatile boolean holdReset;

  /** Created by {@link LogManager} itself, once, from the system property. */
  public DrainingLogManager() {
    super();
  }

  @Override
  public void reset() {
    if (holdReset) {
      return;
    }
    super.reset();
  }

  /** From now on, resets are held back until {@link #release()} (serve calls it when it starts serving). */
  static void holdResetUntilReleased() {
    holdReset = true;
  }

  /** Ends the hold and, when this manager is in charge, runs the reset that was held back (closing handlers). */
  static void release() {
    holdReset = false;
    LogManager manager = LogManager.getLogManager();
    if (manager instanceof DrainingLogManager) {
      manager.reset();
    }
  }
}
