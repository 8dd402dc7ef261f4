package org.cql4j.benchmarks.e2e;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cql4j.cli.Cql4jCli;
import org.cql4j.cli.stress.report.ReportJson;
import org.cql4j.cli.stress.report.StressReport;

/**
 * Measures {@code cql4j stress} against the end-to-end benchmark, in one run against the same
 * target (docs/performance.md, "The stress tool"): the throughput the tool drives with the {@code
 * items} workload (the end-to-end insert's table and seven columns, every value generated) next to
 * the end-to-end benchmark's cql4j insert, and the tool's own cost per operation in no-op mode,
 * with those seven columns and with only the two key columns. Each child JVM gets the end-to-end
 * benchmark's flags; the order of the children rotates from run to run. Not thread-safe; a main.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.cql4j.benchmarks.e2e.StressToolComparison \
 *     --target null --concurrency 64,1024 --runs 3 --warmup-seconds 5 --measure-seconds 10
 * </pre>
 */
public final class StressToolComparison {
  private static final String KEYS_WORKLOAD =
      "@gen pk = uniform(0, 9999);\n@gen ck = seq(0, 99);\n"
          + "@op insert = INSERT INTO bench.items (pk, ck) VALUES (:pk, :ck);\n";

  private static final List<String> MODES =
      List.of("end-to-end", "stress items", "no-op items", "no-op keys");

  private StressToolComparison() {}

  /**
   * Runs the comparison and prints a table of medians.
   *
   * @param args the end-to-end benchmark's options ({@code --target}, {@code --concurrency}, {@code
   *     --runs}, {@code --warmup-seconds}, {@code --measure-seconds}, {@code --jvm-flags})
   * @throws Exception if the target cannot be started or a child fails
   */
  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Path keys = Files.createTempFile("cql4j-stress-keys", ".cql");
    Files.writeString(keys, KEYS_WORKLOAD, StandardCharsets.UTF_8);
    // mode -> concurrency -> {throughput, CPU per op} per run
    Map<String, Map<Integer, List<double[]>>> results = new LinkedHashMap<>();
    try (Target target = Target.start(o)) {
      System.out.println("# cql4j stress against the end-to-end benchmark");
      System.out.println("# target: " + target.description());
      System.out.println("# child JVM flags: " + String.join(" ", o.jvmFlags()));
      System.out.println("# " + o.placement());
      for (int run = 1; run <= o.runs(); run++) {
        for (int c : o.concurrencies()) {
          for (String mode : EndToEnd.order(MODES, run)) {
            double[] figures =
                mode.equals("end-to-end")
                    ? endToEnd(o, target, c)
                    : stress(
                        o,
                        target,
                        c,
                        mode.endsWith("keys") ? keys.toString() : "items",
                        mode.startsWith("no-op"));
            System.out.printf(
                Locale.ROOT,
                "run %d, %s, %d in flight: %,.0f op/s, %.3f µs CPU per op%n",
                run,
                mode,
                c,
                figures[0],
                figures[1]);
            results
                .computeIfAbsent(mode, m -> new LinkedHashMap<>())
                .computeIfAbsent(c, k -> new ArrayList<>())
                .add(figures);
          }
        }
      }
    } finally {
      Files.deleteIfExists(keys);
    }
    System.out.println();
    System.out.println("Medians over " + o.runs() + " run(s):");
    System.out.println();
    System.out.println(
        "| in flight | end-to-end op/s | stress op/s | stress / end-to-end | end-to-end CPU/op (µs)"
            + " | stress CPU/op (µs) | no-op items (µs) | no-op keys (µs)"
            + " | no-op items / end-to-end CPU | no-op keys / end-to-end CPU |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int c : o.concurrencies()) {
      double e2eOps = median(results, "end-to-end", c, 0);
      double e2eCpu = median(results, "end-to-end", c, 1);
      double stressOps = median(results, "stress items", c, 0);
      double noopItems = median(results, "no-op items", c, 1);
      double noopKeys = median(results, "no-op keys", c, 1);
      System.out.printf(
          Locale.ROOT,
          "| %d | %,.0f | %,.0f | %.2f | %.2f | %.2f | %.3f | %.3f | %.1f %% | %.1f %% |%n",
          c,
          e2eOps,
          stressOps,
          stressOps / e2eOps,
          e2eCpu,
          median(results, "stress items", c, 1),
          noopItems,
          noopKeys,
          100 * noopItems / e2eCpu,
          100 * noopKeys / e2eCpu);
    }
  }

  private static double median(
      Map<String, Map<Integer, List<double[]>>> results, String mode, int c, int figure) {
    List<double[]> runs = results.getOrDefault(mode, Map.of()).getOrDefault(c, List.of());
    return Report.median(runs.stream().mapToDouble(r -> r[figure]).toArray());
  }

  private static double[] endToEnd(Options o, Target target, int c)
      throws IOException, InterruptedException {
    RunResult r = EndToEnd.runChild(o, target, "cql4j", Workload.named("insert"), c);
    double seconds = r.elapsedNanos() / 1e9;
    long ops = r.ops() + r.errors();
    return new double[] {r.ops() / seconds, r.cpuNanos() / 1000.0 / ops};
  }

  private static double[] stress(Options o, Target target, int c, String workload, boolean noop)
      throws IOException, InterruptedException {
    Path json = Files.createTempFile("cql4j-stress", ".json");
    try {
      List<String> command = new ArrayList<>(CpuPinning.prefix(o.clientCpus()));
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(o.jvmFlags());
      command.addAll(
          List.of("-cp", System.getProperty("java.class.path"), Cql4jCli.class.getName()));
      command.addAll(
          List.of(
              "stress",
              workload,
              "--skip-schema",
              "--host",
              Options.endpointList(target.contactPoints()),
              "--concurrency",
              Integer.toString(c),
              "--warmup",
              o.warmupSeconds() + "s",
              "--duration",
              o.measureSeconds() + "s",
              "--seed",
              "1",
              "--json",
              json.toString()));
      if (noop) {
        command.add("--no-op");
      }
      target.beforeRun();
      Process child =
          new ProcessBuilder(command)
              .redirectOutput(Redirect.DISCARD)
              .redirectError(Redirect.INHERIT)
              .start();
      long limit = o.warmupSeconds() + o.measureSeconds() + 120L;
      if (!child.waitFor(limit, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor();
        throw new IllegalStateException("cql4j stress did not finish within " + limit + " s");
      }
      if (child.exitValue() != 0) {
        throw new IllegalStateException("cql4j stress exited with " + child.exitValue());
      }
      StressReport report = ReportJson.read(Files.readString(json, StandardCharsets.UTF_8));
      return new double[] {report.all().throughput(), report.cpuMicrosPerOp()};
    } finally {
      Files.deleteIfExists(json);
    }
  }
}
