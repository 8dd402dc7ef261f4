package org.cql4j.protocol.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.RawRow;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.serialize.SerializeValue;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.types.ColumnType.UserType.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeneratedCodecSupportTest {
  private static final String USER = "com.example.User";
  private static final String ADDRESS = "com.example.Address";
  private static final ColumnType.UserType ADDRESS_TYPE =
      new ColumnType.UserType(
          "ks",
          "address",
          List.of(new Field("street", ColumnType.TEXT), new Field("zip_code", ColumnType.INT)));
  private static final ColumnType PAIR = ColumnType.tuple(ColumnType.INT, ColumnType.TEXT);

  private final List<ByteBuf> buffers = new ArrayList<>();

  @AfterEach
  void release() {
    buffers.forEach(ByteBuf::release);
  }

  /** The bytes of {@code hex} between two guard bytes, as a view whose readable bytes are them. */
  private ByteBuf cell(String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    ByteBuf b = Unpooled.buffer().writeByte(0xEE).writeBytes(bytes).writeByte(0xEE);
    buffers.add(b);
    return b.setIndex(1, 1 + bytes.length);
  }

  private static ColumnSpec col(String name, ColumnType type) {
    return new ColumnSpec("ks", "t", name, type);
  }

  // ---- field lengths: never trust a length on the wire ----

  @Test
  void fieldLengthReadsNullEmptyAndValuesThatFit() {
    ByteBuf c = cell("ffffffff" + "00000000" + "00000002abcd");
    int end = c.writerIndex();
    assertThat(GeneratedCodecSupport.fieldLength(c, 1, end, PAIR, 0, USER)).isEqualTo(-1);
    assertThat(GeneratedCodecSupport.fieldLength(c, 5, end, PAIR, 1, USER)).isZero();
    assertThat(GeneratedCodecSupport.fieldLength(c, 9, end, PAIR, 1, USER)).isEqualTo(2);
  }

  @Test
  void fieldLengthRejectsATruncatedLength() {
    ByteBuf c = cell("000000");
    assertThatThrownBy(
            () ->
                GeneratedCodecSupport.fieldLength(c, 1, c.writerIndex(), ADDRESS_TYPE, 1, ADDRESS))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("field 'zip_code': truncated length, 3 bytes left")
        .hasMessageContaining("into Java type " + ADDRESS)
        .hasMessageContaining("at offset 1");
  }

  @Test
  void fieldLengthRejectsLengthsBelowMinusOneAndPastTheEnd() {
    for (String length : List.of("fffffffe", "80000000", "00000003", "7fffffff")) {
      ByteBuf c = cell(length + "0102");
      assertThatThrownBy(
              () -> GeneratedCodecSupport.fieldLength(c, 1, c.writerIndex(), PAIR, 0, USER))
          .as(length)
          .isInstanceOf(DeserializationException.class)
          .hasMessageContaining("element 0: invalid length")
          .hasMessageContaining("with 2 bytes left");
    }
  }

  @Test
  void fieldLengthPastTheEndIsADeserializationExceptionNotAnIndexOutOfBounds() {
    ByteBuf c = cell("00000001");
    int end = c.writerIndex();
    assertThatThrownBy(() -> GeneratedCodecSupport.fieldLength(c, end + 2, end, PAIR, 1, USER))
        .isInstanceOf(DeserializationException.class);
  }

  @Test
  void randomBytesGiveALengthThatFitsOrADeserializationException() {
    Random random = new Random(42);
    for (int n = 0; n < 2000; n++) {
      byte[] bytes = new byte[random.nextInt(12)];
      random.nextBytes(bytes);
      if (random.nextBoolean() && bytes.length >= 4) {
        bytes[0] = (byte) (random.nextBoolean() ? 0 : 0xFF); // small and -1 lengths too
      }
      ByteBuf c = cell(HexFormat.of().formatHex(bytes));
      int end = c.writerIndex();
      for (int pos = c.readerIndex(); pos <= end; pos++) {
        try {
          int length = GeneratedCodecSupport.fieldLength(c, pos, end, PAIR, 1, USER);
          assertThat(length).isBetween(-1, end - pos - 4);
        } catch (DeserializationException expected) {
          assertThat(expected.offset()).isEqualTo(pos);
        }
      }
    }
  }

  // ---- reading user types and tuples ----

  @Test
  void checkEndRejectsBytesAfterTheLastField() {
    GeneratedCodecSupport.checkEnd(9, 9, PAIR, USER);
    assertThatThrownBy(() -> GeneratedCodecSupport.checkEnd(7, 9, ADDRESS_TYPE, ADDRESS))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("2 bytes after the last field");
    assertThatThrownBy(() -> GeneratedCodecSupport.checkEnd(7, 9, PAIR, USER))
        .hasMessageContaining("2 bytes after the last element");
  }

  @Test
  void decodeFieldNamesTheFieldOfAMalformedValue() {
    DeserializeValue.Decoder<Integer> ints =
        Codecs.deserializer(Integer.class).bind(ColumnType.INT);
    assertThat(GeneratedCodecSupport.decodeField(ints, cell("0000002a"), ADDRESS_TYPE, 1, ADDRESS))
        .isEqualTo(42);
    assertThatThrownBy(
            () -> GeneratedCodecSupport.decodeField(ints, cell("0102"), ADDRESS_TYPE, 1, ADDRESS))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("field 'zip_code': ")
        .hasMessageContaining("expected 4 bytes, got 2")
        .hasCauseInstanceOf(DeserializationException.class);
  }

  @Test
  void bindFieldNamesTheFieldOfATypeMismatch() {
    DeserializeValue<Integer> ints = Codecs.deserializer(Integer.class);
    assertThat(GeneratedCodecSupport.bindField(ints, PAIR, 0, USER)).isNotNull();
    assertThatThrownBy(() -> GeneratedCodecSupport.bindField(ints, ADDRESS_TYPE, 0, ADDRESS))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("into Java type " + ADDRESS + ": field 'street': ")
        .hasMessageContaining("CQL type text");
  }

  @Test
  void nonNullFieldRejectsNullForAPrimitive() {
    assertThat(GeneratedCodecSupport.nonNullField(3, PAIR, 0, "int", USER)).isEqualTo(3);
    assertThatThrownBy(() -> GeneratedCodecSupport.nonNullField(null, PAIR, 0, "int", USER))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("into Java type int")
        .hasMessageContaining("element 0 is null")
        .hasMessageContaining("primitive component of User")
        .hasMessageContaining("@DefaultWhenNull");
  }

  @Test
  void userTypeFieldChecksNameTheFieldAndTheRecord() {
    assertThat(GeneratedCodecSupport.requireField(ADDRESS_TYPE, 1, "zip_code", ADDRESS)).isOne();
    assertThatThrownBy(() -> GeneratedCodecSupport.requireField(ADDRESS_TYPE, -1, "city", ADDRESS))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("the user type has no field 'city'")
        .hasMessageContaining("its component of Address @AllowMissing");
    assertThatThrownBy(
            () -> GeneratedCodecSupport.requireFieldForWriting(ADDRESS_TYPE, -1, "city", ADDRESS))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("no field 'city'");

    assertThat(GeneratedCodecSupport.fieldAt(ADDRESS_TYPE, 1, "zip", false, ADDRESS)).isOne();
    assertThatThrownBy(() -> GeneratedCodecSupport.fieldAt(ADDRESS_TYPE, 1, "zip", true, ADDRESS))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("field 1 is 'zip_code', but the component there maps to 'zip'");
    assertThatThrownBy(
            () -> GeneratedCodecSupport.fieldAtForWriting(ADDRESS_TYPE, 2, "city", true, ADDRESS))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("the user type has no field 2 (for component 'city'");

    assertThat(GeneratedCodecSupport.excessField(ADDRESS_TYPE, 0, ADDRESS))
        .hasMessageContaining("field 'street' maps to no component of Address");
    assertThat(GeneratedCodecSupport.excessFieldForWriting(ADDRESS_TYPE, 0, ADDRESS))
        .hasMessageContaining("forbidExcessUdtFields");
  }

  // ---- writing user types and tuples ----

  @Test
  void writeFieldWritesABytesValueAndRejectsUnset() {
    ByteBuf out = Unpooled.buffer();
    buffers.add(out);
    SerializeValue.Writer<Integer> ints = Codecs.serializer(Integer.class).bind(ColumnType.INT);
    assertThat(GeneratedCodecSupport.writeField(ints, 7, out, PAIR, 0, USER))
        .isEqualTo(SerializeValue.Writer.VALUE);
    assertThat(GeneratedCodecSupport.writeField(ints, null, out, PAIR, 0, USER))
        .isEqualTo(SerializeValue.Writer.NULL);
    assertThat(HexFormat.of().formatHex(out.array(), 0, out.writerIndex()))
        .isEqualTo("0000000400000007ffffffff");
    SerializeValue.Writer<Integer> unset = (value, o) -> SerializeValue.Writer.UNSET;
    assertThatThrownBy(() -> GeneratedCodecSupport.writeField(unset, 1, out, PAIR, 1, USER))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("element 1 cannot be unset");
    SerializeValue.Writer<Integer> failing =
        (value, o) -> {
          throw new SerializationException(null, ColumnType.INT, "int", "out of range");
        };
    assertThatThrownBy(
            () -> GeneratedCodecSupport.writeField(failing, 1, out, ADDRESS_TYPE, 1, ADDRESS))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("field 'zip_code': ")
        .hasMessageContaining("out of range");
  }

  @Test
  void bindFieldWriterNamesTheFieldOfATypeMismatch() {
    assertThatThrownBy(
            () ->
                GeneratedCodecSupport.bindFieldWriter(
                    Codecs.serializer(Integer.class), ADDRESS_TYPE, 0, ADDRESS))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("field 'street': ");
  }

  // ---- rows ----

  @Test
  void missingColumnNamesTheColumnTheRecordAndTheColumnsPresent() {
    List<ColumnSpec> columns = List.of(col("id", ColumnType.UUID), col("age", ColumnType.INT));
    assertThat(GeneratedCodecSupport.requireColumn(columns, 1, "age", USER)).isOne();
    assertThatThrownBy(() -> GeneratedCodecSupport.requireColumn(columns, -1, "email", USER))
        .isInstanceOfSatisfying(
            TypeCheckException.class,
            e -> {
              assertThat(e.column()).isEqualTo("email");
              assertThat(e.cqlType()).isNull();
              assertThat(e.javaType()).isEqualTo(USER);
            })
        .hasMessageStartingWith(
            "Column 'email' required by com.example.User is missing from the result (columns"
                + " present: id, age); select it, or annotate")
        .hasMessageNotContaining("null");
  }

  @Test
  void columnChecksNameTheColumnItsCqlTypeAndTheJavaType() {
    assertThat(GeneratedCodecSupport.unmappedColumn(col("zzz", ColumnType.INT), USER))
        .hasMessageStartingWith(
            "Cannot decode column 'zzz' of CQL type int into Java type com.example.User: no"
                + " component of User maps to this column");
    List<ColumnSpec> columns = List.of(col("y", ColumnType.INT), col("x", ColumnType.INT));
    assertThatThrownBy(() -> GeneratedCodecSupport.columnAt(columns, 0, "x", USER))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("column 'y' of CQL type int into Java type com.example.User")
        .hasMessageContaining("column 0 should be 'x'");
    assertThatThrownBy(() -> GeneratedCodecSupport.checkColumnCount(columns, 3, 4, "x, y, z", USER))
        .isInstanceOf(TypeCheckException.class)
        .hasMessage(
            "Cannot decode the result into Java type com.example.User: User maps, in order"
                + " (flavor ENFORCE_ORDER): x, y, z (the last 1 may be absent); the result has 2"
                + " columns (y, x)");
    GeneratedCodecSupport.checkColumnCount(columns, 2, 2, "y, x", USER);
  }

  @Test
  void bindColumnNamesTheColumnOfATypeMismatch() {
    List<ColumnSpec> columns = List.of(col("name", ColumnType.TEXT));
    assertThatThrownBy(
            () -> GeneratedCodecSupport.bindColumn(Codecs.deserializer(Integer.class), columns, 0))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("column 'name' of CQL type text");
  }

  @Test
  void nonNullNamesTheColumnOfANullPrimitive() {
    List<ColumnSpec> columns = List.of(col("x", ColumnType.INT), col("y", ColumnType.INT));
    ByteBuf rows = cell("0000000400000005" + "ffffffff");
    RawRow row = new RawRow(rows, columns);
    row.locate(rows.readerIndex(), rows.writerIndex());
    DeserializeValue.Decoder<Integer> ints =
        Codecs.deserializer(Integer.class).bind(ColumnType.INT);
    assertThat(GeneratedCodecSupport.intValue(row, 0, ints, USER)).isEqualTo(5);
    assertThatThrownBy(() -> GeneratedCodecSupport.intValue(row, 1, ints, USER))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("column 'y' of CQL type int into Java type int")
        .hasMessageContaining("primitive component of User");
  }

  @Test
  void primitiveValuesAreReadWithoutTheDecoderWhenTypeAndSizeMatch() {
    List<ColumnSpec> columns =
        List.of(
            col("b", ColumnType.BOOLEAN),
            col("t", ColumnType.TINYINT),
            col("s", ColumnType.SMALLINT),
            col("i", ColumnType.INT),
            col("l", ColumnType.BIGINT),
            col("c", ColumnType.COUNTER),
            col("f", ColumnType.FLOAT),
            col("d", ColumnType.DOUBLE));
    ByteBuf rows =
        cell(
            "00000001"
                + "01"
                + "00000001"
                + "fe"
                + "00000002"
                + "7fff"
                + "00000004"
                + "fffffff9"
                + "00000008"
                + "0000000000000100"
                + "00000008"
                + "ffffffffffffffff"
                + "00000004"
                + "3fc00000"
                + "00000008"
                + "c004000000000000");
    RawRow row = new RawRow(rows, columns);
    row.locate(rows.readerIndex(), rows.writerIndex());
    assertThat(GeneratedCodecSupport.booleanValue(row, 0, failing(), USER)).isTrue();
    assertThat(GeneratedCodecSupport.byteValue(row, 1, failing(), USER)).isEqualTo((byte) -2);
    assertThat(GeneratedCodecSupport.shortValue(row, 2, failing(), USER)).isEqualTo((short) 32767);
    assertThat(GeneratedCodecSupport.intValue(row, 3, failing(), USER)).isEqualTo(-7);
    assertThat(GeneratedCodecSupport.longValue(row, 4, failing(), USER)).isEqualTo(256L);
    assertThat(GeneratedCodecSupport.longValue(row, 5, failing(), USER)).isEqualTo(-1L);
    assertThat(GeneratedCodecSupport.floatValue(row, 6, failing(), USER)).isEqualTo(1.5f);
    assertThat(GeneratedCodecSupport.doubleValue(row, 7, failing(), USER)).isEqualTo(-2.5);
  }

  @Test
  void primitiveValuesThatAreNullEmptyOrOfAnotherSizeGoThroughTheDecoder() {
    List<ColumnSpec> columns =
        List.of(
            col("a", ColumnType.INT),
            col("b", ColumnType.INT),
            col("c", ColumnType.INT),
            col("d", ColumnType.BIGINT));
    ByteBuf rows = cell("ffffffff" + "00000000" + "00000003010203" + "00000004" + "00000005");
    RawRow row = new RawRow(rows, columns);
    row.locate(rows.readerIndex(), rows.writerIndex());
    DeserializeValue.Decoder<Integer> ints =
        Codecs.deserializer(Integer.class).bind(ColumnType.INT);
    assertThatThrownBy(() -> GeneratedCodecSupport.intValue(row, 0, ints, USER))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("column 'a' of CQL type int into Java type int")
        .hasMessageContaining("null cannot be read into a primitive component of User");
    assertThatThrownBy(() -> GeneratedCodecSupport.intValue(row, 1, ints, USER))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("column 'b'");
    assertThatThrownBy(() -> GeneratedCodecSupport.intValue(row, 2, ints, USER))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("column 'c'")
        .hasMessageContaining("expected 4 bytes, got 3");
    // A 4-byte bigint is malformed; the decoder says so.
    DeserializeValue.Decoder<Long> longs = Codecs.deserializer(Long.class).bind(ColumnType.BIGINT);
    assertThatThrownBy(() -> GeneratedCodecSupport.longValue(row, 3, longs, USER))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("column 'd'")
        .hasMessageContaining("expected 8 bytes, got 4");
  }

  /** A decoder that must not be called: the value is read straight from the rows buffer. */
  private static <T> DeserializeValue.Decoder<T> failing() {
    return cell -> {
      throw new AssertionError("the decoder should not be called");
    };
  }

  @Test
  void markerChecksNameTheMarker() {
    List<ColumnSpec> markers = List.of(col("id", ColumnType.UUID), col("age", ColumnType.INT));
    GeneratedCodecSupport.requireMarker(true, "id", markers, USER);
    assertThatThrownBy(() -> GeneratedCodecSupport.requireMarker(false, "email", markers, USER))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("the statement has no bind marker 'email' (markers: id, age)");
    assertThat(GeneratedCodecSupport.unmappedMarker(markers.get(1), USER))
        .hasMessageContaining("bind marker 'age'")
        .hasMessageContaining("no component of User maps to this bind marker");
    assertThat(GeneratedCodecSupport.markerAt(markers, 1, "age", USER)).isEqualTo(markers.get(1));
    assertThatThrownBy(() -> GeneratedCodecSupport.markerAt(markers, 0, "age", USER))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bind marker 0 should be 'age'");
    assertThatThrownBy(() -> GeneratedCodecSupport.checkMarkerCount(markers, 1, 1, "id", USER))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("the statement has 2 bind markers (id, age)");
    assertThatThrownBy(
            () ->
                GeneratedCodecSupport.bindMarker(Codecs.serializer(Integer.class), markers.get(0)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bind marker 'id'");
  }
}
