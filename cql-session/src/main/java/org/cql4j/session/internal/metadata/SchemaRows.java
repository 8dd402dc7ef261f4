package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cql4j.protocol.value.CqlRow;

/**
 * The rows of one read of {@code system_schema}: all of them, one keyspace's or one table's.
 * Immutable and thread-safe.
 *
 * @param keyspaces rows of {@code system_schema.keyspaces}
 * @param tables rows of {@code system_schema.tables}
 * @param columns rows of {@code system_schema.columns} (of tables and views)
 * @param types rows of {@code system_schema.types}
 * @param views rows of {@code system_schema.views}
 * @param indexes rows of {@code system_schema.indexes}
 * @param functions rows of {@code system_schema.functions}
 * @param aggregates rows of {@code system_schema.aggregates}
 */
record SchemaRows(
    List<CqlRow> keyspaces,
    List<CqlRow> tables,
    List<CqlRow> columns,
    List<CqlRow> types,
    List<CqlRow> views,
    List<CqlRow> indexes,
    List<CqlRow> functions,
    List<CqlRow> aggregates) {

  /** Copies the lists. */
  SchemaRows {
    keyspaces = List.copyOf(keyspaces);
    tables = List.copyOf(tables);
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    views = List.copyOf(views);
    indexes = List.copyOf(indexes);
    functions = List.copyOf(functions);
    aggregates = List.copyOf(aggregates);
  }

  /**
   * Groups rows by the value of a text column, keeping their order.
   *
   * @param rows the rows
   * @param column the column to group by, e.g. {@code keyspace_name}
   * @return the rows of each value, in the order the values first appear
   */
  static Map<String, List<CqlRow>> group(List<CqlRow> rows, String column) {
    Map<String, List<CqlRow>> groups = new LinkedHashMap<>();
    for (CqlRow row : rows) {
      groups.computeIfAbsent(row.getString(column), k -> new ArrayList<>()).add(row);
    }
    return groups;
  }

  /**
   * The rows of one keyspace.
   *
   * @param keyspace the keyspace's name
   * @return the rows whose {@code keyspace_name} is that keyspace
   */
  SchemaRows of(String keyspace) {
    return new SchemaRows(
        only(keyspaces, keyspace),
        only(tables, keyspace),
        only(columns, keyspace),
        only(types, keyspace),
        only(views, keyspace),
        only(indexes, keyspace),
        only(functions, keyspace),
        only(aggregates, keyspace));
  }

  private static List<CqlRow> only(List<CqlRow> rows, String keyspace) {
    return group(rows, "keyspace_name").getOrDefault(keyspace, List.of());
  }
}
