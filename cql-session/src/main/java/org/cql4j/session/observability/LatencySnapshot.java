package org.cql4j.session.observability;

/**
 * The latencies of a {@link LatencyWindow}, copied when asked for; immutable. Values in
 * milliseconds, with two significant digits (HdrHistogram).
 */
public interface LatencySnapshot {

  /** How many latencies were recorded. */
  long count();

  /** Their average; 0 when none. */
  double averageMs();

  /** The largest; 0 when none. */
  double maxMs();

  /**
   * A percentile.
   *
   * @param percentile between 0 and 100
   * @return the latency at that percentile; 0 when none
   */
  double percentileMs(double percentile);
}
