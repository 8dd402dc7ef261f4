package org.cql4j.protocol.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.Counter;

/**
 * Codecs of numbers, booleans, text and blobs (native_protocol_v4.spec §6). Stateless and
 * thread-safe.
 */
public final class NativeCodecs {
  private NativeCodecs() {}

  /** {@code boolean} ↔ Boolean (§6.4: zero is false, anything else true). */
  public static final Scalar<Boolean> BOOLEAN =
      new Scalar<Boolean>("java.lang.Boolean", true)
          .with(
              ColumnType.Native.BOOLEAN,
              (c, t, j) -> c.getByte(Cells.fixed(c, 1, t, j)) != 0,
              (v, out, t) -> out.writeByte(v ? 1 : 0));

  /** {@code tinyint} ↔ Byte (§6.19). */
  public static final Scalar<Byte> BYTE =
      new Scalar<Byte>("java.lang.Byte", true)
          .with(
              ColumnType.Native.TINYINT,
              (c, t, j) -> c.getByte(Cells.fixed(c, 1, t, j)),
              (v, out, t) -> out.writeByte(v));

  /** {@code smallint} ↔ Short (§6.14). */
  public static final Scalar<Short> SHORT =
      new Scalar<Short>("java.lang.Short", true)
          .with(
              ColumnType.Native.SMALLINT,
              (c, t, j) -> c.getShort(Cells.fixed(c, 2, t, j)),
              (v, out, t) -> out.writeShort(v));

  /** {@code int} ↔ Integer (§6.10). */
  public static final Scalar<Integer> INT =
      new Scalar<Integer>("java.lang.Integer", true)
          .with(
              ColumnType.Native.INT,
              (c, t, j) -> c.getInt(Cells.fixed(c, 4, t, j)),
              (v, out, t) -> out.writeInt(v));

  private static final Scalar.Reader<Long> LONG_READER =
      (c, t, j) -> c.getLong(Cells.fixed(c, 8, t, j));
  private static final Scalar.Appender<Long> LONG_APPENDER = (v, out, t) -> out.writeLong(v);

  /** {@code bigint} and {@code counter} ↔ Long (§6.2). */
  public static final Scalar<Long> LONG =
      new Scalar<Long>("java.lang.Long", true)
          .with(ColumnType.Native.BIGINT, LONG_READER, LONG_APPENDER)
          .with(ColumnType.Native.COUNTER, LONG_READER, LONG_APPENDER);

  /** {@code counter} ↔ Counter. */
  public static final Scalar<Counter> COUNTER =
      new Scalar<Counter>(Counter.class.getName(), true)
          .with(
              ColumnType.Native.COUNTER,
              (c, t, j) -> new Counter(c.getLong(Cells.fixed(c, 8, t, j))),
              (v, out, t) -> out.writeLong(v.value()));

  /** {@code float} ↔ Float (§6.8). */
  public static final Scalar<Float> FLOAT =
      new Scalar<Float>("java.lang.Float", true)
          .with(
              ColumnType.Native.FLOAT,
              (c, t, j) -> c.getFloat(Cells.fixed(c, 4, t, j)),
              (v, out, t) -> out.writeFloat(v));

  /** {@code double} ↔ Double (§6.7). */
  public static final Scalar<Double> DOUBLE =
      new Scalar<Double>("java.lang.Double", true)
          .with(
              ColumnType.Native.DOUBLE,
              (c, t, j) -> c.getDouble(Cells.fixed(c, 8, t, j)),
              (v, out, t) -> out.writeDouble(v));

  /** {@code text}, {@code ascii} ↔ String (§6.1, §6.15), decoded straight from the buffer. */
  public static final Scalar<String> STRING =
      new Scalar<String>("java.lang.String", false)
          .with(
              ColumnType.Native.TEXT,
              (c, t, j) -> c.toString(c.readerIndex(), c.readableBytes(), StandardCharsets.UTF_8),
              (v, out, t) -> out.writeCharSequence(v, StandardCharsets.UTF_8))
          .with(
              ColumnType.Native.ASCII,
              (c, t, j) ->
                  c.toString(c.readerIndex(), c.readableBytes(), StandardCharsets.US_ASCII),
              NativeCodecs::writeAscii);

  /** {@code blob} ↔ byte[] (a copy). */
  public static final Scalar<byte[]> BYTE_ARRAY =
      new Scalar<byte[]>("byte[]", false)
          .with(
              ColumnType.Native.BLOB,
              (c, t, j) -> {
                byte[] b = new byte[c.readableBytes()];
                c.getBytes(c.readerIndex(), b);
                return b;
              },
              (v, out, t) -> out.writeBytes(v));

  /**
   * {@code blob} ↔ ByteBuffer: a read-only view of the frame, no copy, valid only while the result
   * is alive.
   */
  public static final Scalar<ByteBuffer> BYTE_BUFFER =
      new Scalar<ByteBuffer>("java.nio.ByteBuffer", false)
          .with(
              ColumnType.Native.BLOB,
              (c, t, j) -> view(c),
              (v, out, t) -> out.writeBytes(v.duplicate()));

  /** A read-only view of the cell's readable bytes. */
  static ByteBuffer view(ByteBuf cell) {
    return cell.nioBuffer(cell.readerIndex(), cell.readableBytes()).asReadOnlyBuffer();
  }

  private static void writeAscii(String v, ByteBuf out, ColumnType type) {
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) > 127) {
        throw Cells.unwritable(
            type,
            v,
            "character "
                + i
                + " (U+"
                + Integer.toHexString(v.charAt(i))
                + ") is not ASCII; use text");
      }
    }
    out.writeCharSequence(v, StandardCharsets.US_ASCII);
  }
}
