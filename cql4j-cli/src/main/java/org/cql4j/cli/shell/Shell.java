package org.cql4j.cli.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.cql4j.cli.Errors;
import org.cql4j.cli.StatementSplitter;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.session.Session;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * The shell: reads statements (interactively from a JLine {@link LineReader}, or from a text), runs
 * CQL on the session and shell commands itself, and prints results and errors. Not thread-safe; one
 * thread drives it.
 *
 * <p>A CQL statement ends at a {@code ;} (outside strings and comments) and may span lines; a shell
 * command ({@code DESCRIBE}, {@code TRACING}, ...) also ends at the end of its line. A failing
 * statement prints {@code Error: ...} on one line and the shell goes on.
 */
public final class Shell {

  /** The prompt of a statement's further lines. */
  static final String CONTINUATION_PROMPT = "   ... ";

  private final Session session;
  private final PrintWriter err;
  private final StatementRunner runner;
  private final ShellCommands commands;
  private boolean exitRequested;

  /**
   * Creates a shell.
   *
   * @param session the session statements run on; the caller closes it
   * @param settings the settings the shell's commands change
   * @param out where results go
   * @param err where errors go (the same writer as {@code out} on a terminal)
   * @param more asks, between pages, whether to show the next one (false: stop); null to print all
   *     pages without asking
   */
  public Shell(
      Session session,
      ShellSettings settings,
      PrintWriter out,
      PrintWriter err,
      BooleanSupplier more) {
    this.session = session;
    this.err = err;
    this.runner = new StatementRunner(session, settings, out, more);
    this.commands = new ShellCommands(settings, out, new Describer(session, out), this::runFile);
  }

  /**
   * The prompt: {@code cql4j> }, or {@code cql4j:ks> } once a keyspace is in use.
   *
   * @return the prompt
   */
  public String prompt() {
    return session.getKeyspace().map(ks -> "cql4j:" + ks + "> ").orElse("cql4j> ");
  }

  /**
   * Reads and runs statements until {@code EXIT}, {@code QUIT} or the end of input (Ctrl-D). Ctrl-C
   * drops the statement being typed.
   *
   * @param reader the line reader of the terminal
   * @return true if every statement succeeded
   */
  public boolean runInteractive(LineReader reader) {
    StatementSplitter splitter = new StatementSplitter();
    boolean ok = true;
    while (!exitRequested) {
      String line;
      try {
        line = reader.readLine(splitter.isEmpty() ? prompt() : CONTINUATION_PROMPT);
      } catch (UserInterruptException e) {
        splitter.reset();
        continue;
      } catch (EndOfFileException e) {
        break;
      }
      ok &= runLine(splitter, line);
    }
    return ok;
  }

  /**
   * Runs a text of statements ({@code -e}, {@code -f}, {@code SOURCE}), each to the end, even after
   * one fails; stops at {@code EXIT}. A last statement without {@code ;} runs too.
   *
   * @param text the statements
   * @return true if every statement succeeded
   */
  public boolean runScript(String text) {
    StatementSplitter splitter = new StatementSplitter();
    boolean ok = true;
    for (String line : text.split("\r?\n", -1)) {
      if (exitRequested) {
        return ok;
      }
      ok &= runLine(splitter, line);
    }
    if (!exitRequested) {
      ok &= splitter.flush().map(this::runStatement).orElse(true);
    }
    return ok;
  }

  /**
   * Runs a file of statements.
   *
   * @param file the file, UTF-8
   * @return true if it could be read and every statement succeeded
   */
  public boolean runFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      printError("Could not read " + file + ": " + Errors.describe(e));
      return false;
    }
    return runScript(text);
  }

  /** Whether {@code EXIT} or {@code QUIT} ran. */
  public boolean exitRequested() {
    return exitRequested;
  }

  /** Feeds a line; runs what it completed, and a shell command that ends with the line. */
  private boolean runLine(StatementSplitter splitter, String line) {
    boolean ok = true;
    for (String statement : splitter.feed(line)) {
      if (exitRequested) {
        return ok;
      }
      ok &= runStatement(statement);
    }
    if (!exitRequested && !splitter.isEmpty() && ShellCommands.isCommand(splitter.pending())) {
      ok &= splitter.flush().map(this::runStatement).orElse(true);
    }
    return ok;
  }

  /**
   * Runs one statement, a shell command or CQL, and prints its outcome.
   *
   * @param statement the statement without its {@code ;}
   * @return true if it succeeded
   */
  public boolean runStatement(String statement) {
    try {
      if (ShellCommands.isCommand(statement)) {
        ShellCommands.Result result = commands.execute(statement);
        exitRequested = result == ShellCommands.Result.EXIT;
        return result != ShellCommands.Result.FAILED;
      }
      runner.run(statement);
      return true;
    } catch (RuntimeException e) {
      printError(describe(e));
      return false;
    }
  }

  private void printError(String message) {
    err.println("Error: " + message);
    err.flush();
  }

  /** One line for a failure: the server's error name and message, or the exception's. */
  static String describe(Throwable error) {
    for (Throwable e = error; e != null && e.getCause() != e; e = e.getCause()) {
      if (e instanceof DbException db) {
        return db.error().name() + ": " + db.serverMessage();
      }
      if (e instanceof ShellException) {
        return e.getMessage();
      }
    }
    return Errors.describe(error);
  }
}
