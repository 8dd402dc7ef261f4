package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.IndexKind;
import org.cql4j.session.IndexMetadata;
import org.cql4j.session.KeyspaceMetadata;
import org.cql4j.session.TableMetadata;
import org.cql4j.session.UserTypeMetadata;
import org.cql4j.session.ViewMetadata;
import org.cql4j.session.internal.connection.SystemQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the metadata model from {@code system_schema} rows, read by column name. Stateless and
 * thread-safe.
 *
 * <p>A table, view, index or user type whose rows the model rejects (a table without columns, read
 * while it was being created) is left out with a warning; the rest of the keyspace is kept.
 */
final class SchemaBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaBuilder.class);

  private SchemaBuilder() {}

  /**
   * Builds every keyspace that has a row in {@code rows.keyspaces()}.
   *
   * @param rows the rows of those keyspaces
   * @return the keyspaces by name, sorted by name
   */
  static Map<String, KeyspaceMetadata> keyspaces(SchemaRows rows) {
    Map<String, KeyspaceMetadata> keyspaces = new TreeMap<>();
    for (CqlRow row : rows.keyspaces()) {
      String name = row.getString("keyspace_name");
      keyspaces.put(name, keyspace(row, rows.of(name)));
    }
    return Collections.unmodifiableMap(keyspaces);
  }

  /**
   * A keyspace with one table or view replaced by what its rows say now (removed if they say
   * nothing, i.e. it was dropped), and its user types by their rows.
   *
   * @param keyspace the keyspace as known
   * @param name the table's or view's name
   * @param rows the keyspace's types, and the table's or view's rows
   * @return the updated keyspace
   */
  static KeyspaceMetadata withRelation(KeyspaceMetadata keyspace, String name, SchemaRows rows) {
    String ks = keyspace.name();
    Map<String, UserTypeMetadata> userTypes = UserTypes.resolve(ks, rows.types());
    Map<String, ColumnType.UserType> types = TypeTexts.columnTypes(userTypes);
    Map<String, TableMetadata> tables = new TreeMap<>(keyspace.tables());
    Map<String, ViewMetadata> views = new TreeMap<>(keyspace.views());
    tables.remove(name);
    views.remove(name);
    for (CqlRow row : rows.tables()) {
      table(ks, row, rows.columns(), rows.indexes(), types).ifPresent(t -> tables.put(name, t));
    }
    for (CqlRow row : rows.views()) {
      if (!backsAnIndex(row, tables)) {
        view(ks, row, rows.columns(), types).ifPresent(v -> views.put(name, v));
      }
    }
    return new KeyspaceMetadata(
        ks,
        keyspace.replication(),
        keyspace.durableWrites(),
        tables,
        views,
        userTypes,
        keyspace.functions(),
        keyspace.aggregates());
  }

  private static KeyspaceMetadata keyspace(CqlRow row, SchemaRows rows) {
    String ks = row.getString("keyspace_name");
    Map<String, UserTypeMetadata> userTypes = UserTypes.resolve(ks, rows.types());
    Map<String, ColumnType.UserType> types = TypeTexts.columnTypes(userTypes);
    Map<String, List<CqlRow>> columns = SchemaRows.group(rows.columns(), "table_name");
    Map<String, List<CqlRow>> indexes = SchemaRows.group(rows.indexes(), "table_name");
    Map<String, TableMetadata> tables = new TreeMap<>();
    for (CqlRow table : rows.tables()) {
      String name = table.getString("table_name");
      List<CqlRow> tableColumns = columns.getOrDefault(name, List.of());
      List<CqlRow> tableIndexes = indexes.getOrDefault(name, List.of());
      table(ks, table, tableColumns, tableIndexes, types).ifPresent(t -> tables.put(name, t));
    }
    Map<String, ViewMetadata> views = new TreeMap<>();
    for (CqlRow view : rows.views()) {
      String name = view.getString("view_name");
      if (!backsAnIndex(view, tables)) {
        view(ks, view, columns.getOrDefault(name, List.of()), types)
            .ifPresent(v -> views.put(name, v));
      }
    }
    boolean durableWrites =
        !SystemQueries.has(row, "durable_writes")
            || row.isNull("durable_writes")
            || row.getBoolean("durable_writes");
    Map<String, String> replication = row.getMap("replication", String.class, String.class);
    return new KeyspaceMetadata(
        ks,
        replication,
        durableWrites,
        tables,
        views,
        userTypes,
        FunctionRows.functions(ks, rows.functions(), types),
        FunctionRows.aggregates(ks, rows.aggregates(), types));
  }

  private static Optional<TableMetadata> table(
      String keyspace,
      CqlRow row,
      List<CqlRow> columns,
      List<CqlRow> indexRows,
      Map<String, ColumnType.UserType> types) {
    String name = row.getString("table_name");
    try {
      List<IndexMetadata> indexes = new ArrayList<>();
      for (CqlRow index : indexRows) {
        index(keyspace, name, index).ifPresent(indexes::add);
      }
      return Optional.of(
          new TableMetadata(
              keyspace,
              name,
              ColumnRows.columns(keyspace, name, columns, types),
              TableOptions.comment(row),
              TableOptions.options(row, false),
              indexes));
    } catch (RuntimeException e) {
      LOG.warn("ignoring table {}: {}", SchemaCql.qualified(keyspace, name), e.toString());
      return Optional.empty();
    }
  }

  private static Optional<ViewMetadata> view(
      String keyspace, CqlRow row, List<CqlRow> columns, Map<String, ColumnType.UserType> types) {
    String name = row.getString("view_name");
    try {
      return Optional.of(
          new ViewMetadata(
              keyspace,
              name,
              row.getString("base_table_name"),
              !row.isNull("include_all_columns") && row.getBoolean("include_all_columns"),
              row.isNull("where_clause") ? "" : row.getString("where_clause"),
              ColumnRows.columns(keyspace, name, columns, types),
              TableOptions.comment(row),
              TableOptions.options(row, true)));
    } catch (RuntimeException e) {
      LOG.warn("ignoring view {}: {}", SchemaCql.qualified(keyspace, name), e.toString());
      return Optional.empty();
    }
  }

  private static Optional<IndexMetadata> index(String keyspace, String table, CqlRow row) {
    String name = row.getString("index_name");
    String kind = row.getString("kind");
    try {
      return Optional.of(
          new IndexMetadata(
              keyspace,
              table,
              name,
              IndexKind.valueOf(kind.toUpperCase(Locale.ROOT)),
              row.getMap("options", String.class, String.class)));
    } catch (RuntimeException e) {
      LOG.warn(
          "ignoring index {} of {} (kind {}): {}",
          name,
          SchemaCql.qualified(keyspace, table),
          kind,
          e.toString());
      return Optional.empty();
    }
  }

  // ScyllaDB keeps each secondary index in a materialized view named <index>_index, listed in
  // system_schema.views; it is the index's storage, not a view the user created
  private static boolean backsAnIndex(CqlRow view, Map<String, TableMetadata> tables) {
    String name = view.getString("view_name");
    TableMetadata base = tables.get(view.getString("base_table_name"));
    return base != null
        && name.endsWith("_index")
        && base.indexes().containsKey(name.substring(0, name.length() - "_index".length()));
  }
}
