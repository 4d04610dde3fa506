package io.realtimesecrets.mock;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * When a {@link Fault} applies: to the next {@code count} requests, or to each request with a probability.
 * Immutable and thread safe.
 *
 * <p>Only requests to the four mint endpoints consume rules; unknown paths and wrong methods never do.
 *
 * @param fault the fault to inject
 * @param count for a "next N" rule, how many requests it covers (at least 1); 0 for a probability rule
 * @param probability for a probability rule, the chance per request, in (0, 1]; 0 for a "next N" rule
 */
public record FaultRule(Fault fault, int count, double probability) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException unless exactly one of {@code count} (at least 1) and
   *     {@code probability} (in (0, 1]) is set
   */
  public FaultRule {
    Objects.requireNonNull(fault, "fault");
    boolean isNext = count > 0 && probability == 0;
    boolean isRandom = count == 0 && probability > 0 && probability <= 1;
    if (!isNext && !isRandom) {
      throw new IllegalArgumentException("a fault rule needs either count >= 1 or a probability in (0, 1],"
          + " got count=" + count + ", probability=" + probability);
    }
  }

  /**
   * A rule for the next {@code count} requests.
   *
   * @param count how many requests, at least 1
   * @param fault the fault
   * @return the rule
   */
  public static FaultRule next(int count, Fault fault) {
    return new FaultRule(fault, count, 0);
  }

  /**
   * A rule that fires on each request with the given probability, until cleared.
   *
   * @param probability in (0, 1]; 1 means every request
   * @param fault the fault
   * @return the rule
   */
  public static FaultRule withProbability(double probability, Fault fault) {
    return new FaultRule(fault, 0, probability);
  }

  /**
   * Whether this is a "next N" rule.
   *
   * @return true when {@link #count()} is positive
   */
  public boolean isCounted() {
    return count > 0;
  }

  /**
   * Reads the form written by {@link #toJson()}: {@code {"fault":"503","next":3}} or
   * {@code {"fault":"429:2","probability":0.1}}.
   *
   * @param json the JSON
   * @return the rule
   * @throws IllegalArgumentException when the fault text or the numbers are invalid
   */
  public static FaultRule fromJson(JsonObject json) {
    Fault fault = Fault.parse(json.getString("fault"));
    Integer next = json.getInteger("next");
    return next != null ? next(next, fault) : withProbability(json.getDouble("probability", 0d), fault);
  }

  /**
   * The JSON form read by {@link #fromJson(JsonObject)}.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("fault", fault.spec());
    return isCounted() ? json.put("next", count) : json.put("probability", probability);
  }
}
