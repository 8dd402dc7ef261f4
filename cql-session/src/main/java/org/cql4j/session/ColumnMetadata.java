package org.cql4j.session;

import java.util.Objects;
import org.cql4j.protocol.types.ColumnType;

/**
 * A column of a table or materialized view, as {@code system_schema.columns} describes it.
 * Immutable and thread-safe.
 *
 * @param name the column's name, case-sensitive, without quotes
 * @param type the column's type
 * @param kind the part the column plays in the primary key
 * @param clusteringOrder {@link ClusteringOrder#ASC} or {@link ClusteringOrder#DESC} for a
 *     clustering column, {@link ClusteringOrder#NONE} for every other column
 * @param frozen whether the column's type is declared {@code frozen<...>} (a collection, tuple or
 *     user type stored as one value); the {@link ColumnType} model does not carry it
 */
public record ColumnMetadata(
    String name,
    ColumnType type,
    ColumnKind kind,
    ClusteringOrder clusteringOrder,
    boolean frozen) {

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if a clustering column has no order or another column has one
   */
  public ColumnMetadata {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(clusteringOrder, "clusteringOrder");
    if ((kind == ColumnKind.CLUSTERING) == (clusteringOrder == ClusteringOrder.NONE)) {
      throw new IllegalArgumentException(
          "column "
              + name
              + ": a clustering column is ASC or DESC, any other column NONE; got "
              + kind
              + " "
              + clusteringOrder);
    }
  }
}
