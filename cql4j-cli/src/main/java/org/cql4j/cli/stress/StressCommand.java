package org.cql4j.cli.stress;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.cql4j.cli.ConnectionOptions;
import org.cql4j.cli.DurationConverter;
import org.cql4j.cli.stress.report.HtmlReport;
import org.cql4j.cli.stress.report.ReportJson;
import org.cql4j.cli.stress.report.StressReport;
import org.cql4j.cli.stress.report.TextSummary;
import org.cql4j.session.Node;
import org.cql4j.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cql4j stress}: runs a workload script against a cluster and reports throughput and latency
 * (docs/cli.md). Not thread-safe; one run per instance.
 */
@Command(
    name = "stress",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a workload script (schema, @gen generators, @op operations) and measures it.",
      "WORKLOAD is a file, or a workload shipped in the jar: " + StressCommand.BUILT_IN_NAMES + "."
    },
    subcommands = CompareCommand.class)
public final class StressCommand implements Callable<Integer> {
  static final String BUILT_IN_NAMES = "kv, items";

  @Mixin private ConnectionOptions connection;

  @Spec private CommandSpec spec;

  // optional for picocli, so that "stress compare A B" parses; call() requires it
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "WORKLOAD",
      description = "The workload script.")
  private String workloadName;

  @Option(
      names = {"-d", "--duration"},
      converter = DurationConverter.class,
      description = "How long to measure, e.g. 30s or 5m (default: 10s unless --count is given).")
  private Duration duration;

  @Option(
      names = {"-n", "--count"},
      description = "How many operations to run, warm-up included (default: no limit).")
  private Long count;

  @Option(
      names = {"-c", "--concurrency"},
      defaultValue = "64",
      description = "The most operations in flight at once (default: ${DEFAULT-VALUE}).")
  private int concurrency;

  @Option(
      names = {"-r", "--rate"},
      defaultValue = "0",
      description =
          "Operations to start per second; 0 runs a closed loop, starting one as another"
              + " completes (default: ${DEFAULT-VALUE}).")
  private double rate;

  @Option(
      names = "--warmup",
      converter = DurationConverter.class,
      defaultValue = "0s",
      description = "Run this long before measuring (default: ${DEFAULT-VALUE}).")
  private Duration warmup;

  @Option(
      names = "--seed",
      description = "The generators' seed: the same seed gives the same values (default: random).")
  private Long seed;

  @Option(
      names = "--skip-schema",
      description = "Do not run the workload's schema statements (the tables exist already).")
  private boolean skipSchema;

  @Option(
      names = "--no-op",
      description =
          "Prepare the operations, then generate their values without sending them: measures the"
              + " tool's own cost per operation.")
  private boolean noop;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON.")
  private Path json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Write the report as an HTML page with charts.")
  private Path html;

  /** Creates the command; picocli fills it. */
  public StressCommand() {}

  @Override
  public Integer call() throws Exception {
    if (workloadName == null) {
      throw new ParameterException(spec.commandLine(), "Missing required parameter: 'WORKLOAD'");
    }
    Workload workload = WorkloadParser.parse(name(workloadName), readWorkload(workloadName));
    RunSettings settings =
        new RunSettings(
            concurrency,
            rate,
            count == null && duration == null ? Duration.ofSeconds(10) : duration,
            count == null ? Long.MAX_VALUE : count,
            warmup,
            seed == null ? ThreadLocalRandom.current().nextLong() : seed);
    PrintWriter out = spec.commandLine().getOut();
    try (Session session = connection.sessionBuilder().build()) {
      StressRun run = new StressRun(session, workload, settings, out);
      if (!skipSchema) {
        run.createSchema();
      }
      StressReport report = run.run(run.prepare(), noop, target(session));
      TextSummary.print(report, out);
      if (json != null) {
        Files.writeString(json, ReportJson.write(report), StandardCharsets.UTF_8);
        out.println("JSON report: " + json);
      }
      if (html != null) {
        Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
        out.println("HTML report: " + html);
      }
      out.flush();
      return report.errors().isEmpty() ? 0 : 1; // an error in the warm-up counts too
    }
  }

  private String target(Session session) {
    long up = session.getClusterState().nodes().stream().filter(Node::isUp).count();
    return String.format(
        Locale.ROOT,
        "%s: %d node(s) up in %s, protocol %s",
        String.join(",", connection.contactPoints()),
        up,
        session.getClusterState().datacenters(),
        session.getProtocolVersion());
  }

  private static String name(String workload) {
    String file = Path.of(workload).getFileName().toString();
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  /** The script's text: the file, or else a workload shipped in the jar by that name. */
  static String readWorkload(String workload) throws IOException {
    Path path = Path.of(workload);
    if (Files.isRegularFile(path)) {
      return Files.readString(path, StandardCharsets.UTF_8);
    }
    try (InputStream in =
        StressCommand.class.getResourceAsStream("workloads/" + workload + ".cql")) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no workload file '"
                + workload
                + "' (and no built-in workload by that name; built in: "
                + BUILT_IN_NAMES
                + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
