package io.realtimesecrets.pool.impl;

import java.util.ArrayList;
import java.util.List;

/** Two or more listeners. */
final class CompositeEvents implements PoolEvents {
  private final PoolEvents[] all;

  CompositeEvents(PoolEvents a, PoolEvents b) {
    List<PoolEvents> list = new ArrayList<>();
    for (PoolEvents e : new PoolEvents[] {a, b}) {
      if (e instanceof CompositeEvents c) {
        list.addAll(List.of(c.all));
      } else {
        list.add(e);
      }
    }
    all = list.toArray(new PoolEvents[0]);
  }

  static PoolEvents without(PoolEvents current, PoolEvents removed) {
    if (current.equals(removed)) {
      return PoolEvents.NONE;
    }
    if (!(current instanceof CompositeEvents c)) {
      return current;
    }
    PoolEvents result = PoolEvents.NONE;
    for (PoolEvents e : c.all) {
      if (!e.equals(removed)) {
        result = result == PoolEvents.NONE ? e : new CompositeEvents(result, e);
      }
    }
    return result;
  }

  @Override
  public void takeCompleted(String result, long latencyNanos) {
    for (PoolEvents e : all) {
      e.takeCompleted(result, latencyNanos);
    }
  }

  @Override
  public void handedOut(long remainingLifeNanos) {
    for (PoolEvents e : all) {
      e.handedOut(remainingLifeNanos);
    }
  }

  @Override
  public void mintCompleted(boolean success, long latencyNanos) {
    for (PoolEvents e : all) {
      e.mintCompleted(success, latencyNanos);
    }
  }
}
