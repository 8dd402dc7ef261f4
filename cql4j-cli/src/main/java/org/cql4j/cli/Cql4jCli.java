package org.cql4j.cli;

import org.cql4j.cli.shell.ShellCommand;
import org.cql4j.cli.stress.StressCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cql4j} command, the runnable jar's entry point: {@code stress} and {@code shell} as
 * subcommands. Not thread-safe; one per process.
 *
 * <pre>
 * java -jar cql4j-cli.jar stress workload.cql --duration 30s --concurrency 256
 * java -jar cql4j-cli.jar shell --host 127.0.0.1:9042
 * </pre>
 */
@Command(
    name = "cql4j",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Tools built on the cql4j driver for ScyllaDB and Apache Cassandra.",
    subcommands = {StressCommand.class, ShellCommand.class})
public final class Cql4jCli {

  private Cql4jCli() {}

  /**
   * Runs the command line and exits with its code: 0 on success, 1 when the command failed, 2 for a
   * usage error.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns its exit code, for tests and embedding.
   *
   * @param args the command line
   * @return 0 on success, 1 when the command failed, 2 for a usage error
   */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured picocli command line (usage errors print the usage, failures one line). */
  public static CommandLine commandLine() {
    CommandLine line = new CommandLine(new Cql4jCli());
    line.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println(cmd.getColorScheme().errorText("Error: " + Errors.describe(e)));
          return 1;
        });
    return line;
  }
}
