package org.cql4j.cli.stress.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution reduced to the figures a report shows, in microseconds. Immutable,
 * thread-safe.
 *
 * @param count how many operations it covers
 * @param mean the mean
 * @param percentiles the value at each percentile of {@link #PERCENTILES} (100 is the maximum)
 */
public record Latency(long count, double mean, Map<Double, Double> percentiles) {

  /** The percentiles every report gives. */
  public static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99, 100};

  /** Copies the map, keeping its order; thread-safe. */
  public Latency {
    percentiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(percentiles));
  }

  /**
   * Reduces a histogram of nanoseconds.
   *
   * @param nanos the histogram
   * @return the figures in microseconds
   */
  public static Latency of(Histogram nanos) {
    Map<Double, Double> values = new LinkedHashMap<>();
    for (double p : PERCENTILES) {
      long v = p == 100 ? nanos.getMaxValue() : nanos.getValueAtPercentile(p);
      values.put(p, nanos.getTotalCount() == 0 ? 0 : v / 1000.0);
    }
    double mean = nanos.getTotalCount() == 0 ? 0 : nanos.getMean() / 1000.0;
    return new Latency(nanos.getTotalCount(), mean, values);
  }

  /** The value at percentile {@code p} (one of {@link #PERCENTILES}), in microseconds. */
  public double at(double p) {
    Double v = percentiles.get(p);
    if (v == null) {
      throw new IllegalArgumentException("no percentile " + p + " in this report");
    }
    return v;
  }

  /** A percentile's label, e.g. {@code p99.9} or {@code max}. */
  public static String label(double p) {
    if (p == 100) {
      return "max";
    }
    return p == Math.rint(p) ? "p" + (long) p : "p" + p;
  }
}
