package org.cql4j.cli.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.cql4j.session.ClusterState;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.Session;
import org.cql4j.session.TableMetadata;

/**
 * The {@code DESCRIBE} command, answered from the driver's schema metadata: {@code KEYSPACES},
 * {@code KEYSPACE [ks]}, {@code TABLES}, {@code TABLE [ks.]t}, {@code TYPES}, {@code TYPE [ks.]t},
 * {@code VIEW [ks.]v}, {@code SCHEMA} ({@code FULL SCHEMA} with the system keyspaces), and {@code
 * DESCRIBE name} for a keyspace or a table. Not thread-safe; confined to the shell's thread.
 */
final class Describer {

  private static final int LINE_WIDTH = 80;

  private final Session session;
  private final PrintWriter out;

  /**
   * Creates the describer.
   *
   * @param session the session whose schema metadata it reads
   * @param out where the descriptions go
   */
  Describer(Session session, PrintWriter out) {
    this.session = session;
    this.out = out;
  }

  /**
   * Prints a description.
   *
   * @param arguments what follows {@code DESCRIBE}, e.g. {@code TABLE ks.t}
   * @throws ShellException naming what is unknown, or how to write the command
   */
  void describe(String arguments) {
    String[] words = arguments.strip().split("\\s+", 2);
    String kind = words[0].toUpperCase(Locale.ROOT);
    String rest = words.length > 1 ? words[1].strip() : "";
    ClusterState cluster = session.getClusterState();
    switch (kind) {
      case "KEYSPACES" -> printNames(cluster.keyspaces().keySet().stream().sorted().toList());
      case "KEYSPACE" ->
          printAll(keyspace(rest.isEmpty() ? null : Identifiers.parse(rest).get(0)).describeAll());
      case "TABLES" -> describeEach(ks -> ks.tables().keySet().stream().sorted().toList());
      case "TYPES" -> describeEach(ks -> ks.userTypes().keySet().stream().sorted().toList());
      case "TABLE", "COLUMNFAMILY" -> printAll(describeTable(rest));
      case "TYPE" -> {
        Name name = qualified(rest, "TYPE");
        printAll(
            List.of(
                keyspace(name.keyspace())
                    .userType(name.name())
                    .orElseThrow(() -> unknown("type", name))
                    .describe()));
      }
      case "VIEW", "MATERIALIZED" -> {
        Name name = qualified(rest.replaceFirst("(?i)^VIEW\\s+", ""), "VIEW");
        printAll(
            List.of(
                keyspace(name.keyspace())
                    .view(name.name())
                    .orElseThrow(() -> unknown("view", name))
                    .describe()));
      }
      case "SCHEMA" -> describeSchema(false);
      case "FULL" -> describeSchema(true);
      case "" ->
          throw new ShellException("DESCRIBE what? e.g. DESCRIBE KEYSPACES, DESCRIBE TABLE t");
      default -> describeName(arguments.strip());
    }
  }

  private void describeName(String text) {
    List<String> parts = Identifiers.parse(text);
    if (parts.size() == 1 && session.getClusterState().keyspace(parts.get(0)).isPresent()) {
      printAll(keyspace(parts.get(0)).describeAll());
    } else {
      printAll(describeTable(text));
    }
  }

  private List<String> describeTable(String text) {
    Name name = qualified(text, "TABLE");
    TableMetadata table =
        keyspace(name.keyspace()).table(name.name()).orElseThrow(() -> unknown("table", name));
    List<String> statements = new ArrayList<>();
    statements.add(table.describe());
    table.indexes().values().forEach(i -> statements.add(i.describe()));
    return statements;
  }

  private void describeSchema(boolean withSystem) {
    List<String> statements = new ArrayList<>();
    session.getClusterState().keyspaces().values().stream()
        .filter(ks -> withSystem || !isSystem(ks.name()))
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .forEach(ks -> statements.addAll(ks.describeAll()));
    printAll(statements);
  }

  /** Lists names per keyspace: the current keyspace's only when there is one. */
  private void describeEach(Function<KeyspaceMetadata, List<String>> names) {
    Optional<String> current = session.getKeyspace();
    if (current.isPresent()) {
      printNames(names.apply(keyspace(null)));
      return;
    }
    session.getClusterState().keyspaces().values().stream()
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .forEach(
            ks -> {
              List<String> list = names.apply(ks);
              if (!list.isEmpty()) {
                out.println();
                out.println("Keyspace " + ks.name());
                out.println("-".repeat(("Keyspace " + ks.name()).length()));
                printWrapped(list);
              }
            });
    out.println();
  }

  private static boolean isSystem(String keyspace) {
    return keyspace.startsWith("system");
  }

  private KeyspaceMetadata keyspace(String name) {
    String resolved =
        name != null
            ? name
            : session
                .getKeyspace()
                .orElseThrow(() -> new ShellException("No keyspace selected: USE one, or name it"));
    return session
        .getClusterState()
        .keyspace(resolved)
        .orElseThrow(() -> new ShellException("Keyspace '" + resolved + "' not found"));
  }

  private Name qualified(String text, String kind) {
    if (text.isBlank()) {
      throw new ShellException("DESCRIBE " + kind + " needs a name");
    }
    List<String> parts = Identifiers.parse(text);
    return parts.size() == 1 ? new Name(null, parts.get(0)) : new Name(parts.get(0), parts.get(1));
  }

  private ShellException unknown(String kind, Name name) {
    String keyspace = name.keyspace() != null ? name.keyspace() : session.getKeyspace().orElse("");
    return new ShellException(
        capitalized(kind) + " '" + name.name() + "' not found in keyspace '" + keyspace + "'");
  }

  private static String capitalized(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private void printNames(List<String> names) {
    out.println();
    printWrapped(names);
    out.println();
  }

  private void printWrapped(List<String> names) {
    StringBuilder line = new StringBuilder();
    for (String name : names) {
      String quoted = Identifiers.quote(name);
      if (line.length() > 0 && line.length() + 2 + quoted.length() > LINE_WIDTH) {
        out.println(line);
        line.setLength(0);
      }
      line.append(line.length() > 0 ? "  " : "").append(quoted);
    }
    if (line.length() > 0) {
      out.println(line);
    }
  }

  private void printAll(List<String> statements) {
    out.println();
    for (String statement : statements) {
      out.println(statement);
      out.println();
    }
  }

  /** A name with its keyspace, null for the current one. */
  private record Name(String keyspace, String name) {}
}
