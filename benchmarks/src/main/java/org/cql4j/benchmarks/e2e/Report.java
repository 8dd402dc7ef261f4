package org.cql4j.benchmarks.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Formats the end-to-end results, statelessly and thread-safely: one line per measured run, then
 * the medians as a Markdown table (workload, concurrency, metric, one column per driver, and
 * cql4j/java when both ran).
 */
final class Report {
  /** A reported figure: its label, how to read it from a run, and how many decimals to show. */
  private record Metric(String label, ToDoubleFunction<RunResult> value, int decimals) {}

  private static final List<Metric> METRICS =
      List.of(
          new Metric("throughput (ops/s)", RunResult::throughput, 0),
          new Metric("CPU per op (µs)", RunResult::cpuMicrosPerOp, 1),
          new Metric("allocated per op (bytes)", RunResult::bytesPerOp, 0),
          new Metric("latency p50 (µs)", r -> r.p50Nanos() / 1e3, 1),
          new Metric("latency p99 (µs)", r -> r.p99Nanos() / 1e3, 1),
          new Metric("latency p99.9 (µs)", r -> r.p999Nanos() / 1e3, 1));

  private Report() {}

  /** The header of the per-run lines. */
  static String runHeader() {
    return "run,driver,workload,concurrency,ops_per_s,cpu_us_per_op,bytes_per_op,p50_us,p99_us,"
        + "p999_us,errors,threads_died";
  }

  /** One run as a CSV line. */
  static String runLine(int run, RunResult r) {
    return String.format(
        Locale.ROOT,
        "%d,%s,%s,%d,%.0f,%.2f,%.0f,%.1f,%.1f,%.1f,%d,%d",
        run,
        r.driver(),
        r.workload().cliName(),
        r.concurrency(),
        r.throughput(),
        r.cpuMicrosPerOp(),
        r.bytesPerOp(),
        r.p50Nanos() / 1e3,
        r.p99Nanos() / 1e3,
        r.p999Nanos() / 1e3,
        r.errors(),
        r.threadsDied());
  }

  /**
   * The medians table.
   *
   * @param o the options (workloads, concurrencies and drivers, in order)
   * @param results every run's result
   * @return the Markdown table
   */
  static String medians(Options o, List<RunResult> results) {
    boolean ratio = o.drivers().contains("java") && o.drivers().contains("cql4j");
    StringBuilder out = new StringBuilder("| workload | concurrency | metric |");
    StringBuilder rule = new StringBuilder("|---|---:|---|");
    for (String d : o.drivers()) {
      out.append(' ').append(d.equals("java") ? "Java driver" : d).append(" |");
      rule.append("---:|");
    }
    if (ratio) {
      out.append(" cql4j / Java driver |");
      rule.append("---:|");
    }
    out.append('\n').append(rule).append('\n');
    for (Workload w : o.workloads()) {
      for (int c : o.concurrencies()) {
        for (Metric m : METRICS) {
          out.append("| ").append(w.cliName()).append(" | ").append(c).append(" | ");
          out.append(m.label()).append(" |");
          for (String d : o.drivers()) {
            out.append(' ').append(format(median(results, w, c, d, m), m.decimals())).append(" |");
          }
          if (ratio) {
            double r = median(results, w, c, "cql4j", m) / median(results, w, c, "java", m);
            out.append(' ').append(format(r, 2)).append(" |");
          }
          out.append('\n');
        }
      }
    }
    return out.toString();
  }

  /** The median of a metric over the runs of one (workload, concurrency, driver); NaN if none. */
  static double median(List<RunResult> results, Workload w, int c, String driver, Metric m) {
    List<Double> values = new ArrayList<>();
    for (RunResult r : results) {
      if (r.workload() == w && r.concurrency() == c && r.driver().equals(driver)) {
        values.add(m.value().applyAsDouble(r));
      }
    }
    return median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static String format(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }
}
