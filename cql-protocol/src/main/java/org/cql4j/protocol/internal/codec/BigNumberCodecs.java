package org.cql4j.protocol.internal.codec;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.CqlDecimal;
import org.cql4j.protocol.value.CqlVarint;

/** Codecs of {@code varint} and {@code decimal}. Stateless and thread-safe. */
public final class BigNumberCodecs {
  private BigNumberCodecs() {}

  /** {@code varint} ↔ BigInteger (native_protocol_v4.spec §6.23: two's complement bytes). */
  public static final Scalar<BigInteger> BIG_INTEGER =
      new Scalar<BigInteger>("java.math.BigInteger", true)
          .with(
              ColumnType.Native.VARINT,
              (c, t, j) -> new BigInteger(bytes(c, c.readerIndex(), c.readableBytes())),
              (v, out, t) -> out.writeBytes(v.toByteArray()));

  /** {@code varint} ↔ CqlVarint (bytes kept as sent). */
  public static final Scalar<CqlVarint> CQL_VARINT =
      new Scalar<CqlVarint>(CqlVarint.class.getName(), true)
          .with(
              ColumnType.Native.VARINT,
              (c, t, j) -> CqlVarint.ofBytes(bytes(c, c.readerIndex(), c.readableBytes())),
              (v, out, t) -> out.writeBytes(v.bytes()));

  /** {@code decimal} ↔ BigDecimal (§6.6: [int] scale, then the unscaled varint). */
  public static final Scalar<BigDecimal> BIG_DECIMAL =
      new Scalar<BigDecimal>("java.math.BigDecimal", true)
          .with(
              ColumnType.Native.DECIMAL,
              (c, t, j) -> {
                int scale = scale(c, t, j);
                byte[] unscaled = bytes(c, c.readerIndex() + 4, c.readableBytes() - 4);
                return new BigDecimal(new BigInteger(unscaled), scale);
              },
              (v, out, t) -> out.writeInt(v.scale()).writeBytes(v.unscaledValue().toByteArray()));

  /** {@code decimal} ↔ CqlDecimal. */
  public static final Scalar<CqlDecimal> CQL_DECIMAL =
      new Scalar<CqlDecimal>(CqlDecimal.class.getName(), true)
          .with(
              ColumnType.Native.DECIMAL,
              (c, t, j) ->
                  CqlDecimal.ofBytes(
                      scale(c, t, j), bytes(c, c.readerIndex() + 4, c.readableBytes() - 4)),
              (v, out, t) -> out.writeInt(v.scale()).writeBytes(v.unscaledBytes()));

  private static int scale(ByteBuf c, ColumnType t, String j) {
    if (c.readableBytes() < 5) {
      throw Cells.malformed(
          c, t, j, "needs a 4-byte scale and at least 1 unscaled byte, got " + c.readableBytes());
    }
    return c.getInt(c.readerIndex());
  }

  // BigInteger demands a byte[]: the only copy on these paths.
  private static byte[] bytes(ByteBuf c, int index, int length) {
    byte[] b = new byte[length];
    c.getBytes(index, b);
    return b;
  }
}
