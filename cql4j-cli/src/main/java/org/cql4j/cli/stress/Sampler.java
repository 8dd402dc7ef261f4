package org.cql4j.cli.stress;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.cql4j.cli.stress.report.Latency;
import org.cql4j.cli.stress.report.StressReport.OperationResult;
import org.cql4j.cli.stress.report.StressReport.Sample;

/**
 * Turns a run's meters into one sample a second and, once measuring, into totals per operation. Not
 * thread-safe: the run's main thread owns it.
 */
final class Sampler {
  private final OperationMeters meters;
  private final List<String> names;
  private final Histogram[] totals;
  private final Histogram totalAll = histogram();
  private final Histogram interval = histogram();
  private final long[] errorsBefore;
  private final long[] measuredErrors;
  private final List<Sample> series = new ArrayList<>();

  Sampler(OperationMeters meters, List<String> names) {
    this.meters = meters;
    this.names = List.copyOf(names);
    this.totals = new Histogram[names.size()];
    this.errorsBefore = new long[names.size()];
    this.measuredErrors = new long[names.size()];
    for (int i = 0; i < totals.length; i++) {
      totals[i] = histogram();
    }
  }

  private static Histogram histogram() {
    return new Histogram(1, OperationMeters.MAX_LATENCY_NANOS, 3);
  }

  /**
   * Takes what the operations recorded since the previous call.
   *
   * @param second when the sample ends, in seconds since the measurement began
   * @param elapsedSeconds the length of the sample
   * @param measuring whether it counts in the results (false during the warm-up)
   * @param inSeries whether it is one of the series' samples (false for the short tail after the
   *     last full second, which only adds to the totals)
   * @return the sample
   */
  Sample sample(double second, double elapsedSeconds, boolean measuring, boolean inSeries) {
    interval.reset();
    long errors = 0;
    for (int op = 0; op < totals.length; op++) {
      Histogram taken = meters.takeInterval(op);
      interval.add(taken);
      long errorsNow = meters.errors(op);
      long delta = errorsNow - errorsBefore[op];
      errorsBefore[op] = errorsNow;
      errors += delta;
      if (measuring) {
        totals[op].add(taken);
        measuredErrors[op] += delta;
      }
    }
    if (measuring) {
      totalAll.add(interval);
    }
    Latency l = Latency.of(interval);
    Sample sample =
        new Sample(
            second,
            interval.getTotalCount() / Math.max(elapsedSeconds, 1e-9),
            errors,
            l.at(50),
            l.at(99),
            l.at(100));
    if (measuring && inSeries) {
      series.add(sample);
    }
    return sample;
  }

  /** The measured samples. */
  List<Sample> series() {
    return series;
  }

  /** The totals of every operation together over {@code seconds} of measurement. */
  OperationResult all(double seconds) {
    long errors = 0;
    for (long e : measuredErrors) {
      errors += e;
    }
    return result("all", totalAll, errors, seconds);
  }

  /** The totals of each operation over {@code seconds} of measurement. */
  List<OperationResult> operations(double seconds) {
    List<OperationResult> results = new ArrayList<>();
    for (int op = 0; op < totals.length; op++) {
      results.add(result(names.get(op), totals[op], measuredErrors[op], seconds));
    }
    return results;
  }

  private static OperationResult result(String name, Histogram h, long errors, double seconds) {
    return new OperationResult(
        name, h.getTotalCount(), errors, h.getTotalCount() / seconds, Latency.of(h));
  }
}
