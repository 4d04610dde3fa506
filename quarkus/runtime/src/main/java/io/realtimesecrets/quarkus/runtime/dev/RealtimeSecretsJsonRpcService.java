package io.realtimesecrets.quarkus.runtime.dev;

import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolStats;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsRuntime;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the Dev UI card shows (dev mode only): each pool's stock and counters, read from its stats. */
public class RealtimeSecretsJsonRpcService {

  private final RealtimeSecretsRuntime runtime;

  /**
   * Made by the Dev UI as a bean.
   *
   * @param runtime the extension's objects
   */
  @Inject
  public RealtimeSecretsJsonRpcService(RealtimeSecretsRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * One row per pool.
   *
   * @return name, endpoint, ready, stock, target, in flight, hits, takes, hit ratio, minted, expired unused,
   *     upstream errors, circuit
   */
  public List<Map<String, Object>> getPools() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<String, SecretPool<? extends EphemeralSecret>> e : runtime.pools().entrySet()) {
      SecretPool<? extends EphemeralSecret> pool = e.getValue();
      SecretPoolStats s = pool.stats();
      long takes = s.hits() + s.waited() + s.timedOut();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", e.getKey());
      row.put("endpoint", runtime.profiles().get(e.getKey()).endpoint().cliName());
      row.put("ready", pool.isReady());
      row.put("stock", s.stock());
      row.put("target", s.target());
      row.put("inFlight", s.inFlight());
      row.put("takes", takes);
      row.put("hitRatio", takes == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * s.hits() / takes));
      row.put("minted", s.minted());
      row.put("expiredUnused", s.expiredUnused());
      row.put("upstreamErrors", s.upstreamErrors().values().stream().mapToLong(Long::longValue).sum());
      row.put("circuit", s.circuit().name().toLowerCase(Locale.ROOT));
      rows.add(row);
    }
    return rows;
  }

  /**
   * The card's live label.
   *
   * @return for example {@code 2 pools, 5 in stock}
   */
  public String getStockLabel() {
    long stock = runtime.pools().values().stream().mapToLong(p -> p.stats().stock()).sum();
    return runtime.pools().size() + (runtime.pools().size() == 1 ? " pool, " : " pools, ") + stock + " in stock";
  }
}
