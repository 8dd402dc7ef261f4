package org.cql4j.protocol.types;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Writes names (keyspaces, tables, columns, types, fields) as CQL identifiers, quoted only when
 * needed. Stateless and thread-safe.
 *
 * <p>An unquoted CQL identifier matches {@code [a-zA-Z][a-zA-Z0-9_]*} and is folded to lower case
 * (CQL reference, "Identifiers and keywords"), so a name is written bare only when it is lower-case
 * letters, digits and underscores starting with a letter, and is not a reserved keyword. Everything
 * else is double-quoted, with inner double quotes doubled.
 */
public final class CqlIdentifiers {
  // Cassandra 5.0's reserved_keywords.txt, plus the words ScyllaDB's grammar reserves (Cql.g: every
  // keyword not listed as unreserved) and those older Cassandra versions reserved. Quoting a word
  // that a server does not reserve is harmless: "name" and name are the same lower-case identifier.
  private static final Set<String> RESERVED =
      Set.of(
          "add",
          "allow",
          "alter",
          "and",
          "ann",
          "apply",
          "asc",
          "authorize",
          "batch",
          "begin",
          "by",
          "cast",
          "columnfamily",
          "concurrency",
          "create",
          "default",
          "delete",
          "desc",
          "describe",
          "drop",
          "entries",
          "execute",
          "from",
          "full",
          "grant",
          "if",
          "in",
          "index",
          "infinity",
          "insert",
          "into",
          "is",
          "keyspace",
          "limit",
          "materialized",
          "mbean",
          "mbeans",
          "modify",
          "nan",
          "norecursive",
          "not",
          "null",
          "of",
          "on",
          "or",
          "order",
          "primary",
          "rename",
          "replace",
          "revoke",
          "schema",
          "scylla_clustering_bound",
          "scylla_counter_shard_list",
          "scylla_timeuuid_list_index",
          "select",
          "set",
          "table",
          "to",
          "token",
          "truncate",
          "unlogged",
          "unset",
          "update",
          "use",
          "using",
          "vector_search_indexing",
          "view",
          "where",
          "with");

  private CqlIdentifiers() {}

  /**
   * Returns a name as CQL text: bare when that reads back as the same name, else double-quoted.
   *
   * @param name the name as the server stores it (case-sensitive, without quotes)
   * @return e.g. {@code users}, {@code "Users"}, {@code "select"} or {@code "a""b"}
   */
  public static String quoteIfNeeded(String name) {
    return isBare(name) && !isReserved(name) ? name : quote(name);
  }

  /**
   * Returns a name double-quoted, with inner double quotes doubled.
   *
   * @param name the name as the server stores it
   * @return e.g. {@code "Users"}
   */
  public static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * Whether a word is reserved in CQL (by Cassandra or ScyllaDB), so that a column or table of that
   * name must be quoted.
   *
   * @param word any word, in any case
   * @return true if reserved
   */
  public static boolean isReserved(String word) {
    return RESERVED.contains(word.toLowerCase(Locale.ROOT));
  }

  // lower-case letters, digits and underscores, starting with a letter
  private static boolean isBare(String name) {
    Objects.requireNonNull(name, "name");
    boolean bare = !name.isEmpty() && name.charAt(0) >= 'a' && name.charAt(0) <= 'z';
    for (int i = 1; bare && i < name.length(); i++) {
      char c = name.charAt(i);
      bare = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
    return bare;
  }
}
