package org.cql4j.cli.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.cli.Cql4jCli;
import org.cql4j.cli.stress.report.ReportJson;
import org.cql4j.cli.stress.report.StressReport;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The stress tool against a real node: short runs, their reports written and read back. */
@CassandraTest
class StressIT {

  /** The output and exit code of one command line. */
  private record Run(int exitCode, String out, String err) {}

  private static Run cli(String... args) {
    CommandLine line = Cql4jCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code = line.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static List<String> args(TestCluster cassandra, String... more) {
    List<String> args = new ArrayList<>(List.of("stress"));
    args.addAll(List.of(more));
    args.add("--host");
    args.add(String.join(",", cassandra.contactPoints()));
    return args;
  }

  @Test
  void aTimedRunPrintsProgressAndWritesReportsThatReadBack(TestCluster cassandra, @TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("kv.json");
    Path html = dir.resolve("kv.html");
    Run run =
        cli(
            args(
                    cassandra,
                    "kv",
                    "-d",
                    "3s",
                    "-c",
                    "16",
                    "--seed",
                    "7",
                    "--json",
                    json.toString(),
                    "--html",
                    html.toString())
                .toArray(String[]::new));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    // a progress line a second, then the summary
    assertThat(run.out().lines().filter(l -> l.contains(" op/s  errors ")).count())
        .isGreaterThanOrEqualTo(3);
    assertThat(run.out()).contains("Workload    kv", "operation", "p99.9", "write", "read");

    StressReport report = ReportJson.read(Files.readString(json, StandardCharsets.UTF_8));
    assertThat(report.workload()).isEqualTo("kv");
    assertThat(report.seconds()).isBetween(3.0, 4.0);
    assertThat(report.all().errors()).isZero();
    assertThat(report.all().ops()).isPositive();
    assertThat(report.operations())
        .extracting(StressReport.OperationResult::name)
        .containsExactly("write", "read");
    long write = report.operations().get(0).ops();
    long read = report.operations().get(1).ops();
    assertThat(write + read).isEqualTo(report.all().ops());
    assertThat((double) read / write).as("weights 1:4").isBetween(3.0, 5.0);
    assertThat(report.all().latency().at(50)).isPositive();
    assertThat(report.all().latency().at(99)).isGreaterThanOrEqualTo(report.all().latency().at(50));
    assertThat(report.series()).hasSizeBetween(3, 4);
    assertThat(report.rows()).as("reads of written keys find rows").isPositive();
    assertThat(report.cpuMicrosPerOp()).isPositive();
    // one node, replication factor 1: every sampled request went to the partition's replica
    assertThat(report.settings()).contains("seed 7", "token-aware: 100.0 % of");
    assertThat(report.requestsByNode()).hasSize(1);
    assertThat(report.requestsByNode().values().iterator().next()).isEqualTo(100.0);

    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page).contains("<h1>cql4j stress: kv</h1>", "Throughput", "Latency by percentile");
    assertThat(page.split("<polyline", -1)).hasSize(1 + 1 + 3 + 2);
  }

  @Test
  void aCountedRateLimitedRunDoesExactlyItsOperationsAndCompares(
      TestCluster cassandra, @TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    Run first =
        cli(
            args(cassandra, "kv", "-n", "600", "-r", "500", "--json", a.toString())
                .toArray(String[]::new));
    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    StressReport report = ReportJson.read(Files.readString(a, StandardCharsets.UTF_8));
    assertThat(report.all().ops() + report.all().errors()).isEqualTo(600);
    assertThat(report.seconds()).as("600 operations at 500/s").isGreaterThanOrEqualTo(1.19);
    assertThat(report.settings()).startsWith("rate 500 op/s");

    Run second =
        cli(
            args(cassandra, "kv", "-n", "300", "--skip-schema", "--json", b.toString())
                .toArray(String[]::new));
    assertThat(second.exitCode()).as(second.out() + second.err()).isZero();

    Run compare = cli("stress", "compare", a.toString(), b.toString());
    assertThat(compare.exitCode()).as(compare.err()).isZero();
    assertThat(compare.out())
        .contains("throughput (op/s)", "latency p99 (ms)", "B / A", "CPU per op (µs)");
  }

  @Test
  void aWorkloadMistakeIsOneLineNamingItsLine(TestCluster cassandra, @TempDir Path dir)
      throws Exception {
    Path script = dir.resolve("bad.cql");
    Files.writeString(
        script,
        "CREATE KEYSPACE IF NOT EXISTS cql4j_stress WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 1};\n"
            + "CREATE TABLE IF NOT EXISTS cql4j_stress.kv (key bigint PRIMARY KEY, value text);\n"
            + "@gen key = uniform(1, 10);\n"
            + "@op read = SELECT value FROM cql4j_stress.kv\n"
            + "  WHERE key = :key AND value = :value ALLOW FILTERING;\n");
    Run run = cli(args(cassandra, script.toString(), "-n", "10").toArray(String[]::new));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo(
            "Error: WorkloadException: workload line 4: operation 'read': bind marker 'value'"
                + " (text) has no generator; add '@gen value = ...;'");

    Run unknownTable =
        cli(args(cassandra, script.toString(), "-n", "10", "--skip-schema").toArray(String[]::new));
    assertThat(unknownTable.exitCode()).isEqualTo(1);
    assertThat(unknownTable.err()).doesNotContain("\tat ");
  }
}
