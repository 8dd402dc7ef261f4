package org.cql4j.cli.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cql4j.cli.ConnectionOptions;
import org.cql4j.session.Session;
import org.cql4j.session.SessionBuilder;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cql4j shell}: an interactive CQL shell on a JLine terminal, or the statements of {@code
 * -e} or {@code -f} run without one. Not thread-safe; picocli fills and calls it on the main
 * thread.
 */
@Command(
    name = "shell",
    mixinStandardHelpOptions = true,
    description = {
      "An interactive CQL shell: multi-line statements ending at ';', history, tab completion of"
          + " keywords and schema names, paged result tables, DESCRIBE, TRACING, CONSISTENCY.",
      "Type HELP in the shell for its commands."
    })
public final class ShellCommand implements Callable<Integer> {

  @Mixin private ConnectionOptions connection;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-e", "--execute"},
      paramLabel = "STATEMENTS",
      description = "Run these statements (separated by ';') and exit; exit code 1 if one failed.")
  private String execute;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Run the statements of this file and exit; exit code 1 if one failed.")
  private Path file;

  @Option(
      names = {"-k", "--keyspace"},
      description = "Use this keyspace from the start.")
  private String keyspace;

  @Option(
      names = "--page-size",
      description = "Rows per page of a result (default: ${DEFAULT-VALUE}); see PAGING.",
      defaultValue = "100")
  private int pageSize;

  @Option(
      names = "--history-file",
      description = "Where to keep the statement history (default: ~/.cql4j_history).")
  private Path historyFile;

  /** Creates the command; picocli calls this. */
  public ShellCommand() {}

  /**
   * Connects, then runs {@code -e}, {@code -f} or the interactive shell.
   *
   * @return 0, or 1 if a statement of {@code -e} or {@code -f} failed
   * @throws IOException if the terminal cannot be opened
   */
  @Override
  public Integer call() throws IOException {
    if (execute != null && file != null) {
      throw new IllegalArgumentException("give -e or -f, not both");
    }
    ShellSettings settings = new ShellSettings(connection.consistency(), pageSize);
    SessionBuilder builder = connection.sessionBuilder();
    if (keyspace != null) {
      builder.useKeyspace(keyspace, false);
    }
    try (Session session = builder.build()) {
      if (execute != null || file != null) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Shell shell = new Shell(session, settings, out, err, null);
        boolean ok = execute != null ? shell.runScript(execute) : shell.runFile(file);
        out.flush();
        return ok ? 0 : 1;
      }
      try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
        boolean interactive = !terminal.getType().startsWith(Terminal.TYPE_DUMB);
        runInteractive(session, settings, terminal, history(), interactive);
        return 0;
      }
    }
  }

  /**
   * Runs the interactive shell on a terminal until {@code EXIT} or end of input.
   *
   * @param session the session
   * @param settings the shell's settings
   * @param terminal the terminal to read from and write to
   * @param historyFile where the history is kept
   * @param askForMore whether to ask {@code --More--} between pages
   * @return true if every statement succeeded
   */
  static boolean runInteractive(
      Session session,
      ShellSettings settings,
      Terminal terminal,
      Path historyFile,
      boolean askForMore) {
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("cql4j")
            .completer(new SchemaCompleter(session))
            .variable(LineReader.HISTORY_FILE, historyFile)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.CASE_INSENSITIVE, true)
            .build();
    PrintWriter out = terminal.writer();
    Shell shell = new Shell(session, settings, out, out, askForMore ? () -> more(reader) : null);
    out.println(
        "Connected to "
            + String.join(
                ", ",
                session.getClusterState().nodes().stream()
                    .map(n -> n.address().getHostString() + ":" + n.address().getPort())
                    .toList())
            + " (protocol "
            + session.getProtocolVersion()
            + "). Type HELP for help, EXIT to leave.");
    out.flush();
    boolean ok = shell.runInteractive(reader);
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      out.println("Warning: the history could not be saved: " + e.getMessage());
    }
    out.flush();
    return ok;
  }

  /** Asks {@code --More--}: Enter shows the next page, q (or Ctrl-C, Ctrl-D) stops. */
  private static boolean more(LineReader reader) {
    Object historyWas = reader.getVariable(LineReader.DISABLE_HISTORY);
    reader.setVariable(LineReader.DISABLE_HISTORY, true);
    try {
      String answer = reader.readLine("--More--");
      return !answer.strip().equalsIgnoreCase("q");
    } catch (UserInterruptException | EndOfFileException e) {
      return false;
    } finally {
      reader.setVariable(LineReader.DISABLE_HISTORY, historyWas == null ? false : historyWas);
    }
  }

  private Path history() {
    return historyFile != null
        ? historyFile
        : Path.of(System.getProperty("user.home"), ".cql4j_history");
  }
}
