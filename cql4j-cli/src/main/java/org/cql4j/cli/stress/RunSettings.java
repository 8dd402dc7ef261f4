package org.cql4j.cli.stress;

import java.time.Duration;

/**
 * How a stress run drives its workload. Immutable, thread-safe.
 *
 * @param concurrency the most operations in flight at once
 * @param rate operations per second to start, or 0 for a closed loop (a new operation as soon as
 *     one completes)
 * @param duration how long to measure, or {@code null} when {@code count} bounds the run
 * @param count how many operations to run after the warm-up, or {@link Long#MAX_VALUE}
 * @param warmup how long to run before measuring (not in the results)
 * @param seed the seed of every generator: the same seed gives the same values
 */
public record RunSettings(
    int concurrency, double rate, Duration duration, long count, Duration warmup, long seed) {

  /** Checks the settings; thread-safe. */
  public RunSettings {
    if (concurrency < 1) {
      throw new IllegalArgumentException("the concurrency must be at least 1, not " + concurrency);
    }
    if (rate < 0) {
      throw new IllegalArgumentException("the rate cannot be negative: " + rate);
    }
    if (duration == null && count == Long.MAX_VALUE) {
      throw new IllegalArgumentException("give a duration or a count");
    }
  }

  /** Whether operations start at a fixed rate (true) or as others complete (false). */
  public boolean rateLimited() {
    return rate > 0;
  }
}
