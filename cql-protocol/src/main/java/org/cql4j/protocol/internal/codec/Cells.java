package org.cql4j.protocol.internal.codec;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.types.ColumnType;

/** Checked reads of cell bytes and vint coding. Stateless and thread-safe. */
public final class Cells {
  private Cells() {}

  /** A decoding failure at the cell's reader index. */
  public static DeserializationException malformed(
      ByteBuf cell, ColumnType type, String javaType, String problem) {
    return new DeserializationException(null, type, javaType, cell.readerIndex(), problem);
  }

  /** An encoding failure. */
  public static SerializationException unwritable(ColumnType type, Object value, String problem) {
    return new SerializationException(
        null, type, value == null ? null : value.getClass().getName(), problem);
  }

  /**
   * Checks the cell holds exactly {@code size} bytes and returns its reader index.
   *
   * @throws DeserializationException otherwise
   */
  public static int fixed(ByteBuf cell, int size, ColumnType type, String javaType) {
    int n = cell.readableBytes();
    if (n != size) {
      throw malformed(cell, type, javaType, "expected " + size + " bytes, got " + n);
    }
    return cell.readerIndex();
  }

  /**
   * Reads the [int] count of a collection at {@code pos} and checks that {@code count} elements of
   * at least {@code minElementBytes} each fit before {@code end}.
   */
  public static int count(
      ByteBuf cell, int pos, int end, int minElementBytes, ColumnType type, String javaType) {
    if (end - pos < 4) {
      throw new DeserializationException(
          null, type, javaType, pos, "truncated element count: " + (end - pos) + " bytes");
    }
    int n = cell.getInt(pos);
    if (n < 0 || (long) n * minElementBytes > end - pos - 4) {
      throw new DeserializationException(
          null,
          type,
          javaType,
          pos,
          "element count " + n + " does not fit in the " + (end - pos - 4) + " remaining bytes");
    }
    return n;
  }

  /**
   * Reads the [bytes] length at {@code pos}: -1 for null, else a length that fits before {@code
   * end}.
   */
  public static int length(ByteBuf cell, int pos, int end, ColumnType type, String javaType) {
    if (end - pos < 4) {
      throw new DeserializationException(
          null, type, javaType, pos, "truncated element length: " + (end - pos) + " bytes");
    }
    int len = cell.getInt(pos);
    if (len < -1 || len > end - pos - 4) {
      throw new DeserializationException(
          null,
          type,
          javaType,
          pos,
          "element length " + len + " is invalid with " + (end - pos - 4) + " remaining bytes");
    }
    return len;
  }

  // native_protocol_v5.spec §3 [unsigned vint]: the count of leading 1 bits of the first byte is
  // the number of extra bytes; the rest of the first byte holds the most significant bits.

  /** The number of bytes of the unsigned vint starting with {@code firstByte}. */
  public static int vintSize(byte firstByte) {
    if (firstByte >= 0) {
      return 1;
    }
    return Integer.numberOfLeadingZeros(~firstByte) - 24 + 1;
  }

  /**
   * Reads an unsigned vint at the reader index, advancing it.
   *
   * @throws DeserializationException if truncated
   */
  public static long readUnsignedVint(ByteBuf in, ColumnType type, String javaType) {
    if (!in.isReadable()) {
      throw malformed(in, type, javaType, "truncated vint");
    }
    byte first = in.readByte();
    int extra = vintSize(first) - 1;
    if (extra == 0) {
      return first;
    }
    if (in.readableBytes() < extra) {
      throw malformed(in, type, javaType, "truncated vint: needs " + extra + " more bytes");
    }
    long value = first & (0xFF >> extra);
    for (int i = 0; i < extra; i++) {
      value = (value << 8) | (in.readByte() & 0xFF);
    }
    return value;
  }

  /** Reads a signed (zig-zag) vint at the reader index, advancing it. */
  public static long readVint(ByteBuf in, ColumnType type, String javaType) {
    long n = readUnsignedVint(in, type, javaType);
    return (n >>> 1) ^ -(n & 1);
  }

  /** Writes an unsigned vint. */
  public static void writeUnsignedVint(long value, ByteBuf out) {
    int magnitude = Long.numberOfLeadingZeros(value | 1);
    int size = (639 - magnitude * 9) >> 6; // Cassandra VIntCoding.computeUnsignedVIntSize
    if (size == 1) {
      out.writeByte((int) value);
      return;
    }
    int extra = size - 1;
    if (extra >= 8) {
      out.writeByte(0xFF);
      out.writeLong(value);
      return;
    }
    int first = (0xFF << (8 - extra)) | (int) (value >>> (8 * extra));
    out.writeByte(first);
    for (int i = extra - 1; i >= 0; i--) {
      out.writeByte((int) (value >>> (8 * i)));
    }
  }

  /** Writes a signed (zig-zag) vint. */
  public static void writeVint(long value, ByteBuf out) {
    writeUnsignedVint((value >> 63) ^ (value << 1), out);
  }
}
