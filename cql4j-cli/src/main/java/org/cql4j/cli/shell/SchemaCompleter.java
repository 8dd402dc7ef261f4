package org.cql4j.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cql4j.session.ClusterState;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.Session;
import org.cql4j.session.TableMetadata;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes the word at the cursor with CQL keywords, shell commands and names from the driver's
 * schema metadata: keyspaces, the current keyspace's tables and types, {@code ks.} followed by that
 * keyspace's tables, and the columns of the tables the line names. Thread-safe: it keeps no state
 * and reads the session's metadata, which the driver keeps current, at each call.
 */
public final class SchemaCompleter implements Completer {

  /** The words offered besides names: CQL keywords and the shell's own commands. */
  static final List<String> KEYWORDS =
      List.of(
          "ADD",
          "AGGREGATE",
          "ALL",
          "ALLOW",
          "ALTER",
          "AND",
          "APPLY",
          "AS",
          "ASC",
          "AUTHORIZE",
          "BATCH",
          "BEGIN",
          "BY",
          "CLUSTERING",
          "COLUMNFAMILY",
          "COMPACT",
          "CONSISTENCY",
          "CONTAINS",
          "COUNT",
          "COUNTER",
          "CREATE",
          "CUSTOM",
          "DELETE",
          "DESC",
          "DESCRIBE",
          "DISTINCT",
          "DROP",
          "DURABLE_WRITES",
          "ENTRIES",
          "EXISTS",
          "EXIT",
          "FILTERING",
          "FROM",
          "FROZEN",
          "FULL",
          "FUNCTION",
          "GRANT",
          "GROUP",
          "HELP",
          "IF",
          "IN",
          "INDEX",
          "INSERT",
          "INTO",
          "IS",
          "JSON",
          "KEY",
          "KEYSPACE",
          "KEYSPACES",
          "LIMIT",
          "LIST",
          "LOGGED",
          "MATERIALIZED",
          "MODIFY",
          "NOT",
          "NULL",
          "OF",
          "OFF",
          "ON",
          "OR",
          "ORDER",
          "PAGING",
          "PARTITION",
          "PER",
          "PERMISSIONS",
          "PRIMARY",
          "QUIT",
          "REPLICATION",
          "REVOKE",
          "ROLE",
          "SCHEMA",
          "SELECT",
          "SERIAL",
          "SET",
          "SOURCE",
          "STATIC",
          "TABLE",
          "TABLES",
          "TIMESTAMP",
          "TO",
          "TOKEN",
          "TRACING",
          "TRUNCATE",
          "TTL",
          "TYPE",
          "TYPES",
          "UNLOGGED",
          "UPDATE",
          "USE",
          "USING",
          "VALUES",
          "VIEW",
          "WHERE",
          "WITH",
          "WRITETIME");

  /** Words after which only a table (or a keyspace, to qualify it) is written. */
  private static final Set<String> TABLE_BEFORE =
      Set.of("FROM", "INTO", "UPDATE", "TABLE", "TRUNCATE", "COLUMNFAMILY");

  /** Words after which only a keyspace is written. */
  private static final Set<String> KEYSPACE_BEFORE = Set.of("USE", "KEYSPACE");

  private static final Pattern NAME =
      Pattern.compile("(\"(?:[^\"]|\"\")+\"|\\w+)(?:\\.(\"(?:[^\"]|\"\")+\"|\\w+))?");

  private final Session session;

  /**
   * Creates a completer.
   *
   * @param session the session whose schema metadata names the candidates
   */
  public SchemaCompleter(Session session) {
    this.session = session;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
    for (String candidate : candidates(line.line(), word)) {
      candidates.add(new Candidate(candidate, candidate, null, null, null, null, true));
    }
  }

  /**
   * The completions of a word, for the line it is in.
   *
   * @param line the whole line, which may name tables whose columns are then offered
   * @param word the start of the word to complete (case-insensitive)
   * @return the completions that start with {@code word}, keywords upper-case, names as CQL writes
   *     them
   */
  public Set<String> candidates(String line, String word) {
    Set<String> all = new LinkedHashSet<>();
    ClusterState cluster = session.getClusterState();
    int dot = word.indexOf('.');
    if (dot >= 0) {
      String keyspace = Identifiers.parse(word.substring(0, dot)).get(0);
      String prefix = word.substring(0, dot + 1);
      cluster
          .keyspace(keyspace)
          .ifPresent(
              ks -> {
                ks.tables().keySet().forEach(t -> all.add(prefix + Identifiers.quote(t)));
                ks.views().keySet().forEach(v -> all.add(prefix + Identifiers.quote(v)));
                ks.userTypes().keySet().forEach(t -> all.add(prefix + Identifiers.quote(t)));
              });
      return startingWith(all, word);
    }
    Optional<KeyspaceMetadata> current = session.getKeyspace().flatMap(cluster::keyspace);
    String previous = previousWord(line, word);
    if (KEYSPACE_BEFORE.contains(previous)) {
      cluster.keyspaces().keySet().stream().sorted().forEach(k -> all.add(Identifiers.quote(k)));
      return startingWith(all, word);
    }
    boolean tableOnly = TABLE_BEFORE.contains(previous);
    for (TableMetadata table :
        tableOnly ? List.<TableMetadata>of() : tablesNamedIn(line, cluster, current)) {
      table.columns().keySet().forEach(c -> all.add(Identifiers.quote(c)));
    }
    current.ifPresent(
        ks -> {
          ks.tables().keySet().forEach(t -> all.add(Identifiers.quote(t)));
          ks.views().keySet().forEach(v -> all.add(Identifiers.quote(v)));
          ks.userTypes().keySet().forEach(t -> all.add(Identifiers.quote(t)));
        });
    cluster.keyspaces().keySet().stream().sorted().forEach(k -> all.add(Identifiers.quote(k)));
    if (!tableOnly) {
      all.addAll(KEYWORDS);
    }
    return startingWith(all, word);
  }

  /** The word before the one being completed, upper-case, or "" at the start of the line. */
  private static String previousWord(String line, String word) {
    String head = line;
    int at = line.toLowerCase(Locale.ROOT).lastIndexOf(word.toLowerCase(Locale.ROOT));
    if (!word.isEmpty() && at >= 0) {
      head = line.substring(0, at);
    }
    String[] tokens = head.strip().split("\\s+");
    return tokens[tokens.length - 1].toUpperCase(Locale.ROOT);
  }

  private static List<TableMetadata> tablesNamedIn(
      String line, ClusterState cluster, Optional<KeyspaceMetadata> current) {
    Matcher m = NAME.matcher(line);
    List<TableMetadata> tables = new ArrayList<>();
    while (m.find()) {
      Optional<TableMetadata> table;
      if (m.group(2) != null) {
        String keyspace = Identifiers.parse(m.group(1)).get(0);
        String name = Identifiers.parse(m.group(2)).get(0);
        table = cluster.keyspace(keyspace).flatMap(ks -> ks.table(name));
      } else {
        String name = Identifiers.parse(m.group(1)).get(0);
        table = current.flatMap(ks -> ks.table(name));
      }
      table.ifPresent(tables::add);
    }
    return tables;
  }

  private static Set<String> startingWith(Set<String> all, String word) {
    String prefix = word.toLowerCase(Locale.ROOT);
    Set<String> matching = new LinkedHashSet<>();
    for (String candidate : all) {
      if (candidate.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        matching.add(candidate);
      }
    }
    return matching;
  }
}
