package io.realtimesecrets.gateway;

import io.realtimesecrets.gateway.impl.SecretSource;
import io.realtimesecrets.model.EphemeralSecret;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A secret source for route tests: serves numbered fake secrets, or whatever {@link #next} says. */
final class FakeSecretSource implements SecretSource {

  final AtomicInteger served = new AtomicInteger();
  final List<String> identifiers = new CopyOnWriteArrayList<>();
  final boolean perUser;
  volatile boolean ready = true;
  volatile boolean closed;
  volatile Supplier<Future<? extends EphemeralSecret>> next;

  FakeSecretSource(boolean perUser) {
    this.perUser = perUser;
  }

  FakeSecretSource() {
    this(false);
  }

  @Override
  public Future<Void> start() {
    return Future.succeededFuture();
  }

  @Override
  public boolean isReady() {
    return ready;
  }

  @Override
  public boolean perUser() {
    return perUser;
  }

  @Override
  public Future<? extends EphemeralSecret> take(String safetyIdentifier) {
    if (safetyIdentifier != null) {
      identifiers.add(safetyIdentifier);
    }
    Supplier<Future<? extends EphemeralSecret>> n = next;
    if (n != null) {
      return n.get();
    }
    return Future.succeededFuture(new FakeSecret("ek_fake_" + served.incrementAndGet() + "_0123456789abcdef",
        Instant.now().plusSeconds(600)));
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return Future.succeededFuture();
  }

  /** A GA-shaped secret. */
  static final class FakeSecret implements EphemeralSecret {
    private final String value;
    private final Instant expiresAt;

    FakeSecret(String value, Instant expiresAt) {
      this.value = value;
      this.expiresAt = expiresAt;
    }

    @Override
    public String secretValue() {
      return value;
    }

    @Override
    public Instant expiresAt() {
      return expiresAt;
    }

    @Override
    public String toJson() {
      return new JsonObject().put("value", value).put("expires_at", expiresAt.getEpochSecond())
          .put("session", new JsonObject().put("type", "realtime").put("model", "gpt-realtime")).encode();
    }
  }
}
