package org.cql4j.session.internal.policy;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cql4j.session.Node;
import org.cql4j.session.policy.LatencyAwareness;

/**
 * Per-node decaying average latencies, and which nodes are too slow compared with the fastest.
 * Thread-safe: each node's figures are updated under their own lock; the fastest average is
 * recomputed at most every {@link LatencyAwareness#updateRate()} by whichever caller finds it
 * stale.
 */
public final class LatencyTracker {
  private final double threshold;
  private final long retryNanos;
  private final int minimumMeasurements;
  private final double scaleNanos;
  private final long updateNanos;
  private final Map<InetSocketAddress, Average> averages = new ConcurrentHashMap<>();
  private volatile double fastest = Double.MAX_VALUE;
  private volatile long fastestComputedAt;

  /**
   * Creates a tracker.
   *
   * @param settings the thresholds and time scales
   */
  public LatencyTracker(LatencyAwareness settings) {
    this.threshold = settings.exclusionThreshold();
    this.retryNanos = settings.retryPeriod().toNanos();
    this.minimumMeasurements = settings.minimumMeasurements();
    this.scaleNanos = settings.scale().toNanos();
    this.updateNanos = settings.updateRate().toNanos();
    this.fastestComputedAt = System.nanoTime() - updateNanos;
  }

  /**
   * Records one answer's latency.
   *
   * @param node the node that answered
   * @param latencyNanos how long the attempt took, in nanoseconds
   */
  public void record(Node node, long latencyNanos) {
    averages.computeIfAbsent(node.address(), a -> new Average()).add(latencyNanos, scaleNanos);
  }

  /**
   * Whether the node's recent average latency is more than the threshold times the fastest node's.
   *
   * @param node the node
   * @return true if it should be tried after the others
   */
  public boolean isPenalized(Node node) {
    Average average = averages.get(node.address());
    if (average == null) {
      return false;
    }
    long now = System.nanoTime();
    double fastestNow = fastest(now);
    synchronized (average) {
      return average.count >= minimumMeasurements
          && now - average.updatedAt < retryNanos
          && average.value > threshold * fastestNow;
    }
  }

  private double fastest(long now) {
    if (now - fastestComputedAt < updateNanos) {
      return fastest;
    }
    double min = Double.MAX_VALUE;
    for (Average a : averages.values()) {
      synchronized (a) {
        if (a.count >= minimumMeasurements && now - a.updatedAt < retryNanos) {
          min = Math.min(min, a.value);
        }
      }
    }
    fastest = min;
    fastestComputedAt = now;
    return min;
  }

  /** A decaying average: the weight of the past falls with the time since the last update. */
  private static final class Average {
    double value;
    long count;
    long updatedAt;

    synchronized void add(long nanos, double scaleNanos) {
      long now = System.nanoTime();
      if (count == 0) {
        value = nanos;
      } else {
        double keep = Math.exp(-Math.max(0, now - updatedAt) / scaleNanos);
        value = keep * value + (1 - keep) * nanos;
      }
      count++;
      updatedAt = now;
    }
  }
}
