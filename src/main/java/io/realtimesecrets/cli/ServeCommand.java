package io.realtimesecrets.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** STUB: being written. */
@Command(name = "serve", description = "being written")
final class ServeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("serve: not implemented yet");
    return 2;
  }
}
