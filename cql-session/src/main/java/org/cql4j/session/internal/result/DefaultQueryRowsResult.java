package org.cql4j.session.internal.result;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.deserialize.RowIterator;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.session.QueryRowsResult;
import org.cql4j.session.internal.mapping.RowCodecs;

/**
 * The rows of a result over a copy of their bytes. Immutable and thread-safe: every iteration reads
 * the shared array through its own {@link RowIterator}; the garbage collector reclaims the array
 * with the result (nothing to release).
 */
public final class DefaultQueryRowsResult implements QueryRowsResult {
  private final List<ColumnSpec> columns;
  private final int rowCount;
  private final byte[] rows;
  private final List<String> warnings;
  private final UUID tracingId;

  /**
   * Creates the rows result.
   *
   * @param columns the columns of every row
   * @param rowCount the number of rows
   * @param rows the rows content; owned by this object from now on, never modified
   * @param warnings the server's warnings
   * @param tracingId the tracing id, or null
   */
  public DefaultQueryRowsResult(
      List<ColumnSpec> columns, int rowCount, byte[] rows, List<String> warnings, UUID tracingId) {
    this.columns = List.copyOf(columns);
    this.rowCount = rowCount;
    this.rows = rows;
    this.warnings = List.copyOf(warnings);
    this.tracingId = tracingId;
  }

  @Override
  public List<ColumnSpec> columnSpecs() {
    return columns;
  }

  @Override
  public int rowsNumber() {
    return rowCount;
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public Optional<UUID> tracingId() {
    return Optional.ofNullable(tracingId);
  }

  @Override
  public <R> Iterable<R> rows(Class<R> rowType) {
    return rows(RowCodecs.deserializer(rowType));
  }

  @Override
  public <R> Iterable<R> rows(DeserializeRow<R> deserializer) {
    return rows(deserializer.bind(columns));
  }

  /**
   * Returns the rows decoded with a decoder already bound to {@link #columnSpecs()} (the pager
   * binds once for all pages with the same metadata).
   *
   * @param decoder the bound decoder
   * @param <R> the row type
   * @return the rows, iterable more than once
   */
  public <R> Iterable<R> rows(DeserializeRow.Decoder<R> decoder) {
    return () -> RowIterator.of(rows, rowCount, columns, decoder);
  }

  /**
   * The same rows described by other column specs (the same columns, marked frozen where the schema
   * says so).
   *
   * @param marked the columns, as many as {@link #columnSpecs()}
   * @return a result sharing this one's rows buffer
   */
  public DefaultQueryRowsResult withColumns(List<ColumnSpec> marked) {
    return new DefaultQueryRowsResult(marked, rowCount, rows, warnings, tracingId);
  }

  @Override
  public String toString() {
    return "QueryRowsResult[" + rowCount + " rows, columns=" + columns + "]";
  }
}
