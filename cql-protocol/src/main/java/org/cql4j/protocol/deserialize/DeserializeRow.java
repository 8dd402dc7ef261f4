package org.cql4j.protocol.deserialize;

import java.util.List;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * Decodes rows of a result into Java type {@code R}; implementations must be thread-safe and are
 * usually stateless singletons.
 *
 * <p>{@link #bind(List)} runs once per result metadata: it resolves which column feeds which part
 * of {@code R} and binds a {@link DeserializeValue} for each, and returns a {@link Decoder} that
 * then reads every row positionally. The mapper generates implementations for {@code @Row} records;
 * {@code Codecs.cqlRow()} and {@code Codecs.singleColumn(...)} are built in.
 *
 * @param <R> the row type produced
 */
@FunctionalInterface
public interface DeserializeRow<R> {

  /**
   * Checks the result columns against {@code R} and returns a decoder bound to them. Thread-safe.
   *
   * @param columns the column specs of the result metadata, in wire order
   * @return a decoder for rows with exactly these columns
   * @throws TypeCheckException if a column is missing, superfluous or of a CQL type that the
   *     matching part of {@code R} cannot be decoded from; the message names the column
   */
  Decoder<R> bind(List<ColumnSpec> columns);

  /**
   * Decodes rows of the columns it was bound to; implementations must be thread-safe (one bound
   * decoder serves every row of every page of a result).
   *
   * @param <R> the row type produced
   */
  @FunctionalInterface
  interface Decoder<R> {

    /**
     * Decodes one row. Thread-safe.
     *
     * @param row the row's cells, valid only during this call; see {@link RawRow} for ownership
     * @return the decoded row
     * @throws DeserializationException if a cell cannot be decoded; use {@link RawRow#decode(int,
     *     DeserializeValue.Decoder)} to get the column named in the message
     */
    R decode(RawRow row);
  }
}
