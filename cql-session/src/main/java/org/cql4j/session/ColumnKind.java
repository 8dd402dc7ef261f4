package org.cql4j.session;

/**
 * The part a column plays in its table: the {@code kind} of its {@code system_schema.columns} row.
 * Immutable and thread-safe.
 */
public enum ColumnKind {
  /** A column of the partition key ({@code partition_key}). */
  PARTITION_KEY,
  /** A clustering column ({@code clustering}). */
  CLUSTERING,
  /** A column outside the primary key ({@code regular}). */
  REGULAR,
  /** A column shared by all the rows of a partition ({@code static}). */
  STATIC
}
