package org.cql4j.session.observability;

/** Which latencies a {@link LatencySnapshot} covers. */
public enum LatencyWindow {
  /** The last one to two minutes: the minute in progress and the one before it. */
  RECENT,
  /** Every latency since the session started. */
  LIFETIME
}
