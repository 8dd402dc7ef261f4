package org.cql4j.protocol.deserialize;

import io.netty.buffer.ByteBuf;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * Iterates the rows of a RESULT Rows body, decoding each with a bound row decoder; confined to one
 * thread.
 *
 * <p>The session reads the metadata (native_protocol_v4.spec §4.2.5.2), binds a {@link
 * DeserializeRow} to its columns once, and creates an iterator over the &lt;rows_content&gt;:
 *
 * <pre>{@code
 * DeserializeRow.Decoder<User> d = userCodec.bind(columns);     // type check, once
 * for (Iterator<User> it = RowIterator.of(rows, rowCount, columns, d); it.hasNext(); ) {
 *   User u = it.next();                                          // positional decoding
 * }
 * }</pre>
 *
 * <p>Buffer ownership: {@code rows} belongs to the caller, who must keep it alive (not released)
 * while iterating, and while using any value that is a view of it (a {@code ByteBuffer} blob, a
 * {@code CqlRow}). The iterator reads with absolute indices and never moves the buffer's indices.
 *
 * @param <R> the row type produced
 */
public final class RowIterator<R> implements Iterator<R> {
  private final int rowCount;
  private final int end;
  private final RawRow row;
  private final DeserializeRow.Decoder<R> decoder;
  private int next;
  private int position;

  private RowIterator(
      RawRow row, int start, int end, int rowCount, DeserializeRow.Decoder<R> decoder) {
    this.rowCount = rowCount;
    this.end = end;
    this.position = start;
    this.row = row;
    this.decoder = decoder;
  }

  /**
   * Creates an iterator over {@code rowCount} rows starting at the reader index of {@code rows}.
   * Thread-safe.
   *
   * @param rows the rows content; owned by the caller (see the class documentation)
   * @param rowCount the &lt;rows_count&gt; read from the body
   * @param columns the columns of every row (from the result, or the prepared statement when the
   *     result was sent without metadata)
   * @param decoder a row decoder bound to {@code columns}
   * @param <R> the row type produced
   * @return the iterator
   * @throws ProtocolException if {@code rowCount} is negative or the rows cannot fit in the bytes
   */
  public static <R> RowIterator<R> of(
      ByteBuf rows, int rowCount, List<ColumnSpec> columns, DeserializeRow.Decoder<R> decoder) {
    checkCount(rowCount, columns, rows.readerIndex(), rows.readableBytes());
    return new RowIterator<>(
        new RawRow(rows, columns), rows.readerIndex(), rows.writerIndex(), rowCount, decoder);
  }

  /**
   * Creates an iterator over {@code rowCount} rows that fill a byte array (the session's results
   * own such a copy of their rows). Thread-safe.
   *
   * @param rows the rows content, from index 0 to the end; never modified
   * @param rowCount the &lt;rows_count&gt; read from the body
   * @param columns the columns of every row
   * @param decoder a row decoder bound to {@code columns}
   * @param <R> the row type produced
   * @return the iterator
   * @throws ProtocolException if {@code rowCount} is negative or the rows cannot fit in the bytes
   */
  public static <R> RowIterator<R> of(
      byte[] rows, int rowCount, List<ColumnSpec> columns, DeserializeRow.Decoder<R> decoder) {
    checkCount(rowCount, columns, 0, rows.length);
    return new RowIterator<>(new RawRow(rows, columns), 0, rows.length, rowCount, decoder);
  }

  // Every cell takes at least its 4-byte length: reject counts the bytes cannot hold.
  private static void checkCount(int rowCount, List<ColumnSpec> columns, int offset, int bytes) {
    long minBytes = (long) rowCount * columns.size() * 4;
    if (rowCount < 0 || minBytes > bytes) {
      throw new ProtocolException(
          "RESULT.Rows.rows_count",
          offset,
          rowCount + " rows of " + columns.size() + " columns cannot fit in " + bytes + " bytes");
    }
  }

  /** Whether another row remains; not thread-safe. */
  @Override
  public boolean hasNext() {
    return next < rowCount;
  }

  /**
   * Decodes the next row. Not thread-safe.
   *
   * @return the row
   * @throws ProtocolException if the row's cells are malformed
   * @throws DeserializationException if a cell cannot be decoded into the Java type
   */
  @Override
  public R next() {
    if (next >= rowCount) {
      throw new NoSuchElementException("all " + rowCount + " rows were read");
    }
    position = row.locate(position, end);
    next++;
    return decoder.decode(row);
  }
}
