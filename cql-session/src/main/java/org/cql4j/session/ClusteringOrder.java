package org.cql4j.session;

/**
 * The order of a column in its partition: the {@code clustering_order} of its {@code
 * system_schema.columns} row. Immutable and thread-safe.
 */
public enum ClusteringOrder {
  /** A clustering column in ascending order. */
  ASC,
  /** A clustering column in descending order. */
  DESC,
  /** Not a clustering column. */
  NONE
}
