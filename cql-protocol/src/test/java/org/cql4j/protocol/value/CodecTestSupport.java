package org.cql4j.protocol.value;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnType;

/** Encodes and decodes single values through the public SPI. */
final class CodecTestSupport {
  private CodecTestSupport() {}

  /** The hex of a value's bytes (without the [bytes] length), or "null". */
  static <T> String encode(SerializeValue<T> s, ColumnType type, T value) {
    ByteBuf out = Unpooled.buffer();
    try {
      int status = s.bind(type).write(value, out);
      return status == SerializeValue.Writer.VALUE ? ByteBufUtil.hexDump(out) : "status" + status;
    } finally {
      out.release();
    }
  }

  static <T> T decode(DeserializeValue<T> d, ColumnType type, String hex) {
    if (hex == null) {
      return d.bind(type).decode(null);
    }
    // Pad on both sides so absolute reads outside the cell would be caught by wrong results.
    ByteBuf buf = Unpooled.buffer();
    buf.writeBytes(new byte[] {(byte) 0xEE, (byte) 0xEE});
    buf.writeBytes(HexFormat.of().parseHex(hex));
    int end = buf.writerIndex();
    buf.writeBytes(new byte[] {(byte) 0xEE, (byte) 0xEE});
    try {
      return d.bind(type).decode(buf.setIndex(2, end));
    } finally {
      buf.release();
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(Class<T> javaClass, ColumnType type, T value) {
    return decode(
        Codecs.deserializer(javaClass), type, encode(Codecs.serializer(javaClass), type, value));
  }

  static Object roundTripAny(ColumnType type, Object value) {
    return decode(
        Codecs.deserializer(Object.class),
        type,
        encode(Codecs.serializer(Object.class), type, value));
  }
}
