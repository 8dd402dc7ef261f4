package org.cql4j.session.policy;

import java.time.Duration;

/**
 * The default speculative execution policy: never sends a second execution. Immutable and
 * thread-safe.
 */
public final class NoSpeculativeExecution implements SpeculativeExecutionPolicy {
  /** The shared instance. */
  public static final NoSpeculativeExecution INSTANCE = new NoSpeculativeExecution();

  private NoSpeculativeExecution() {}

  @Override
  public int maxSpeculativeExecutions(SpeculativeExecutionContext context) {
    return 0;
  }

  /** Never used, as no speculative execution is started; returns one day. */
  @Override
  public Duration delay(SpeculativeExecutionContext context) {
    return Duration.ofDays(1);
  }
}
