package org.cql4j.protocol.deserialize;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * The cells of one row, located but not decoded; confined to the thread iterating the rows and
 * reused for every row of an iteration.
 *
 * <p>A row decoder reads cells by position: {@code row.decode(2, nameDecoder)}. The positions of
 * the cells were found by one scan of the row's [bytes] lengths (native_protocol_v4.spec §4.2.5.2,
 * &lt;rows_content&gt;); nothing is copied or allocated per cell.
 *
 * <p>Buffer ownership: the rows buffer belongs to whoever created the iteration (the session's
 * result); this object never releases or retains it and must not be used after the decoder returns.
 */
public final class RawRow {
  private final List<ColumnSpec> columns;
  private final ByteBuf rows;
  private final ByteBuf view;
  private final int[] starts;
  private final int[] lengths;

  /**
   * Creates a row over a rows buffer; used by {@link RowIterator}, and by tests of row decoders.
   * Not thread-safe.
   *
   * @param rows the buffer the cells are in; owned by the caller, not released here
   * @param columns the columns of every row
   */
  public RawRow(ByteBuf rows, List<ColumnSpec> columns) {
    this.columns = columns;
    this.rows = rows;
    this.view = rows.duplicate();
    this.starts = new int[columns.size()];
    this.lengths = new int[columns.size()];
  }

  /**
   * Locates the cells of the row that starts at {@code index}. Not thread-safe.
   *
   * @param rows the same buffer this row was created over
   * @param index the absolute index of the row's first [bytes]
   * @param end the absolute index where readable bytes end
   * @return the index just after the row
   * @throws ProtocolException if a length is below -1 or runs past {@code end}
   */
  public int locate(ByteBuf rows, int index, int end) {
    // the session's rows are on the heap: read the lengths from the array, without the buffer's
    // bounds and reference-count checks on every cell (the bounds are checked here instead)
    byte[] array = rows.hasArray() ? rows.array() : null;
    int base = array == null ? 0 : rows.arrayOffset();
    int pos = index;
    for (int i = 0; i < starts.length; i++) {
      if (end - pos < 4) {
        throw new ProtocolException(
            "RESULT.Rows.rows_content[" + columns.get(i).name() + "]",
            pos,
            "truncated: needs 4 bytes for the length, " + (end - pos) + " remain");
      }
      int len = array == null ? rows.getInt(pos) : readInt(array, base + pos);
      pos += 4;
      if (len < 0) {
        if (len < -1) {
          throw new ProtocolException(
              "RESULT.Rows.rows_content[" + columns.get(i).name() + "]",
              pos - 4,
              "negative length " + len);
        }
      } else if (len > end - pos) {
        throw new ProtocolException(
            "RESULT.Rows.rows_content[" + columns.get(i).name() + "]",
            pos - 4,
            "length " + len + " exceeds the " + (end - pos) + " remaining bytes");
      }
      starts[i] = pos;
      lengths[i] = len;
      pos += Math.max(len, 0);
    }
    return pos;
  }

  private static int readInt(byte[] array, int at) {
    return (array[at] & 0xff) << 24
        | (array[at + 1] & 0xff) << 16
        | (array[at + 2] & 0xff) << 8
        | (array[at + 3] & 0xff);
  }

  public int size() {
    return starts.length;
  }

  /** The columns of this row; not thread-safe. */
  public List<ColumnSpec> columns() {
    return columns;
  }

  /**
   * Whether the cell at {@code index} is a CQL null. Not thread-safe.
   *
   * @param index the column position
   * @return true for a null cell
   */
  public boolean isNull(int index) {
    return lengths[index] < 0;
  }

  /**
   * Returns the absolute offset of the cell's bytes in the rows buffer. Not thread-safe.
   *
   * @param index the column position
   * @return the offset, for error messages
   */
  public int offset(int index) {
    return starts[index];
  }

  /**
   * Returns the length of the cell's bytes, or -1 for a CQL null. Not thread-safe.
   *
   * @param index the column position
   * @return the length
   */
  public int length(int index) {
    return lengths[index];
  }

  /**
   * The rows buffer the cells are in. Not thread-safe.
   *
   * @return the buffer given to the constructor; owned by its creator, never release it here
   */
  public ByteBuf buffer() {
    return rows;
  }

  /**
   * Returns the cell at {@code index} as a view whose readable bytes are the value, or null for a
   * CQL null. Not thread-safe.
   *
   * <p>Buffer ownership: the view is shared by all cells of the row and re-pointed by the next
   * call; never release or retain it.
   *
   * @param index the column position
   * @return the view, or null
   */
  public ByteBuf cell(int index) {
    int len = lengths[index];
    if (len < 0) {
      return null;
    }
    int start = starts[index];
    return view.setIndex(start, start + len);
  }

  /**
   * Decodes the cell at {@code index}, naming the column in any error. Not thread-safe.
   *
   * @param index the column position
   * @param decoder a decoder bound to the column's type
   * @param <T> the Java type produced
   * @return the decoded value
   * @throws DeserializationException naming the column if the cell cannot be decoded
   */
  public <T> T decode(int index, DeserializeValue.Decoder<T> decoder) {
    try {
      return decoder.decode(cell(index));
    } catch (DeserializationException e) {
      ColumnSpec column = columns.get(index);
      throw e.inColumn(column.name(), column.type());
    } catch (ProtocolException | IndexOutOfBoundsException e) {
      ColumnSpec column = columns.get(index);
      throw new DeserializationException(
          column.name(), column.type(), "?", starts[index], e.getMessage());
    }
  }
}
