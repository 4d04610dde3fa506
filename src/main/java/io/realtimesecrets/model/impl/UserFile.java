package io.realtimesecrets.model.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a file a user named (a profiles file, a request body) and says in words why it cannot be read:
 * {@code no such file}, {@code permission denied}, {@code is a directory}, never an exception's class name.
 */
public final class UserFile {

  private UserFile() {
  }

  /** A file that cannot be read; the message is the reason alone, to follow the file's name. */
  public static final class UnreadableException extends IOException {
    private static final long serialVersionUID = 1L;

    UnreadableException(String reason, IOException cause) {
      super(reason, cause);
    }
  }

  /**
   * Reads a UTF-8 text file.
   *
   * @param file the file
   * @return its text
   * @throws UnreadableException whose message is the reason, e.g. {@code no such file}
   */
  public static String read(Path file) throws UnreadableException {
    if (Files.isDirectory(file)) {
      throw new UnreadableException("is a directory, not a file", null);
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UnreadableException("no such file", e);
    } catch (AccessDeniedException e) {
      throw new UnreadableException("permission denied", e);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new UnreadableException("is not UTF-8 text", e);
    } catch (IOException e) {
      String reason = e.getMessage() == null ? "cannot be read" : "cannot be read (" + e.getMessage() + ")";
      throw new UnreadableException(reason, e);
    }
  }
}
