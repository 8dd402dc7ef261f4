package org.cql4j.protocol.deserialize;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
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
  // big-endian reads from a heap buffer's array: one load each, without the buffer's bounds and
  // reference-count checks (the bounds were checked by locate) or a byte-at-a-time assembly
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final List<ColumnSpec> columns;
  private ByteBuf rows; // over array, created by the first buffer() when made from an array
  private final byte[] array; // the rows' heap array, or null
  private final int base; // the array offset of the buffer's index 0
  private final int size;
  // cell i starts at cells[2 * i], its length (-1 for null) is cells[2 * i + 1]
  private final int[] cells;
  private ByteBuf view; // created by the first cell(): the generated codecs rarely need it

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
    this.array = rows.hasArray() ? rows.array() : null;
    this.base = array == null ? 0 : rows.arrayOffset();
    this.size = columns.size();
    this.cells = new int[2 * size];
  }

  /**
   * Creates a row over rows in a byte array: index 0 of the array is offset 0 of the rows (the
   * session's results, which own a copy of their rows). Not thread-safe.
   *
   * @param rows the rows' bytes; never modified here
   * @param columns the columns of every row
   */
  public RawRow(byte[] rows, List<ColumnSpec> columns) {
    this.columns = columns;
    this.array = rows;
    this.base = 0;
    this.size = columns.size();
    this.cells = new int[2 * size];
  }

  /**
   * Locates the cells of the row that starts at {@code index} of this row's buffer or array. Not
   * thread-safe.
   *
   * @param index the absolute offset of the row's first [bytes]
   * @param end the absolute offset where readable bytes end
   * @return the offset just after the row
   * @throws ProtocolException if a length is below -1 or runs past {@code end}
   */
  public int locate(int index, int end) {
    int pos = index;
    for (int i = 0; i < size; i++) {
      if (end - pos < 4) {
        throw new ProtocolException(
            "RESULT.Rows.rows_content[" + columns.get(i).name() + "]",
            pos,
            "truncated: needs 4 bytes for the length, " + (end - pos) + " remain");
      }
      int len = array == null ? rows.getInt(pos) : (int) INT.get(array, base + pos);
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
      cells[2 * i] = pos;
      cells[2 * i + 1] = len;
      pos += Math.max(len, 0);
    }
    return pos;
  }

  /** The number of cells (columns) of the row; not thread-safe. */
  public int size() {
    return size;
  }

  /**
   * Reads the big-endian int at an absolute offset of the rows buffer, e.g. a 4-byte cell's {@link
   * #offset}. Not thread-safe.
   *
   * @param offset the offset; the caller checked that 4 bytes are there (a located cell's length)
   * @return the int
   */
  public int readInt(int offset) {
    return array == null ? rows.getInt(offset) : (int) INT.get(array, base + offset);
  }

  /**
   * Reads the big-endian long at an absolute offset of the rows buffer, e.g. an 8-byte cell's
   * {@link #offset}. Not thread-safe.
   *
   * @param offset the offset; the caller checked that 8 bytes are there (a located cell's length)
   * @return the long
   */
  public long readLong(int offset) {
    return array == null ? rows.getLong(offset) : (long) LONG.get(array, base + offset);
  }

  /** The columns of this row; not thread-safe. */
  public List<ColumnSpec> columns() {
    return columns;
  }

  /**
   * Decodes {@code length} bytes at an absolute offset of the rows buffer as a string, e.g. a text
   * cell. Not thread-safe.
   *
   * @param offset the offset; the caller checked that the bytes are there (a located cell's length)
   * @param length the number of bytes
   * @param charset how the bytes encode characters
   * @return the string
   */
  public String readString(int offset, int length, Charset charset) {
    return array == null
        ? rows.toString(offset, length, charset)
        : new String(array, base + offset, length, charset);
  }

  /**
   * Whether the cell at {@code index} is a CQL null. Not thread-safe.
   *
   * @param index the column position
   * @return true for a null cell
   */
  public boolean isNull(int index) {
    return cells[2 * index + 1] < 0;
  }

  /**
   * Returns the absolute offset of the cell's bytes in the rows buffer. Not thread-safe.
   *
   * @param index the column position
   * @return the offset, for error messages
   */
  public int offset(int index) {
    return cells[2 * index];
  }

  /**
   * Returns the length of the cell's bytes, or -1 for a CQL null. Not thread-safe.
   *
   * @param index the column position
   * @return the length
   */
  public int length(int index) {
    return cells[2 * index + 1];
  }

  /**
   * The rows buffer the cells are in. Not thread-safe.
   *
   * @return the buffer given to the constructor; owned by its creator, never release it here
   */
  public ByteBuf buffer() {
    if (rows == null) {
      rows = Unpooled.wrappedBuffer(array);
    }
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
    int len = cells[2 * index + 1];
    if (len < 0) {
      return null;
    }
    if (view == null) {
      view = buffer().duplicate();
    }
    int start = cells[2 * index];
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
          column.name(), column.type(), "?", cells[2 * index], e.getMessage());
    }
  }
}
