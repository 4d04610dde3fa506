package io.realtimesecrets.mock;

import java.util.List;

/**
 * The live, thread-safe set of fault rules of one {@link MockUpstream}; change it at any time from any thread,
 * the next request sees the change.
 *
 * <p>For each request to a mint endpoint the mock picks at most one fault, in this order:
 * <ol>
 *   <li>the {@value MockUpstream#FAULT_HEADER} request header, if present (consumes no rule);</li>
 *   <li>the oldest "next N" rule with requests left (its count goes down by one);</li>
 *   <li>each probability rule, in the order added, until one fires (random source seeded by
 *       {@link MockUpstreamOptions#setRandomSeed(Long)}).</li>
 * </ol>
 * <pre>{@code
 * mock.faults().next(3, Fault.status(503));                              // 3 failures, then healthy
 * mock.faults().withProbability(0.1, Fault.rateLimited(Duration.ofSeconds(2)));
 * mock.faults().clear();
 * }</pre>
 */
public interface FaultPlan {

  /**
   * Makes the next {@code count} requests fail with {@code fault}, after any "next N" rules added before.
   *
   * @param count how many requests, at least 1
   * @param fault the fault
   * @return this plan
   */
  FaultPlan next(int count, Fault fault);

  /**
   * Injects {@code fault} into each request with the given probability, until {@link #clear()}.
   *
   * @param probability in (0, 1]
   * @param fault the fault
   * @return this plan
   */
  FaultPlan withProbability(double probability, Fault fault);

  /**
   * Injects {@code fault} into every request until {@link #clear()} (probability 1).
   *
   * @param fault the fault
   * @return this plan
   */
  FaultPlan always(Fault fault);

  /**
   * Adds a rule.
   *
   * @param rule the rule
   * @return this plan
   */
  FaultPlan add(FaultRule rule);

  /**
   * Removes every rule; requests are healthy again (headers still inject faults).
   *
   * @return this plan
   */
  FaultPlan clear();

  /**
   * A snapshot of the rules still active, "next N" rules with their remaining counts.
   *
   * @return an unmodifiable list
   */
  List<FaultRule> rules();
}
