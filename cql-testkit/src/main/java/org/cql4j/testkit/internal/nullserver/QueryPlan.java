package org.cql4j.testkit.internal.nullserver;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.message.PreparedMetadata;
import org.cql4j.protocol.message.Result;
import org.cql4j.protocol.message.RowsMetadata;
import org.cql4j.protocol.message.RowsResult;
import org.cql4j.protocol.message.SetKeyspaceResult;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.value.Values;

/**
 * What a statement means to the null server, immutable and thread-safe: its bind markers, the
 * columns it returns and the rows (always the same ones, whatever the bound values).
 *
 * @param keyspace for {@code USE}, the new keyspace; else {@code null}
 * @param variables the bind markers
 * @param partitionKeyIndexes the bind marker of each partition key column, or empty
 * @param resultColumns the returned columns; empty for a write
 * @param rows the returned rows, values in {@code resultColumns} order; {@code null} for a write
 */
record QueryPlan(
    String keyspace,
    List<ColumnSpec> variables,
    List<Integer> partitionKeyIndexes,
    List<ColumnSpec> resultColumns,
    List<Object[]> rows) {

  /** A write: no markers described, a Void result. */
  static final QueryPlan WRITE = new QueryPlan(null, List.of(), List.of(), List.of(), null);

  /**
   * Plans a statement against the catalog.
   *
   * @param catalog the known tables
   * @param connectionKeyspace the keyspace of the connection (after {@code USE}), or {@code null}
   * @param cql the statement
   * @return the plan
   * @throws IllegalArgumentException with the reason the statement cannot be answered
   */
  static QueryPlan of(Catalog catalog, String connectionKeyspace, String cql) {
    CqlStatement statement = StatementParser.parse(cql);
    if (statement instanceof CqlStatement.Use use) {
      if (!catalog.hasKeyspace(use.keyspace())) {
        throw new IllegalArgumentException("Keyspace '" + use.keyspace() + "' does not exist");
      }
      return new QueryPlan(use.keyspace(), List.of(), List.of(), List.of(), null);
    }
    if (statement instanceof CqlStatement.Select select) {
      return select(table(catalog, connectionKeyspace, select.keyspace(), select.table()), select);
    }
    if (statement instanceof CqlStatement.Insert insert) {
      return insert(table(catalog, connectionKeyspace, insert.keyspace(), insert.table()), insert);
    }
    return WRITE;
  }

  /** The response to an execution: Rows, Void or Set_keyspace. */
  Result result(boolean withMetadata, ByteBufAllocator alloc) {
    if (keyspace != null) {
      return new SetKeyspaceResult(keyspace);
    }
    if (rows == null) {
      return VoidResult.INSTANCE;
    }
    RowsMetadata metadata =
        withMetadata
            ? RowsMetadata.of(resultColumns, null)
            : RowsMetadata.noMetadata(resultColumns.size(), null);
    ByteBuf content = alloc.buffer();
    try {
      RowWriter writer = new RowWriter(content);
      for (Object[] row : rows) {
        Values.of(row).serialize(resultColumns, writer);
      }
    } catch (RuntimeException e) {
      content.release();
      throw e;
    }
    return new RowsResult(metadata, rows.size(), content);
  }

  /** The variables of a Prepared result. */
  PreparedMetadata preparedVariables() {
    return PreparedMetadata.of(partitionKeyIndexes, variables);
  }

  /** The result metadata of a Prepared result: the columns, or none for a write. */
  RowsMetadata preparedResultMetadata() {
    return rows == null ? RowsMetadata.noMetadata(0, null) : RowsMetadata.of(resultColumns, null);
  }

  private static TableDef table(
      Catalog catalog, String connectionKeyspace, String keyspace, String name) {
    String ks = keyspace != null ? keyspace : connectionKeyspace;
    if (ks == null) {
      throw new IllegalArgumentException(
          "No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename");
    }
    TableDef table = catalog.find(ks, name);
    if (table == null) {
      throw new IllegalArgumentException("unconfigured table " + ks + "." + name);
    }
    return table;
  }

  private static int column(TableDef table, String name) {
    int index = table.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(
          "Undefined column name " + name + " in table " + table.qualifiedName());
    }
    return index;
  }

  private static QueryPlan select(TableDef table, CqlStatement.Select select) {
    List<ColumnSpec> variables = new ArrayList<>();
    List<String> restricted = new ArrayList<>();
    List<Integer> markerColumn = new ArrayList<>();
    for (CqlStatement.Restriction r : select.where()) {
      int col = column(table, r.column());
      if (r.equality()) {
        restricted.add(r.column());
      }
      for (String marker : r.markers()) {
        variables.add(rename(table.columns().get(col), marker));
        markerColumn.add(r.equality() && r.markers().size() == 1 ? col : -1);
      }
    }
    int[] projection;
    if (select.columns().isEmpty()) {
      projection = new int[table.columns().size()];
      for (int i = 0; i < projection.length; i++) {
        projection[i] = i;
      }
    } else {
      projection = new int[select.columns().size()];
      for (int i = 0; i < projection.length; i++) {
        projection[i] = column(table, select.columns().get(i));
      }
    }
    List<ColumnSpec> resultColumns = new ArrayList<>(projection.length);
    for (int index : projection) {
      resultColumns.add(table.columns().get(index));
    }
    // A fully restricted primary key reads one row; anything else reads one whole partition.
    boolean oneRow = true;
    for (int i = 0; i < table.primaryKeySize(); i++) {
      oneRow &= restricted.contains(table.columns().get(i).name());
    }
    List<Object[]> all = table.rows().apply(oneRow ? 1 : Integer.MAX_VALUE);
    int count = select.limit() >= 0 ? Math.min(select.limit(), all.size()) : all.size();
    List<Object[]> rows = new ArrayList<>(count);
    for (int r = 0; r < count; r++) {
      Object[] source = all.get(r);
      Object[] row = new Object[projection.length];
      for (int i = 0; i < projection.length; i++) {
        row[i] = source[projection[i]];
      }
      rows.add(row);
    }
    return new QueryPlan(
        null,
        variables,
        partitionKeyIndexes(table, markerColumn),
        resultColumns,
        List.copyOf(rows));
  }

  private static QueryPlan insert(TableDef table, CqlStatement.Insert insert) {
    List<ColumnSpec> variables = new ArrayList<>();
    List<Integer> markerColumn = new ArrayList<>();
    for (int i = 0; i < insert.columns().size(); i++) {
      int col = column(table, insert.columns().get(i));
      String marker = insert.markers().get(i);
      if (marker != null) {
        variables.add(rename(table.columns().get(col), marker));
        markerColumn.add(col);
      }
    }
    for (int i = 0; i < table.primaryKeySize(); i++) {
      String key = table.columns().get(i).name();
      if (!insert.columns().contains(key)) {
        throw new IllegalArgumentException("Some primary key parts are missing: " + key);
      }
    }
    return new QueryPlan(
        null, variables, partitionKeyIndexes(table, markerColumn), List.of(), null);
  }

  /** For each partition key column, its bind marker; empty unless every one has a marker. */
  private static List<Integer> partitionKeyIndexes(TableDef table, List<Integer> markerColumn) {
    List<Integer> indexes = new ArrayList<>();
    for (int col = 0; col < table.partitionKeySize(); col++) {
      int marker = markerColumn.indexOf(col);
      if (marker < 0) {
        return List.of();
      }
      indexes.add(marker);
    }
    return indexes;
  }

  private static ColumnSpec rename(ColumnSpec column, String marker) {
    return marker.equals(column.name())
        ? column
        : new ColumnSpec(column.keyspace(), column.table(), marker, column.type());
  }
}
