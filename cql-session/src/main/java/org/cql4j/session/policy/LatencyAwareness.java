package org.cql4j.session.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of latency awareness in {@link DefaultLoadBalancingPolicy} (the Rust driver's {@code
 * LatencyAwarenessBuilder}): a node whose average latency is more than {@code exclusionThreshold}
 * times the fastest node's is tried after the others, until its figures are older than {@code
 * retryPeriod}. Immutable and thread-safe.
 *
 * <p>Off by default: with uneven replicas it can concentrate load on the fastest node, and one slow
 * request can keep a node out for the retry period. Turn it on when one node's stalls should not
 * cost the other requests.
 */
public final class LatencyAwareness {
  private final double exclusionThreshold;
  private final Duration retryPeriod;
  private final int minimumMeasurements;
  private final Duration scale;
  private final Duration updateRate;

  private LatencyAwareness(Builder b) {
    this.exclusionThreshold = b.exclusionThreshold;
    this.retryPeriod = b.retryPeriod;
    this.minimumMeasurements = b.minimumMeasurements;
    this.scale = b.scale;
    this.updateRate = b.updateRate;
  }

  /** A builder with the defaults: threshold 2.0, retry period 10 s, 50 measurements. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many times slower than the fastest node a node must be to be tried last. */
  public double exclusionThreshold() {
    return exclusionThreshold;
  }

  /** How long a penalized node stays penalized without new measurements. */
  public Duration retryPeriod() {
    return retryPeriod;
  }

  /** How many answers a node needs before its average counts. */
  public int minimumMeasurements() {
    return minimumMeasurements;
  }

  /** The time scale of the decaying average: older measurements weigh less. */
  public Duration scale() {
    return scale;
  }

  /** How often the fastest node's average is recomputed. */
  public Duration updateRate() {
    return updateRate;
  }

  @Override
  public String toString() {
    return "LatencyAwareness[threshold="
        + exclusionThreshold
        + ", retryPeriod="
        + retryPeriod
        + ", minimumMeasurements="
        + minimumMeasurements
        + "]";
  }

  /** Builds {@link LatencyAwareness}; not thread-safe. */
  public static final class Builder {
    private double exclusionThreshold = 2.0;
    private Duration retryPeriod = Duration.ofSeconds(10);
    private int minimumMeasurements = 50;
    private Duration scale = Duration.ofMillis(100);
    private Duration updateRate = Duration.ofMillis(100);

    private Builder() {}

    /**
     * How many times slower than the fastest node a node must be to be tried last. Default 2.0.
     *
     * @param threshold at least 1
     * @return this builder
     */
    public Builder exclusionThreshold(double threshold) {
      if (!(threshold >= 1.0)) {
        throw new IllegalArgumentException("exclusionThreshold must be >= 1, not " + threshold);
      }
      this.exclusionThreshold = threshold;
      return this;
    }

    /**
     * How long a penalized node stays penalized without new measurements; then it gets requests
     * again, so that a node that recovered is measured anew. Default 10 s.
     *
     * @param period a positive duration
     * @return this builder
     */
    public Builder retryPeriod(Duration period) {
      this.retryPeriod = positive(period, "retryPeriod");
      return this;
    }

    /**
     * How many answers a node needs before its average counts. Default 50.
     *
     * @param measurements at least 1
     * @return this builder
     */
    public Builder minimumMeasurements(int measurements) {
      if (measurements < 1) {
        throw new IllegalArgumentException("minimumMeasurements must be >= 1, not " + measurements);
      }
      this.minimumMeasurements = measurements;
      return this;
    }

    /**
     * The time scale of the decaying average: a measurement weighs less the longer ago it was.
     * Default 100 ms.
     *
     * @param scale a positive duration
     * @return this builder
     */
    public Builder scale(Duration scale) {
      this.scale = positive(scale, "scale");
      return this;
    }

    /**
     * How often the fastest node's average is recomputed. Default 100 ms.
     *
     * @param rate a positive duration
     * @return this builder
     */
    public Builder updateRate(Duration rate) {
      this.updateRate = positive(rate, "updateRate");
      return this;
    }

    /** Builds the settings. */
    public LatencyAwareness build() {
      return new LatencyAwareness(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, not " + d);
      }
      return d;
    }
  }
}
