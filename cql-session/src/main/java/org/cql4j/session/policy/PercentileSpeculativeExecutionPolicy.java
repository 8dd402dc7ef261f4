package org.cql4j.session.policy;

import java.time.Duration;

/**
 * Starts up to a fixed number of speculative executions, each after a delay equal to a percentile
 * of the session's recent request latencies (the Rust driver's {@code
 * PercentileSpeculativeExecutionPolicy}): with 99, a request slower than 99 % of recent requests
 * gets a second execution. Immutable and thread-safe.
 *
 * <p>The latencies come from an HdrHistogram of every successful request of the session (all
 * profiles and statements, schema changes included) during the latest complete window. A window
 * lasts at least a second: it ends when a request asks for its delay a second or more after the
 * window began, so after an idle spell it spans the idle time too. While that window holds fewer
 * than 100 requests, the delay is {@link #DEFAULT_DELAY}.
 */
public final class PercentileSpeculativeExecutionPolicy implements SpeculativeExecutionPolicy {
  /** The delay used while too few latencies were recorded. */
  public static final Duration DEFAULT_DELAY = Duration.ofMillis(100);

  private final int maxSpeculativeExecutions;
  private final double percentile;

  /**
   * Creates the policy.
   *
   * @param maxSpeculativeExecutions how many extra executions at most, at least 1
   * @param percentile the latency percentile to wait, between 0 and 100 (exclusive), e.g. 99.0
   */
  public PercentileSpeculativeExecutionPolicy(int maxSpeculativeExecutions, double percentile) {
    if (maxSpeculativeExecutions < 1) {
      throw new IllegalArgumentException(
          "maxSpeculativeExecutions must be at least 1, got " + maxSpeculativeExecutions);
    }
    if (!(percentile > 0 && percentile < 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100), got " + percentile);
    }
    this.maxSpeculativeExecutions = maxSpeculativeExecutions;
    this.percentile = percentile;
  }

  @Override
  public int maxSpeculativeExecutions(SpeculativeExecutionContext context) {
    return maxSpeculativeExecutions;
  }

  @Override
  public Duration delay(SpeculativeExecutionContext context) {
    return context.latencyPercentile(percentile).orElse(DEFAULT_DELAY);
  }

  @Override
  public String toString() {
    return "PercentileSpeculativeExecutionPolicy["
        + maxSpeculativeExecutions
        + " at p"
        + percentile
        + "]";
  }
}
