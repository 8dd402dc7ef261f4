package org.cql4j.protocol.serialize;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.types.ColumnSpec;

/**
 * Appends the [value]s of one row of bound values to a frame buffer and counts them; confined to
 * the thread encoding the frame.
 *
 * <p>native_protocol_v4.spec §4.1.4: the values of QUERY and EXECUTE are a [short] count followed
 * by that many [value]s. The session writes the count (from {@link #valueCount()}); this class
 * writes the values.
 *
 * <p>Buffer ownership: the buffer belongs to the caller (the frame encoder), who releases it; this
 * class only appends to it.
 */
public final class RowWriter {
  private final ByteBuf out;
  private int count;

  /**
   * Creates a writer appending to {@code out}. Thread-safe.
   *
   * @param out the frame buffer; owned by the caller
   */
  public RowWriter(ByteBuf out) {
    this.out = out;
  }

  /**
   * Writes one value with a bound writer, naming the marker in any error. Not thread-safe.
   *
   * @param marker the bind marker the value is for
   * @param writer a writer bound to the marker's type
   * @param value the value; null writes a CQL null
   * @param <T> the Java type
   * @throws SerializationException naming the marker if the value cannot be written
   */
  public <T> void write(ColumnSpec marker, SerializeValue.Writer<T> writer, T value) {
    int start = out.writerIndex();
    try {
      SerializeValue.Writer.writeBytes(writer, value, out);
    } catch (SerializationException e) {
      out.writerIndex(start);
      throw e.atMarker(marker.name(), marker.type());
    }
    count++;
  }

  /** Writes a CQL null (length -1). Not thread-safe. */
  public void writeNull() {
    out.writeInt(SerializeValue.Writer.NULL);
    count++;
  }

  /** Writes an unset value (length -2): the server leaves the column untouched. Not thread-safe. */
  public void writeUnset() {
    out.writeInt(SerializeValue.Writer.UNSET);
    count++;
  }

  /** The number of values written so far. Not thread-safe. */
  public int valueCount() {
    return count;
  }

  /**
   * The buffer being written, for implementations that write a [value] themselves (then call {@link
   * #countValue()}). Not thread-safe.
   *
   * @return the frame buffer; owned by the caller of the constructor, never release it here
   */
  public ByteBuf buffer() {
    return out;
  }

  /** Counts one [value] written directly into {@link #buffer()}. Not thread-safe. */
  public void countValue() {
    count++;
  }
}
