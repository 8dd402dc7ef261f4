package org.cql4j.cli.shell;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.SerialConsistency;

/**
 * The commands the shell answers itself, as cqlsh does: {@code DESCRIBE}, {@code CONSISTENCY},
 * {@code SERIAL CONSISTENCY}, {@code TRACING}, {@code PAGING}, {@code SOURCE}, {@code HELP}, {@code
 * EXIT} and {@code QUIT}. Not thread-safe; confined to the shell's thread.
 */
final class ShellCommands {

  /** What a command asks of the shell. */
  enum Result {
    /** The command ran. */
    OK,
    /** The command ran statements of which one or more failed (a {@code SOURCE}). */
    FAILED,
    /** Leave the shell. */
    EXIT
  }

  private static final Set<String> COMMANDS =
      Set.of(
          "DESCRIBE",
          "DESC",
          "CONSISTENCY",
          "SERIAL",
          "TRACING",
          "PAGING",
          "SOURCE",
          "HELP",
          "?",
          "EXIT",
          "QUIT");

  private final ShellSettings settings;
  private final PrintWriter out;
  private final Describer describer;
  private final Predicate<Path> source;

  /**
   * Creates the commands.
   *
   * @param settings the settings they show and change
   * @param out where they print
   * @param describer answers {@code DESCRIBE}
   * @param source runs a file of statements, returning whether all of them succeeded
   */
  ShellCommands(
      ShellSettings settings, PrintWriter out, Describer describer, Predicate<Path> source) {
    this.settings = settings;
    this.out = out;
    this.describer = describer;
    this.source = source;
  }

  /**
   * Whether a statement is one of the shell's commands (by its first word). A shell command ends at
   * the end of its line; it needs no {@code ;}.
   *
   * @param statement the statement or the start of one
   * @return true for a shell command
   */
  static boolean isCommand(String statement) {
    return COMMANDS.contains(firstWord(statement).toUpperCase(Locale.ROOT));
  }

  /**
   * Runs a shell command.
   *
   * @param statement the command, without {@code ;}
   * @return what the shell does next
   * @throws ShellException when the command is malformed
   */
  Result execute(String statement) {
    String text = statement.strip();
    String word = firstWord(text).toUpperCase(Locale.ROOT);
    String rest = text.substring(firstWord(text).length()).strip();
    switch (word) {
      case "DESCRIBE", "DESC" -> describer.describe(rest);
      case "CONSISTENCY" -> consistency(rest);
      case "SERIAL" -> serialConsistency(rest);
      case "TRACING" -> tracing(rest);
      case "PAGING" -> paging(rest);
      case "SOURCE" -> {
        return source.test(path(rest)) ? Result.OK : Result.FAILED;
      }
      case "HELP", "?" -> help();
      case "EXIT", "QUIT" -> {
        return Result.EXIT;
      }
      default -> throw new ShellException("Unknown shell command: " + word);
    }
    return Result.OK;
  }

  private void consistency(String level) {
    if (level.isEmpty()) {
      out.println("Current consistency level is " + settings.consistency() + ".");
      return;
    }
    settings.setConsistency(parse(Consistency.class, level, "CONSISTENCY"));
    out.println("Consistency level set to " + settings.consistency() + ".");
  }

  private void serialConsistency(String arguments) {
    String[] words = arguments.split("\\s+", 2);
    if (!words[0].equalsIgnoreCase("CONSISTENCY")) {
      throw new ShellException("Improper SERIAL command: write SERIAL CONSISTENCY [level]");
    }
    String level = words.length > 1 ? words[1].strip() : "";
    if (level.isEmpty()) {
      out.println("Current serial consistency level is " + settings.serialConsistency() + ".");
      return;
    }
    settings.setSerialConsistency(parse(SerialConsistency.class, level, "SERIAL CONSISTENCY"));
    out.println("Serial consistency level set to " + settings.serialConsistency() + ".");
  }

  private void tracing(String argument) {
    switch (argument.toUpperCase(Locale.ROOT)) {
      case "" ->
          out.println(
              settings.tracing()
                  ? "Tracing is currently enabled. Use TRACING OFF to disable"
                  : "Tracing is currently disabled. Use TRACING ON to enable.");
      case "ON" -> {
        settings.setTracing(true);
        out.println("Now Tracing is enabled");
      }
      case "OFF" -> {
        settings.setTracing(false);
        out.println("Disabled Tracing.");
      }
      default -> throw new ShellException("Improper TRACING command: write TRACING [ON|OFF]");
    }
  }

  private void paging(String argument) {
    String upper = argument.toUpperCase(Locale.ROOT);
    if (upper.isEmpty()) {
      out.println(
          settings.paging()
              ? "Query paging is currently enabled. Use PAGING OFF to disable"
              : "Query paging is currently disabled. Use PAGING ON to enable.");
      out.println("Page size: " + settings.pageSize());
    } else if (upper.equals("ON")) {
      settings.setPaging(true);
      out.println("Now Query paging is enabled");
      out.println("Page size: " + settings.pageSize());
    } else if (upper.equals("OFF")) {
      settings.setPaging(false);
      out.println("Disabled Query paging.");
    } else {
      int size;
      try {
        size = Integer.parseInt(argument);
      } catch (NumberFormatException e) {
        throw new ShellException("Improper PAGING command: write PAGING [ON|OFF|<page size>]");
      }
      if (size < 1) {
        throw new ShellException("Improper PAGING command: the page size must be at least 1");
      }
      settings.setPageSize(size);
      settings.setPaging(true);
      out.println("Now Query paging is enabled");
      out.println("Page size: " + size);
    }
  }

  private void help() {
    out.println();
    out.println("Shell commands (no ; needed):");
    out.println("  DESCRIBE KEYSPACES | KEYSPACE [ks] | TABLES | TABLE [ks.]t | TYPES");
    out.println("           TYPE [ks.]t | VIEW [ks.]v | SCHEMA | FULL SCHEMA | <name>");
    out.println("  CONSISTENCY [level]          SERIAL CONSISTENCY [SERIAL|LOCAL_SERIAL]");
    out.println("  TRACING [ON|OFF]             PAGING [ON|OFF|<page size>]");
    out.println("  SOURCE 'file'                EXIT | QUIT");
    out.println("Any other statement is CQL, sent to the server; it ends at ';'.");
    out.println();
  }

  private static <E extends Enum<E>> E parse(Class<E> levels, String text, String command) {
    try {
      return Enum.valueOf(levels, text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String known =
          Arrays.stream(levels.getEnumConstants())
              .map(Enum::name)
              .collect(Collectors.joining(", "));
      throw new ShellException(
          "Improper " + command + " command: '" + text + "' is not one of " + known);
    }
  }

  private static Path path(String argument) {
    String name = argument.strip();
    if (name.length() >= 2
        && (name.startsWith("'") && name.endsWith("'")
            || name.startsWith("\"") && name.endsWith("\""))) {
      name = name.substring(1, name.length() - 1);
    }
    if (name.isEmpty()) {
      throw new ShellException("Improper SOURCE command: write SOURCE 'file'");
    }
    if (name.equals("~") || name.startsWith("~/")) {
      name = System.getProperty("user.home") + name.substring(1);
    }
    return Path.of(name);
  }

  private static String firstWord(String text) {
    String stripped = text.strip();
    int end = 0;
    while (end < stripped.length()
        && !Character.isWhitespace(stripped.charAt(end))
        && stripped.charAt(end) != ';') {
      end++;
    }
    return stripped.substring(0, end);
  }
}
