package org.cql4j.cli.stress;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cql4j.cli.stress.report.Latency;
import org.cql4j.cli.stress.report.ReportJson;
import org.cql4j.cli.stress.report.StressReport;
import org.cql4j.cli.stress.report.StressReport.OperationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cql4j stress compare a.json b.json}: two runs side by side, with the ratio B / A of each
 * figure. Not thread-safe; one comparison per instance.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Compares two JSON reports of 'stress --json': B / A for every figure.")
public final class CompareCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "The baseline report.")
  private Path a;

  @Parameters(index = "1", paramLabel = "B", description = "The report compared with A.")
  private Path b;

  /** Creates the command; picocli fills it. */
  public CompareCommand() {}

  @Override
  public Integer call() throws Exception {
    StressReport ra = read(a);
    StressReport rb = read(b);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "A  %s: %s, %s%n", a, ra.workload(), ra.settings());
    out.printf(Locale.ROOT, "B  %s: %s, %s%n", b, rb.workload(), rb.settings());
    print(out, ra.all(), rb.all());
    line(out, "CPU per op (µs)", ra.cpuMicrosPerOp(), rb.cpuMicrosPerOp(), 2);
    for (OperationResult opA : ra.operations()) {
      for (OperationResult opB : rb.operations()) {
        if (opA.name().equals(opB.name()) && ra.operations().size() > 1) {
          print(out, opA, opB);
        }
      }
    }
    out.flush();
    return 0;
  }

  private static StressReport read(Path path) throws java.io.IOException {
    try {
      return ReportJson.read(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  private static void print(PrintWriter out, OperationResult a, OperationResult b) {
    out.printf(Locale.ROOT, "%n%-22s %14s %14s %8s%n", a.name(), "A", "B", "B / A");
    line(out, "throughput (op/s)", a.throughput(), b.throughput(), 0);
    line(out, "errors", a.errors(), b.errors(), 0);
    line(out, "latency mean (ms)", a.latency().mean() / 1000, b.latency().mean() / 1000, 3);
    for (double p : Latency.PERCENTILES) {
      line(
          out,
          "latency " + Latency.label(p) + " (ms)",
          a.latency().at(p) / 1000,
          b.latency().at(p) / 1000,
          3);
    }
  }

  private static void line(PrintWriter out, String figure, double a, double b, int decimals) {
    String ratio = a == 0 ? (b == 0 ? "1.00" : "-") : String.format(Locale.ROOT, "%.2f", b / a);
    String number = "%,14." + decimals + "f";
    out.printf(Locale.ROOT, "  %-20s " + number + " " + number + " %8s%n", figure, a, b, ratio);
  }
}
