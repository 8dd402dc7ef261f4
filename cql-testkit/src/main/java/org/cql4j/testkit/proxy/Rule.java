package org.cql4j.testkit.proxy;

import java.util.Objects;

/**
 * A condition and the action to take when it holds. Immutable and thread-safe as long as its
 * condition and action are.
 *
 * @param condition when the rule applies
 * @param action what the proxy does then
 */
public record Rule(Condition condition, Action action) {
  /** Checks both parts are present. */
  public Rule {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(action, "action");
  }
}
