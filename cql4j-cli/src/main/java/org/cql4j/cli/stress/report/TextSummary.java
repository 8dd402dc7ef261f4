package org.cql4j.cli.stress.report;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a {@link StressReport} as the end-of-run summary. Stateless, thread-safe. */
public final class TextSummary {

  private TextSummary() {}

  /**
   * Prints the summary.
   *
   * @param r the report
   * @param out where to print
   */
  public static void print(StressReport r, PrintWriter out) {
    out.println();
    out.printf(Locale.ROOT, "Workload    %s%n", r.workload());
    out.printf(Locale.ROOT, "Target      %s%n", r.target());
    out.printf(Locale.ROOT, "Settings    %s%n", r.settings());
    out.printf(Locale.ROOT, "Measured    %s%n", r.measured());
    if (!r.requestsByNode().isEmpty()) {
      out.printf(Locale.ROOT, "Requests    %s%n", r.requests());
    }
    out.println();
    StringBuilder header =
        new StringBuilder(
            String.format(
                Locale.ROOT, "%-12s %12s %10s %9s", "operation", "op/s", "errors", "mean"));
    for (double p : Latency.PERCENTILES) {
      header.append(String.format(Locale.ROOT, " %9s", Latency.label(p)));
    }
    out.println(header.append("   (latency in ms)"));
    row(out, r.all());
    if (r.operations().size() > 1) {
      for (StressReport.OperationResult op : r.operations()) {
        row(out, op);
      }
    }
    if (!r.errors().isEmpty()) {
      out.println();
      out.println("Errors");
      r.errors()
          .forEach(
              (kind, e) ->
                  out.printf(Locale.ROOT, "  %,10d  %s (e.g. %s)%n", e.count(), kind, e.example()));
    }
    out.flush();
  }

  private static void row(PrintWriter out, StressReport.OperationResult op) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-12s %,12.0f %,10d %9.3f",
                op.name(),
                op.throughput(),
                op.errors(),
                op.latency().mean() / 1000));
    for (double p : Latency.PERCENTILES) {
      line.append(String.format(Locale.ROOT, " %9.3f", op.latency().at(p) / 1000));
    }
    out.println(line);
  }
}
