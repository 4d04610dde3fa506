package io.realtimesecrets.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** STUB: being written. */
@Command(name = "mock", description = "being written")
final class MockCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("mock: not implemented yet");
    return 2;
  }
}
