package org.cql4j.session.internal.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cql4j.session.ColumnKind;
import org.cql4j.session.ColumnMetadata;

/**
 * The columns of a table or materialized view, with its primary key. Immutable and thread-safe.
 *
 * @param columns the columns by name: the partition key columns in key order, then the clustering
 *     columns in key order, then the others
 * @param partitionKey the partition key columns' names, in order
 * @param clusteringKey the clustering columns' names, in order
 */
public record ColumnLayout(
    Map<String, ColumnMetadata> columns, List<String> partitionKey, List<String> clusteringKey) {

  /** Copies the collections, keeping the columns' order. */
  public ColumnLayout {
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    partitionKey = List.copyOf(partitionKey);
    clusteringKey = List.copyOf(clusteringKey);
  }

  /**
   * Lays out the columns of one table or view.
   *
   * @param relation the table or view, for messages ({@code keyspace.name})
   * @param columns the columns: the partition key in key order, then the clustering columns in key
   *     order, then the regular and static ones in any order
   * @return the layout
   * @throws IllegalArgumentException if there is no partition key column, a name repeats, or the
   *     columns are not in that order
   */
  public static ColumnLayout of(String relation, List<ColumnMetadata> columns) {
    Map<String, ColumnMetadata> byName = new LinkedHashMap<>();
    List<String> partitionKey = new ArrayList<>();
    List<String> clusteringKey = new ArrayList<>();
    int rank = 0;
    for (ColumnMetadata column : columns) {
      Objects.requireNonNull(column, "column");
      int columnRank = rank(column.kind());
      if (columnRank < rank) {
        throw new IllegalArgumentException(
            relation
                + ": column "
                + column.name()
                + " ("
                + column.kind()
                + ") must come before the "
                + (rank == 1 ? "clustering" : "regular and static")
                + " columns");
      }
      rank = columnRank;
      if (byName.putIfAbsent(column.name(), column) != null) {
        throw new IllegalArgumentException(relation + ": two columns named " + column.name());
      }
      if (column.kind() == ColumnKind.PARTITION_KEY) {
        partitionKey.add(column.name());
      } else if (column.kind() == ColumnKind.CLUSTERING) {
        clusteringKey.add(column.name());
      }
    }
    if (partitionKey.isEmpty()) {
      throw new IllegalArgumentException(relation + ": no partition key column");
    }
    return new ColumnLayout(byName, partitionKey, clusteringKey);
  }

  /**
   * The rank of a kind of column in the columns' order.
   *
   * @param kind the kind
   * @return 0 for the partition key, 1 for clustering columns, 2 for the others
   */
  static int rank(ColumnKind kind) {
    return switch (kind) {
      case PARTITION_KEY -> 0;
      case CLUSTERING -> 1;
      case REGULAR, STATIC -> 2;
    };
  }
}
