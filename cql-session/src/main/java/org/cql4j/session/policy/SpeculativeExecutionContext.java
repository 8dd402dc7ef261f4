package org.cql4j.session.policy;

import java.time.Duration;
import java.util.Optional;

/**
 * What a {@link SpeculativeExecutionPolicy} may know when deciding; implemented by the session and
 * thread-safe.
 */
public interface SpeculativeExecutionContext {

  /** The request being executed. */
  RoutingInfo request();

  /**
   * The given percentile of recent request latencies, when the session records them.
   *
   * @param percentile between 0 (exclusive) and 100 (exclusive), e.g. 99.0
   * @return the latency, or empty while too few requests were recorded
   */
  default Optional<Duration> latencyPercentile(double percentile) {
    return Optional.empty();
  }
}
