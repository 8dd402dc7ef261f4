package org.cql4j.testkit.internal.nullserver;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The {@code system_schema} and {@code system_virtual_schema} tables with the columns Cassandra
 * 5.0.9 declares (read from a real node); stateless and thread-safe. Drivers read their schema
 * metadata from them; the null server returns no rows, so drivers see no user keyspace, which they
 * accept.
 */
final class SchemaTables {
  private SchemaTables() {}

  /**
   * Every schema table, with the given row source.
   *
   * @param rows the rows of each table (none, for the null server)
   * @return the tables
   */
  static List<TableDef> all(IntFunction<List<Object[]>> rows) {
    String s = "system_schema";
    String v = "system_virtual_schema";
    return List.of(
        TableDef.of(
            s,
            "keyspaces",
            1,
            0,
            rows,
            "keyspace_name text",
            "durable_writes boolean",
            "replication map<text, text>"),
        TableDef.of(
            s,
            "tables",
            1,
            1,
            rows,
            "keyspace_name text",
            "table_name text",
            "additional_write_policy text",
            "allow_auto_snapshot boolean",
            "bloom_filter_fp_chance double",
            "caching map<text, text>",
            "cdc boolean",
            "comment text",
            "compaction map<text, text>",
            "compression map<text, text>",
            "crc_check_chance double",
            "dclocal_read_repair_chance double",
            "default_time_to_live int",
            "extensions map<text, blob>",
            "flags set<text>",
            "gc_grace_seconds int",
            "id uuid",
            "incremental_backups boolean",
            "max_index_interval int",
            "memtable text",
            "memtable_flush_period_in_ms int",
            "min_index_interval int",
            "read_repair text",
            "read_repair_chance double",
            "speculative_retry text"),
        columnsTable(s, rows),
        TableDef.of(
            s,
            "dropped_columns",
            1,
            2,
            rows,
            "keyspace_name text",
            "table_name text",
            "column_name text",
            "dropped_time timestamp",
            "kind text",
            "type text"),
        TableDef.of(
            s,
            "triggers",
            1,
            2,
            rows,
            "keyspace_name text",
            "table_name text",
            "trigger_name text",
            "options map<text, text>"),
        TableDef.of(
            s,
            "views",
            1,
            1,
            rows,
            "keyspace_name text",
            "view_name text",
            "additional_write_policy text",
            "allow_auto_snapshot boolean",
            "base_table_id uuid",
            "base_table_name text",
            "bloom_filter_fp_chance double",
            "caching map<text, text>",
            "cdc boolean",
            "comment text",
            "compaction map<text, text>",
            "compression map<text, text>",
            "crc_check_chance double",
            "dclocal_read_repair_chance double",
            "default_time_to_live int",
            "extensions map<text, blob>",
            "gc_grace_seconds int",
            "id uuid",
            "include_all_columns boolean",
            "incremental_backups boolean",
            "max_index_interval int",
            "memtable text",
            "memtable_flush_period_in_ms int",
            "min_index_interval int",
            "read_repair text",
            "read_repair_chance double",
            "speculative_retry text",
            "where_clause text"),
        TableDef.of(
            s,
            "types",
            1,
            1,
            rows,
            "keyspace_name text",
            "type_name text",
            "field_names list<text>",
            "field_types list<text>"),
        TableDef.of(
            s,
            "functions",
            1,
            2,
            rows,
            "keyspace_name text",
            "function_name text",
            "argument_types list<text>",
            "argument_names list<text>",
            "body text",
            "called_on_null_input boolean",
            "language text",
            "return_type text"),
        TableDef.of(
            s,
            "aggregates",
            1,
            2,
            rows,
            "keyspace_name text",
            "aggregate_name text",
            "argument_types list<text>",
            "final_func text",
            "initcond text",
            "return_type text",
            "state_func text",
            "state_type text"),
        TableDef.of(
            s,
            "indexes",
            1,
            2,
            rows,
            "keyspace_name text",
            "table_name text",
            "index_name text",
            "kind text",
            "options map<text, text>"),
        TableDef.of(
            s,
            "column_masks",
            1,
            2,
            rows,
            "keyspace_name text",
            "table_name text",
            "column_name text",
            "function_argument_nulls list<boolean>",
            "function_argument_types list<text>",
            "function_argument_values list<text>",
            "function_keyspace text",
            "function_name text"),
        TableDef.of(v, "keyspaces", 1, 0, rows, "keyspace_name text"),
        TableDef.of(
            v, "tables", 1, 1, rows, "keyspace_name text", "table_name text", "comment text"),
        columnsTable(v, rows));
  }

  private static TableDef columnsTable(String keyspace, IntFunction<List<Object[]>> rows) {
    return TableDef.of(
        keyspace,
        "columns",
        1,
        2,
        rows,
        "keyspace_name text",
        "table_name text",
        "column_name text",
        "clustering_order text",
        "column_name_bytes blob",
        "kind text",
        "position int",
        "type text");
  }
}
