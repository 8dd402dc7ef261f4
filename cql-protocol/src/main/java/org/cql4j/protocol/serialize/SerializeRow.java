package org.cql4j.protocol.serialize;

import java.util.List;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * A row of bound values that can write itself for a statement's bind markers; thread-safety is that
 * of the implementation (the built-in adapters are immutable and thread-safe).
 *
 * <p>{@code Values.of(...)}, lists, arrays and maps are adapted to this by {@code
 * Codecs.row(Object)}; a user may implement it by hand. Records annotated {@code @Row} use a
 * generated {@link RowSerializer} instead, which type-checks once per prepared statement.
 */
@FunctionalInterface
public interface SerializeRow {

  /**
   * Type-checks this row against the bind markers and writes one [value] per marker, in marker
   * order. Thread-safety is that of the implementation.
   *
   * @param markers the bind markers of the prepared statement, in order
   * @param out where to write the values; see {@link RowWriter} for buffer ownership
   * @throws SerializationException naming the marker, its CQL type and the Java type if a value
   *     does not fit, or if the row has more or fewer values than there are markers
   */
  void serialize(List<ColumnSpec> markers, RowWriter out);
}
