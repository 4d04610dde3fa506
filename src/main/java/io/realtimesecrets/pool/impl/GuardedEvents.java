package io.realtimesecrets.pool.impl;

import io.realtimesecrets.pool.SecretPool;
import java.util.Objects;

/**
 * A listener whose exceptions stay its own: a broken metrics binding must not leave a waiter uncompleted
 * or end the tick. Equal to the listener it guards, so {@link SecretPoolImpl#removeEvents} finds it.
 */
final class GuardedEvents implements PoolEvents {

  private static final System.Logger LOG = System.getLogger(SecretPool.class.getName());
  private final PoolEvents delegate;
  private volatile boolean reported;

  GuardedEvents(PoolEvents delegate) {
    this.delegate = Objects.requireNonNull(delegate, "listener");
  }

  private void failed(RuntimeException e) {
    if (!reported) {
      reported = true;
      LOG.log(System.Logger.Level.WARNING, "secret pool: an events listener threw " + e.getClass().getName()
          + "; its events are skipped when it throws, the pool carries on");
    }
  }

  @Override
  public void takeCompleted(String result, long latencyNanos) {
    try {
      delegate.takeCompleted(result, latencyNanos);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void handedOut(long remainingLifeNanos) {
    try {
      delegate.handedOut(remainingLifeNanos);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void mintCompleted(boolean success, long latencyNanos) {
    try {
      delegate.mintCompleted(success, latencyNanos);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof GuardedEvents g ? g.delegate.equals(delegate) : delegate.equals(o));
  }

  @Override
  public int hashCode() {
    return delegate.hashCode();
  }
}
