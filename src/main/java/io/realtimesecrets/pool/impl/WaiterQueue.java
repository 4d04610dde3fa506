package io.realtimesecrets.pool.impl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * Callers waiting for a mint, first come first served. Owned by the pool's event-loop thread; only
 * {@link #sizeView()} is read elsewhere. Removal of any one waiter is O(1), so a caller who gives up leaves at
 * once wherever it stands.
 *
 * <p>Every waiter has the pool's {@code acquireTimeout}, so arrival order is also deadline order.
 *
 * @param <R> the response type
 */
final class WaiterQueue<R> {

  private final LinkedHashSet<Waiter<R>> queue = new LinkedHashSet<>();
  private volatile int sizeView;

  void add(Waiter<R> w) {
    queue.add(w);
    sizeView = queue.size();
  }

  Waiter<R> peekFirst() {
    return queue.isEmpty() ? null : queue.iterator().next();
  }

  Waiter<R> pollFirst() {
    if (queue.isEmpty()) {
      return null;
    }
    Iterator<Waiter<R>> it = queue.iterator();
    Waiter<R> w = it.next();
    it.remove();
    sizeView = queue.size();
    return w;
  }

  /** Removes {@code w} if it still waits; true when it did. */
  boolean remove(Waiter<R> w) {
    boolean removed = queue.remove(w);
    sizeView = queue.size();
    return removed;
  }

  /** Removes and returns the waiters that match, in queue order. */
  List<Waiter<R>> removeIf(Predicate<Waiter<R>> which) {
    List<Waiter<R>> out = new ArrayList<>();
    for (Iterator<Waiter<R>> it = queue.iterator(); it.hasNext(); ) {
      Waiter<R> w = it.next();
      if (which.test(w)) {
        it.remove();
        out.add(w);
      }
    }
    sizeView = queue.size();
    return out;
  }

  /** Removes and returns the waiters whose deadline is at or before {@code now}. */
  List<Waiter<R>> removeDue(long now) {
    List<Waiter<R>> out = null;
    for (Iterator<Waiter<R>> it = queue.iterator(); it.hasNext(); ) {
      Waiter<R> w = it.next();
      if (w.deadlineNanos > now) {
        break;
      }
      it.remove();
      if (out == null) {
        out = new ArrayList<>();
      }
      out.add(w);
    }
    sizeView = queue.size();
    return out == null ? List.of() : out;
  }

  int size() {
    return queue.size();
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Any thread. */
  int sizeView() {
    return sizeView;
  }
}
