package org.cql4j.session.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * Starts up to a fixed number of speculative executions, one after each fixed delay (Rust: {@code
 * SimpleSpeculativeExecutionPolicy}). Immutable and thread-safe.
 */
public final class SimpleSpeculativeExecutionPolicy implements SpeculativeExecutionPolicy {
  private final int maxSpeculativeExecutions;
  private final Duration delay;

  /**
   * Creates the policy.
   *
   * @param maxSpeculativeExecutions how many extra executions at most, at least 1
   * @param delay the wait before each extra execution, positive
   */
  public SimpleSpeculativeExecutionPolicy(int maxSpeculativeExecutions, Duration delay) {
    if (maxSpeculativeExecutions < 1) {
      throw new IllegalArgumentException(
          "maxSpeculativeExecutions must be at least 1, got " + maxSpeculativeExecutions);
    }
    Objects.requireNonNull(delay, "delay");
    if (delay.isZero() || delay.isNegative()) {
      throw new IllegalArgumentException("delay must be positive, got " + delay);
    }
    this.maxSpeculativeExecutions = maxSpeculativeExecutions;
    this.delay = delay;
  }

  @Override
  public int maxSpeculativeExecutions(SpeculativeExecutionContext context) {
    return maxSpeculativeExecutions;
  }

  @Override
  public Duration delay(SpeculativeExecutionContext context) {
    return delay;
  }
}
