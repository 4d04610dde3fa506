package io.realtimesecrets.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** STUB: being written. */
@Command(name = "mint", description = "being written")
final class MintCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("mint: not implemented yet");
    return 2;
  }
}
