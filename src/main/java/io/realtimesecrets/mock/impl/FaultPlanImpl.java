package io.realtimesecrets.mock.impl;

import io.realtimesecrets.mock.Fault;
import io.realtimesecrets.mock.FaultPlan;
import io.realtimesecrets.mock.FaultRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/** The live fault rules; every method locks the plan, which is cheap next to an HTTP request. */
final class FaultPlanImpl implements FaultPlan {

  /** A "next N" rule with its remaining count. */
  private static final class Countdown {
    final Fault fault;
    int remaining;

    Countdown(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  private final Random random;
  private final ArrayDeque<Countdown> counted = new ArrayDeque<>();
  private final List<FaultRule> probabilistic = new ArrayList<>();

  FaultPlanImpl(Random random) {
    this.random = random;
  }

  @Override
  public FaultPlan next(int count, Fault fault) {
    return add(FaultRule.next(count, fault));
  }

  @Override
  public FaultPlan withProbability(double probability, Fault fault) {
    return add(FaultRule.withProbability(probability, fault));
  }

  @Override
  public FaultPlan always(Fault fault) {
    return add(FaultRule.withProbability(1.0, fault));
  }

  @Override
  public synchronized FaultPlan add(FaultRule rule) {
    Objects.requireNonNull(rule, "rule");
    if (rule.isCounted()) {
      counted.addLast(new Countdown(rule.fault(), rule.count()));
    } else {
      probabilistic.add(rule);
    }
    return this;
  }

  @Override
  public synchronized FaultPlan clear() {
    counted.clear();
    probabilistic.clear();
    return this;
  }

  @Override
  public synchronized List<FaultRule> rules() {
    List<FaultRule> out = new ArrayList<>();
    counted.forEach(c -> out.add(FaultRule.next(c.remaining, c.fault)));
    out.addAll(probabilistic);
    return Collections.unmodifiableList(out);
  }

  /** The fault for the next request, or null; consumes one unit of a "next N" rule. */
  synchronized Fault select() {
    Countdown head = counted.peekFirst();
    if (head != null) {
      if (--head.remaining == 0) {
        counted.removeFirst();
      }
      return head.fault;
    }
    for (FaultRule rule : probabilistic) {
      // probability 1 draws nothing, so "always" leaves the seeded sequence untouched
      if (rule.probability() >= 1.0 || random.nextDouble() < rule.probability()) {
        return rule.fault();
      }
    }
    return null;
  }

  @Override
  public synchronized String toString() {
    return "FaultPlan" + rules();
  }
}
