package org.cql4j.protocol.value;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.cql4j.protocol.serialize.RowWriter;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.types.ColumnType.UserType.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeneratedPrimitiveWritersTest {
  /** Each primitive's natural CQL types: the only ones written directly. */
  private static final Map<Class<?>, List<ColumnType>> NATURAL =
      Map.of(
          boolean.class, List.of(ColumnType.BOOLEAN),
          byte.class, List.of(ColumnType.TINYINT),
          short.class, List.of(ColumnType.SMALLINT),
          int.class, List.of(ColumnType.INT),
          long.class, List.of(ColumnType.BIGINT, ColumnType.COUNTER),
          float.class, List.of(ColumnType.FLOAT),
          double.class, List.of(ColumnType.DOUBLE));

  private final List<ByteBuf> buffers = new ArrayList<>();

  @AfterEach
  void release() {
    buffers.forEach(ByteBuf::release);
  }

  /** A buffer holding one guard byte, so that tests see the writes append. */
  private ByteBuf buffer() {
    ByteBuf b = Unpooled.buffer().writeByte(0xEE);
    buffers.add(b);
    return b;
  }

  /** The hex of what {@code write} appends to a {@link RowWriter}; checks that it counted one. */
  private String rowHex(Consumer<RowWriter> write) {
    ByteBuf b = buffer();
    RowWriter out = new RowWriter(b);
    write.accept(out);
    assertThat(out.valueCount()).isEqualTo(1);
    return ByteBufUtil.hexDump(b, 1, b.readableBytes() - 1);
  }

  /** The hex of what {@code write} appends to a buffer. */
  private String hex(Consumer<ByteBuf> write) {
    ByteBuf b = buffer();
    write.accept(b);
    return ByteBufUtil.hexDump(b, 1, b.readableBytes() - 1);
  }

  // native_protocol_v4.spec §6: [int] length, then the value, big-endian.

  @Test
  void rowWritesAppendALengthPrefixedBigEndianValueAndCountIt() {
    assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeBoolean(o, true)))
        .isEqualTo("0000000101");
    assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeBoolean(o, false)))
        .isEqualTo("0000000100");
    assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeByte(o, (byte) -2)))
        .isEqualTo("00000001fe");
    assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeShort(o, (short) 0x1234)))
        .isEqualTo("000000021234");
    assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeInt(o, 0x01020304)))
        .isEqualTo("0000000401020304");
    assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeInt(o, -2)))
        .isEqualTo("00000004fffffffe");
    assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeLong(o, 0x0102030405060708L)))
        .isEqualTo("000000080102030405060708");
    assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeLong(o, Long.MIN_VALUE)))
        .isEqualTo("000000088000000000000000");
    assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeFloat(o, 1.0f)))
        .isEqualTo("000000043f800000");
    assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeDouble(o, 1.0)))
        .isEqualTo("000000083ff0000000000000");
    assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeDouble(o, -0.0)))
        .isEqualTo("000000088000000000000000");
  }

  @Test
  void fieldWritesAppendTheSameBytes() {
    assertThat(hex(b -> GeneratedPrimitiveWriters.writeBoolean(b, true))).isEqualTo("0000000101");
    assertThat(hex(b -> GeneratedPrimitiveWriters.writeByte(b, (byte) 0x7f)))
        .isEqualTo("000000017f");
    assertThat(hex(b -> GeneratedPrimitiveWriters.writeShort(b, (short) -1)))
        .isEqualTo("00000002ffff");
    assertThat(hex(b -> GeneratedPrimitiveWriters.writeInt(b, 12345)))
        .isEqualTo("0000000400003039");
    assertThat(hex(b -> GeneratedPrimitiveWriters.writeLong(b, -1L)))
        .isEqualTo("00000008ffffffffffffffff");
    assertThat(hex(b -> GeneratedPrimitiveWriters.writeFloat(b, -2.5f)))
        .isEqualTo("00000004c0200000");
    assertThat(hex(b -> GeneratedPrimitiveWriters.writeDouble(b, 0.1)))
        .isEqualTo("000000083fb999999999999a");
  }

  /** What RowWriter.write appends with the built-in boxed writer bound to {@code type}. */
  private <T> String boxedHex(Class<T> boxed, ColumnType type, T value) {
    SerializeValue.Writer<T> writer = Codecs.serializer(boxed).bind(type);
    return rowHex(o -> o.write(new ColumnSpec("ks", "t", "v", type), writer, value));
  }

  @Test
  void directWritesAreTheBytesOfTheBoxedWritersForTheNaturalTypes() {
    for (boolean v : new boolean[] {true, false}) {
      assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeBoolean(o, v)))
          .isEqualTo(boxedHex(Boolean.class, ColumnType.BOOLEAN, v));
    }
    for (byte v : new byte[] {Byte.MIN_VALUE, -1, 0, 1, Byte.MAX_VALUE}) {
      assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeByte(o, v)))
          .isEqualTo(boxedHex(Byte.class, ColumnType.TINYINT, v));
    }
    for (short v : new short[] {Short.MIN_VALUE, -1, 0, 258, Short.MAX_VALUE}) {
      assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeShort(o, v)))
          .isEqualTo(boxedHex(Short.class, ColumnType.SMALLINT, v));
    }
    for (int v : new int[] {Integer.MIN_VALUE, -1, 0, 66051, Integer.MAX_VALUE}) {
      assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeInt(o, v)))
          .isEqualTo(boxedHex(Integer.class, ColumnType.INT, v));
    }
    for (long v : new long[] {Long.MIN_VALUE, -1, 0, 0x0102030405060708L, Long.MAX_VALUE}) {
      String direct = rowHex(o -> GeneratedPrimitiveWriters.writeLong(o, v));
      assertThat(direct).isEqualTo(boxedHex(Long.class, ColumnType.BIGINT, v));
      assertThat(direct).isEqualTo(boxedHex(Long.class, ColumnType.COUNTER, v));
    }
    for (float v : new float[] {Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE, 3.5f}) {
      assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeFloat(o, v)))
          .isEqualTo(boxedHex(Float.class, ColumnType.FLOAT, v));
    }
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e300, -7.25}) {
      assertThat(rowHex(o -> GeneratedPrimitiveWriters.writeDouble(o, v)))
          .isEqualTo(boxedHex(Double.class, ColumnType.DOUBLE, v));
    }
  }

  @Test
  void writesDirectlyOnlyTheNaturalTypesWhichTheBuiltInCodecsAccept() {
    for (Map.Entry<Class<?>, List<ColumnType>> e : NATURAL.entrySet()) {
      for (ColumnType.Native type : ColumnType.Native.values()) {
        boolean natural = e.getValue().contains(type);
        assertThat(GeneratedPrimitiveWriters.writesDirectly(type, e.getKey()))
            .as("%s as %s", e.getKey(), type)
            .isEqualTo(natural);
        if (natural) {
          // The generated writer binds the boxed writer first; it must accept the type.
          assertThat(Codecs.serializer(e.getKey()).bind(type)).isNotNull();
        }
      }
      assertThat(
              GeneratedPrimitiveWriters.writesDirectly(ColumnType.list(ColumnType.INT), e.getKey()))
          .isFalse();
    }
    assertThat(GeneratedPrimitiveWriters.writesDirectly(ColumnType.INT, Integer.class)).isFalse();
    assertThat(GeneratedPrimitiveWriters.writesDirectly(ColumnType.TEXT, char.class)).isFalse();
    assertThat(GeneratedPrimitiveWriters.writesDirectly(ColumnType.VARINT, long.class)).isFalse();
  }

  @Test
  void writesFieldDirectlyChecksTheFieldOrElementType() {
    ColumnType.UserType udt =
        new ColumnType.UserType(
            "ks",
            "address",
            List.of(new Field("street", ColumnType.TEXT), new Field("zip", ColumnType.INT)));
    assertThat(GeneratedPrimitiveWriters.writesFieldDirectly(udt, 1, int.class)).isTrue();
    assertThat(GeneratedPrimitiveWriters.writesFieldDirectly(udt, 1, long.class)).isFalse();
    assertThat(GeneratedPrimitiveWriters.writesFieldDirectly(udt, 0, int.class)).isFalse();
    ColumnType tuple = ColumnType.tuple(ColumnType.DOUBLE, ColumnType.BIGINT);
    assertThat(GeneratedPrimitiveWriters.writesFieldDirectly(tuple, 0, double.class)).isTrue();
    assertThat(GeneratedPrimitiveWriters.writesFieldDirectly(tuple, 1, long.class)).isTrue();
    assertThat(GeneratedPrimitiveWriters.writesFieldDirectly(tuple, 1, int.class)).isFalse();
  }
}
