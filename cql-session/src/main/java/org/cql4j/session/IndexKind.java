package org.cql4j.session;

/**
 * The kind of a secondary index: the {@code kind} of its {@code system_schema.indexes} row.
 * Immutable and thread-safe.
 */
public enum IndexKind {
  /** An index of a table with compact storage ({@code KEYS}). */
  KEYS,
  /** A built-in secondary index ({@code COMPOSITES}). */
  COMPOSITES,
  /** An index implemented by a class named in its options, e.g. SAI ({@code CUSTOM}). */
  CUSTOM
}
