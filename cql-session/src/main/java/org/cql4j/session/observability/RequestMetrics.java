package org.cql4j.session.observability;

/**
 * The figures a session's {@link Metrics} and each node's {@link NodeMetrics} share. Always on,
 * updated without locks as requests run (counters that do not contend, a latency recorder per
 * session and per node); reading a figure is cheap and thread-safe. Counts are since the session
 * started.
 *
 * <p>Session figures count requests (a request may run several attempts: retries and speculative
 * executions); node figures count the attempts sent to that node. Latencies are in milliseconds,
 * from HdrHistogram with two significant digits.
 */
public interface RequestMetrics {

  /** Requests started (session) or attempts sent (node). */
  long queriesCount();

  /** Requests (session) or attempts (node) that failed, whatever the error. */
  long errorsCount();

  /**
   * Requests (session) or attempts (node) that failed with this kind of error.
   *
   * @param kind the kind
   * @return the count
   */
  long errorsCount(ErrorKind kind);

  /** Retries decided by the retry policy (node: after an error from that node). */
  long retriesCount();

  /**
   * Speculative executions started (node: attempts of speculative executions sent to that node).
   */
  long speculativeExecutionsCount();

  /** Requests (node: attempts) that ran out of their request timeout. */
  long requestTimeoutsCount();

  /** Requests (node: attempts) sent and not yet answered. */
  long requestsInFlight();

  /** Open pool connections (the control connection is not counted). */
  long connectionsOpen();

  /** Pool connections opened, in all. */
  long connectionsOpened();

  /** Pool connections closed, in all. */
  long connectionsClosed();

  /** Attempts to open a pool connection that ran out of the connect timeout. */
  long connectionTimeoutsCount();

  /** Bytes of CQL frames written to pool connections. */
  long bytesSent();

  /** Bytes of CQL frames read from pool connections. */
  long bytesReceived();

  /**
   * The latencies of successful requests (node: of attempts answered by that node).
   *
   * @param window the recent window or the lifetime
   * @return a snapshot
   */
  LatencySnapshot latency(LatencyWindow window);

  /** The average latency of the recent window, in milliseconds; 0 without requests. */
  default double latencyAverageMs() {
    return latency(LatencyWindow.RECENT).averageMs();
  }

  /**
   * A percentile of the recent window's latencies.
   *
   * @param percentile between 0 and 100, e.g. 99.0
   * @return the latency in milliseconds; 0 without requests
   */
  default double latencyPercentileMs(double percentile) {
    return latency(LatencyWindow.RECENT).percentileMs(percentile);
  }

  /** Queries per second since the session started. */
  double meanRate();

  /** Queries per second, an exponentially weighted moving average over one minute. */
  double oneMinuteRate();

  /** As {@link #oneMinuteRate()}, over five minutes. */
  double fiveMinuteRate();

  /** As {@link #oneMinuteRate()}, over fifteen minutes. */
  double fifteenMinuteRate();
}
