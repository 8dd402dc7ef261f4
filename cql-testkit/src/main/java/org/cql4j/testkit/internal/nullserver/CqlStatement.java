package org.cql4j.testkit.internal.nullserver;

import java.util.List;

/**
 * A parsed statement of the small CQL subset the null server understands; immutable, thread-safe.
 */
sealed interface CqlStatement {

  /**
   * {@code USE keyspace}.
   *
   * @param keyspace the keyspace, unquoted
   */
  record Use(String keyspace) implements CqlStatement {}

  /**
   * {@code SELECT columns FROM [keyspace.]table [WHERE ...] [LIMIT n]}.
   *
   * @param keyspace the keyspace, or {@code null} for the connection's
   * @param table the table
   * @param columns the selected columns, empty for {@code *}
   * @param where the restrictions, in order
   * @param limit the literal limit, or -1 for none
   */
  record Select(
      String keyspace, String table, List<String> columns, List<Restriction> where, int limit)
      implements CqlStatement {}

  /**
   * {@code INSERT INTO [keyspace.]table (columns) VALUES (terms)}.
   *
   * @param keyspace the keyspace, or {@code null} for the connection's
   * @param table the table
   * @param columns the columns, in order
   * @param markers for each column, the bind marker name, or {@code null} for a literal
   */
  record Insert(String keyspace, String table, List<String> columns, List<String> markers)
      implements CqlStatement {}

  /**
   * Any other modification ({@code UPDATE}, {@code DELETE}, {@code BEGIN BATCH}, {@code TRUNCATE}):
   * accepted and discarded. Its bind markers are not described.
   */
  record OtherWrite() implements CqlStatement {}

  /**
   * One relation of a WHERE clause.
   *
   * @param column the restricted column
   * @param equality whether the operator is {@code =} (or {@code IN})
   * @param markers the bind marker names of its terms, in order (empty for literals)
   */
  record Restriction(String column, boolean equality, List<String> markers) {}
}
