package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.types.CqlTypeParser.ParsedType;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.ClusteringOrder;
import org.cql4j.session.ColumnKind;
import org.cql4j.session.ColumnMetadata;
import org.cql4j.session.internal.connection.SystemQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the columns of one table or view from its {@code system_schema.columns} rows. Stateless and
 * thread-safe.
 */
final class ColumnRows {
  private static final Logger LOG = LoggerFactory.getLogger(ColumnRows.class);

  private ColumnRows() {}

  /**
   * The columns of a table or view, in key order.
   *
   * @param keyspace the keyspace's name
   * @param relation the table's or view's name
   * @param rows its rows of {@code system_schema.columns}
   * @param userTypes the keyspace's user types by name
   * @return the partition key columns by position, the clustering columns by position, then the
   *     others in the rows' order (by name, as the server sorts them)
   */
  static List<ColumnMetadata> columns(
      String keyspace,
      String relation,
      List<CqlRow> rows,
      Map<String, ColumnType.UserType> userTypes) {
    record Positioned(ColumnMetadata column, int position) {}
    List<Positioned> read = new ArrayList<>();
    for (CqlRow row : rows) {
      String name = row.getString("column_name");
      String what = "column " + SchemaCql.qualified(keyspace, relation) + "." + SchemaCql.id(name);
      ParsedType type = TypeTexts.parse(row.getString("type"), keyspace, userTypes, what);
      ColumnKind kind = kind(keyspace, relation, row);
      ColumnMetadata column =
          new ColumnMetadata(name, type.type(), kind, order(row), type.frozen());
      read.add(new Positioned(column, position(row)));
    }
    // a stable sort: regular and static columns (position -1) keep the rows' order
    read.sort(
        Comparator.comparingInt((Positioned p) -> ColumnLayout.rank(p.column().kind()))
            .thenComparingInt(Positioned::position));
    return read.stream().map(Positioned::column).toList();
  }

  private static ColumnKind kind(String keyspace, String relation, CqlRow row) {
    String kind = row.getString("kind");
    switch (kind == null ? "" : kind.toLowerCase(Locale.ROOT)) {
      case "partition_key":
        return ColumnKind.PARTITION_KEY;
      case "clustering":
        return ColumnKind.CLUSTERING;
      case "static":
        return ColumnKind.STATIC;
      case "regular":
        return ColumnKind.REGULAR;
      default:
        LOG.warn(
            "column {}.{} is of an unknown kind {}; reading it as a regular column",
            SchemaCql.qualified(keyspace, relation),
            row.getString("column_name"),
            kind);
        return ColumnKind.REGULAR;
    }
  }

  private static ClusteringOrder order(CqlRow row) {
    String order = row.getString("clustering_order");
    if ("asc".equalsIgnoreCase(order)) {
      return ClusteringOrder.ASC;
    }
    return "desc".equalsIgnoreCase(order) ? ClusteringOrder.DESC : ClusteringOrder.NONE;
  }

  private static int position(CqlRow row) {
    return SystemQueries.has(row, "position") && !row.isNull("position")
        ? row.getInt("position")
        : -1;
  }
}
