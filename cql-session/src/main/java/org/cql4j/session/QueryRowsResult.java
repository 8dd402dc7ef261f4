package org.cql4j.session;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.session.errors.RowsCountException;

/**
 * The rows of a result, decoded lazily when iterated. Thread-safe and immutable: any number of
 * threads may iterate it, each iteration has its own cursor.
 *
 * <p>Ownership: the rows are kept as the bytes of the frame (a heap copy of the frame's rows
 * section, made once when the response arrives, so the pooled network buffer goes back to the pool
 * at once); decoding walks those bytes without per-cell copies. The garbage collector reclaims them
 * with the result, so nothing needs closing, and values documented as views (a {@code blob} read as
 * {@code ByteBuffer}, a {@code CqlRow}) stay valid as long as they are referenced.
 *
 * <pre>{@code
 * for (User u : rows.rows(User.class)) { ... }          // typed: type check once, here
 * for (CqlRow r : rows.rows(CqlRow.class)) { ... }      // untyped
 * String name = rows.singleRow(String.class);           // one column, one row
 * }</pre>
 */
public interface QueryRowsResult {

  /** The result columns with their names and CQL types, in order. */
  List<ColumnSpec> columnSpecs();

  /** The number of rows. */
  int rowsNumber();

  /** The warnings the server attached to the response; empty when none. */
  List<String> warnings();

  /** The id of the server-side trace, when the statement was executed with tracing. */
  Optional<UUID> tracingId();

  /**
   * Returns the rows decoded as {@code rowType}: a {@code @Row} record (with its generated codec),
   * {@code CqlRow.class}, or a single-column type such as {@code String.class}. The type check runs
   * here, once; each iteration then decodes row by row without lookups. The iterable can be
   * iterated more than once.
   *
   * @param rowType the row class
   * @param <R> the row type
   * @return the rows
   * @throws TypeCheckException naming the column, its CQL type and the Java type on a mismatch
   * @throws org.cql4j.protocol.CqlException if {@code rowType} has no codec (e.g. a record whose
   *     codec was not generated)
   */
  <R> Iterable<R> rows(Class<R> rowType);

  /**
   * Returns the rows decoded with a hand-written or generated row deserializer; the type check
   * ({@code bind}) runs here, once.
   *
   * @param deserializer the row deserializer
   * @param <R> the row type
   * @return the rows
   * @throws TypeCheckException on a mismatch
   */
  <R> Iterable<R> rows(DeserializeRow<R> deserializer);

  /**
   * Returns the first row.
   *
   * @param rowType the row class (see {@link #rows(Class)})
   * @param <R> the row type
   * @return the first row
   * @throws RowsCountException if there is no row
   */
  default <R> R firstRow(Class<R> rowType) {
    Iterable<R> rows = rows(rowType);
    if (rowsNumber() == 0) {
      throw new RowsCountException(
          "firstRow(" + rowType.getSimpleName() + ")", "at least one row", 0);
    }
    return rows.iterator().next();
  }

  /**
   * Returns the first row, or empty when there is none.
   *
   * @param rowType the row class (see {@link #rows(Class)})
   * @param <R> the row type
   * @return the first row or empty
   */
  default <R> Optional<R> maybeFirstRow(Class<R> rowType) {
    Iterator<R> it = rows(rowType).iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  /**
   * Returns the only row.
   *
   * @param rowType the row class (see {@link #rows(Class)})
   * @param <R> the row type
   * @return the row
   * @throws RowsCountException unless there is exactly one row
   */
  default <R> R singleRow(Class<R> rowType) {
    Iterable<R> rows = rows(rowType);
    if (rowsNumber() != 1) {
      throw new RowsCountException(
          "singleRow(" + rowType.getSimpleName() + ")", "exactly one row", rowsNumber());
    }
    return rows.iterator().next();
  }
}
