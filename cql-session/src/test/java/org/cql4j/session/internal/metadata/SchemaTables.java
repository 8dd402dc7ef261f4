package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.internal.result.QueryResults;
import org.cql4j.session.internal.result.RowsFixtures;

/**
 * Rows of the {@code system_schema} tables, shaped as Cassandra 5.0 sends them (a subset of the
 * columns, plus one no server has, which the reader must ignore), encoded and decoded through the
 * protocol's codecs.
 */
final class SchemaTables {
  private static final ColumnType TEXT_MAP = ColumnType.map(ColumnType.TEXT, ColumnType.TEXT);
  private static final ColumnType TEXT_LIST = ColumnType.list(ColumnType.TEXT);

  private SchemaTables() {}

  static CqlRow keyspace(String name, boolean durableWrites, Map<String, String> replication) {
    return row(
        "keyspaces",
        name,
        "durable_writes",
        ColumnType.BOOLEAN,
        durableWrites,
        "replication",
        TEXT_MAP,
        replication);
  }

  static CqlRow table(String keyspace, String name, String comment, int gcGraceSeconds) {
    return row(
        "tables",
        keyspace,
        "table_name",
        ColumnType.TEXT,
        name,
        "caching",
        TEXT_MAP,
        Map.of("keys", "ALL"),
        "comment",
        ColumnType.TEXT,
        comment,
        "future_option",
        ColumnType.TEXT,
        "ignored",
        "gc_grace_seconds",
        ColumnType.INT,
        gcGraceSeconds);
  }

  static CqlRow column(
      String keyspace,
      String table,
      String name,
      String kind,
      int position,
      String type,
      String clusteringOrder) {
    return row(
        "columns",
        keyspace,
        "table_name",
        ColumnType.TEXT,
        table,
        "column_name",
        ColumnType.TEXT,
        name,
        "clustering_order",
        ColumnType.TEXT,
        clusteringOrder,
        "kind",
        ColumnType.TEXT,
        kind,
        "position",
        ColumnType.INT,
        position,
        "type",
        ColumnType.TEXT,
        type);
  }

  static CqlRow type(String keyspace, String name, List<String> names, List<String> types) {
    return row(
        "types",
        keyspace,
        "type_name",
        ColumnType.TEXT,
        name,
        "field_names",
        TEXT_LIST,
        names,
        "field_types",
        TEXT_LIST,
        types);
  }

  static CqlRow view(String keyspace, String name, String base, String where) {
    return row(
        "views",
        keyspace,
        "view_name",
        ColumnType.TEXT,
        name,
        "base_table_name",
        ColumnType.TEXT,
        base,
        "default_time_to_live",
        ColumnType.INT,
        0,
        "include_all_columns",
        ColumnType.BOOLEAN,
        false,
        "where_clause",
        ColumnType.TEXT,
        where);
  }

  static CqlRow index(
      String keyspace, String table, String name, String kind, Map<String, String> options) {
    return row(
        "indexes",
        keyspace,
        "table_name",
        ColumnType.TEXT,
        table,
        "index_name",
        ColumnType.TEXT,
        name,
        "kind",
        ColumnType.TEXT,
        kind,
        "options",
        TEXT_MAP,
        options);
  }

  static CqlRow function(
      String keyspace,
      String name,
      List<String> argumentNames,
      List<String> argumentTypes,
      String returnType,
      boolean calledOnNullInput,
      String body) {
    return row(
        "functions",
        keyspace,
        "function_name",
        ColumnType.TEXT,
        name,
        "argument_types",
        TEXT_LIST,
        argumentTypes,
        "argument_names",
        TEXT_LIST,
        argumentNames,
        "body",
        ColumnType.TEXT,
        body,
        "called_on_null_input",
        ColumnType.BOOLEAN,
        calledOnNullInput,
        "language",
        ColumnType.TEXT,
        "java",
        "return_type",
        ColumnType.TEXT,
        returnType);
  }

  static CqlRow aggregate(
      String keyspace,
      String name,
      List<String> argumentTypes,
      String stateFunction,
      String stateType,
      String finalFunction,
      String initialCondition,
      String returnType) {
    return row(
        "aggregates",
        keyspace,
        "aggregate_name",
        ColumnType.TEXT,
        name,
        "argument_types",
        TEXT_LIST,
        argumentTypes,
        "final_func",
        ColumnType.TEXT,
        finalFunction,
        "initcond",
        ColumnType.TEXT,
        initialCondition,
        "return_type",
        ColumnType.TEXT,
        returnType,
        "state_func",
        ColumnType.TEXT,
        stateFunction,
        "state_type",
        ColumnType.TEXT,
        stateType);
  }

  // keyspace_name, then the other columns given as (name, type, value) triples, in order
  private static CqlRow row(String table, String keyspace, Object... columns) {
    List<ColumnSpec> specs = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    specs.add(new ColumnSpec("system_schema", table, "keyspace_name", ColumnType.TEXT));
    values.add(keyspace);
    for (int i = 0; i < columns.length; i += 3) {
      specs.add(
          new ColumnSpec("system_schema", table, (String) columns[i], (ColumnType) columns[i + 1]));
      values.add(columns[i + 2]);
    }
    List<CqlRow> rows = new ArrayList<>();
    QueryResults.from(RowsFixtures.rows(specs, null, values.toArray()), null, List.of(), null, null)
        .intoRowsResult()
        .rows(CqlRow.class)
        .forEach(rows::add);
    return rows.get(0);
  }
}
