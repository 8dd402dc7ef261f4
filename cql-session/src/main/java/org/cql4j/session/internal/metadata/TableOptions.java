package org.cql4j.session.internal.metadata;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.internal.connection.SystemQueries;

/**
 * Reads the options of a table or view from its {@code system_schema.tables} or {@code views} row,
 * as CQL text. Stateless and thread-safe.
 *
 * <p>Only the columns that are options a {@code CREATE TABLE ... WITH} takes are kept (the rows
 * also hold the id, flags and binary extensions); each server version has its own set, so a column
 * the row lacks is skipped, as is a null one.
 */
final class TableOptions {
  // Cassandra 3.0 to 5.0 and ScyllaDB; the comment is kept apart
  private static final List<String> OPTIONS =
      List.of(
          "additional_write_policy",
          "allow_auto_snapshot",
          "bloom_filter_fp_chance",
          "caching",
          "cdc",
          "compaction",
          "compression",
          "crc_check_chance",
          "dclocal_read_repair_chance",
          "default_time_to_live",
          "gc_grace_seconds",
          "incremental_backups",
          "max_index_interval",
          "memtable",
          "memtable_flush_period_in_ms",
          "min_index_interval",
          "paxos_grace_seconds",
          "read_repair",
          "read_repair_chance",
          "speculative_retry");

  // Cassandra 4.0+ keeps these columns at 0.0 but no longer takes the options (ScyllaDB does)
  private static final Set<String> LEGACY =
      Set.of("dclocal_read_repair_chance", "read_repair_chance");

  private TableOptions() {}

  /**
   * The comment of a table or view.
   *
   * @param row its row
   * @return the comment, empty for none
   */
  static String comment(CqlRow row) {
    return SystemQueries.has(row, "comment") && !row.isNull("comment")
        ? row.getString("comment")
        : "";
  }

  /**
   * The options of a table or view, the comment apart.
   *
   * @param row its row of {@code system_schema.tables} or {@code views}
   * @param view true for a view: a view takes no {@code default_time_to_live} (its rows expire with
   *     the base table's)
   * @return each option's value as CQL text, by name
   */
  static Map<String, String> options(CqlRow row, boolean view) {
    Map<String, String> options = new TreeMap<>();
    for (String option : OPTIONS) {
      if (!SystemQueries.has(row, option)
          || row.isNull(option)
          || (view && option.equals("default_time_to_live"))) {
        continue;
      }
      Object value = row.getObject(option);
      if (!(LEGACY.contains(option) && value instanceof Number n && n.doubleValue() == 0)) {
        options.put(option, SchemaCql.literal(value));
      }
    }
    return options;
  }
}
