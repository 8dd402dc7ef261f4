package org.cql4j.protocol.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cql4j.protocol.value.CodecTestSupport.decode;
import static org.cql4j.protocol.value.CodecTestSupport.encode;
import static org.cql4j.protocol.value.CodecTestSupport.roundTrip;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.TypeCheckException;
import org.cql4j.protocol.serialize.SerializationException;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;

class NativeCodecsTest {

  @Test
  void encodesIntegersBigEndianAsInTheSpec() {
    assertThat(encode(Codecs.serializer(Integer.class), ColumnType.INT, 42)).isEqualTo("0000002a");
    assertThat(encode(Codecs.serializer(Long.class), ColumnType.BIGINT, -2L))
        .isEqualTo("fffffffffffffffe");
    assertThat(encode(Codecs.serializer(Short.class), ColumnType.SMALLINT, (short) 258))
        .isEqualTo("0102");
    assertThat(encode(Codecs.serializer(Byte.class), ColumnType.TINYINT, (byte) -1))
        .isEqualTo("ff");
    assertThat(encode(Codecs.serializer(Boolean.class), ColumnType.BOOLEAN, true)).isEqualTo("01");
    assertThat(decode(Codecs.deserializer(Boolean.class), ColumnType.BOOLEAN, "07")).isTrue();
    assertThat(decode(Codecs.deserializer(int.class), ColumnType.INT, "0000002a")).isEqualTo(42);
  }

  @Test
  void roundTripsIntegerExtremes() {
    for (int v : new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}) {
      assertThat(roundTrip(Integer.class, ColumnType.INT, v)).isEqualTo(v);
    }
    for (long v : new long[] {Long.MIN_VALUE, Long.MAX_VALUE}) {
      assertThat(roundTrip(Long.class, ColumnType.BIGINT, v)).isEqualTo(v);
      assertThat(roundTrip(Long.class, ColumnType.COUNTER, v)).isEqualTo(v);
    }
    assertThat(roundTrip(Short.class, ColumnType.SMALLINT, Short.MIN_VALUE))
        .isEqualTo(Short.MIN_VALUE);
    assertThat(roundTrip(Byte.class, ColumnType.TINYINT, Byte.MAX_VALUE)).isEqualTo(Byte.MAX_VALUE);
    assertThat(roundTrip(Counter.class, ColumnType.COUNTER, new Counter(-5)))
        .isEqualTo(new Counter(-5));
  }

  @Test
  void roundTripsFloatingPointSpecialValues() {
    for (double v :
        new double[] {
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          -0.0,
          Double.MIN_VALUE,
          Double.MAX_VALUE
        }) {
      assertThat(Double.doubleToRawLongBits(roundTrip(Double.class, ColumnType.DOUBLE, v)))
          .isEqualTo(Double.doubleToRawLongBits(v));
    }
    for (float v :
        new float[] {Float.NaN, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, Float.MIN_VALUE}) {
      assertThat(Float.floatToRawIntBits(roundTrip(Float.class, ColumnType.FLOAT, v)))
          .isEqualTo(Float.floatToRawIntBits(v));
    }
    assertThat(encode(Codecs.serializer(Float.class), ColumnType.FLOAT, 1.0f))
        .isEqualTo("3f800000");
  }

  @Test
  void encodesTextAsUtf8IncludingFourByteCharacters() {
    assertThat(encode(Codecs.serializer(String.class), ColumnType.TEXT, "é😀"))
        .isEqualTo("c3a9f09f9880");
    for (String s : new String[] {"", "hello", "日本語", "😀𝄞", "\u0000"}) {
      assertThat(roundTrip(String.class, ColumnType.TEXT, s)).isEqualTo(s);
    }
    assertThat(roundTrip(String.class, ColumnType.ASCII, "plain")).isEqualTo("plain");
  }

  @Test
  void rejectsNonAsciiTextForAsciiColumns() {
    assertThatThrownBy(() -> encode(Codecs.serializer(String.class), ColumnType.ASCII, "é"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("ascii")
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void decodesBlobAsReadOnlyViewAndByteArrayAsCopy() {
    ByteBuffer view = decode(Codecs.deserializer(ByteBuffer.class), ColumnType.BLOB, "cafe");
    assertThat(view.isReadOnly()).isTrue();
    assertThat(view.remaining()).isEqualTo(2);
    assertThat(view.get(0)).isEqualTo((byte) 0xCA);
    assertThat(roundTrip(byte[].class, ColumnType.BLOB, new byte[] {1, 2, 3}))
        .containsExactly(1, 2, 3);
    assertThat(roundTrip(byte[].class, ColumnType.BLOB, new byte[0])).isEmpty();
    assertThat(
            encode(
                Codecs.serializer(ByteBuffer.class),
                ColumnType.BLOB,
                ByteBuffer.wrap(new byte[] {9})))
        .isEqualTo("09");
  }

  @Test
  void treatsEmptyFixedSizeValuesAsNullAndNullCellsAsNull() {
    assertThat(decode(Codecs.deserializer(Integer.class), ColumnType.INT, "")).isNull();
    assertThat(decode(Codecs.deserializer(Integer.class), ColumnType.INT, null)).isNull();
    assertThat(decode(Codecs.deserializer(String.class), ColumnType.TEXT, "")).isEmpty();
  }

  @Test
  void rejectsNullForPrimitives() {
    assertThatThrownBy(() -> decode(Codecs.deserializer(int.class), ColumnType.INT, null))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("int")
        .hasMessageContaining("primitive");
  }

  @Test
  void rejectsWrongFixedLengths() {
    assertThatThrownBy(() -> decode(Codecs.deserializer(Integer.class), ColumnType.INT, "000001"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("expected 4 bytes, got 3")
        .hasMessageContaining("java.lang.Integer")
        .hasMessageContaining("offset 2");
    assertThatThrownBy(() -> decode(Codecs.deserializer(UUID.class), ColumnType.UUID, "00"))
        .isInstanceOf(DeserializationException.class);
    assertThatThrownBy(
            () -> decode(Codecs.deserializer(InetAddress.class), ColumnType.INET, "0102"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("4 or 16");
  }

  @Test
  void typeCheckNamesCqlAndJavaTypes() {
    assertThatThrownBy(() -> Codecs.deserializer(String.class).bind(ColumnType.INT))
        .isInstanceOf(TypeCheckException.class)
        .hasMessageContaining("CQL type int")
        .hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> Codecs.serializer(Integer.class).bind(ColumnType.BIGINT))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bigint")
        .hasMessageContaining("java.lang.Integer");
  }

  @Test
  void encodesVarintsAsInTheSpecTable() {
    String[][] table = {
      {"0", "00"},
      {"1", "01"},
      {"127", "7f"},
      {"128", "0080"},
      {"129", "0081"},
      {"-1", "ff"},
      {"-128", "80"},
      {"-129", "ff7f"}
    };
    for (String[] row : table) {
      BigInteger v = new BigInteger(row[0]);
      assertThat(encode(Codecs.serializer(BigInteger.class), ColumnType.VARINT, v))
          .isEqualTo(row[1]);
      assertThat(decode(Codecs.deserializer(BigInteger.class), ColumnType.VARINT, row[1]))
          .isEqualTo(v);
    }
    BigInteger huge = BigInteger.TWO.pow(4000).negate().add(BigInteger.valueOf(12345));
    assertThat(roundTrip(BigInteger.class, ColumnType.VARINT, huge)).isEqualTo(huge);
    assertThat(decode(Codecs.deserializer(CqlVarint.class), ColumnType.VARINT, "0001"))
        .isEqualTo(CqlVarint.ofBytes(new byte[] {0, 1}));
  }

  @Test
  void encodesDecimalsAsScaleThenUnscaledVarint() {
    assertThat(
            encode(Codecs.serializer(BigDecimal.class), ColumnType.DECIMAL, new BigDecimal("1.28")))
        .isEqualTo("000000020080");
    BigDecimal negativeScale = new BigDecimal(new BigInteger("-7"), -30);
    assertThat(roundTrip(BigDecimal.class, ColumnType.DECIMAL, negativeScale))
        .isEqualTo(negativeScale);
    BigDecimal big = new BigDecimal("-123456789012345678901234567890.000000000000000000001");
    assertThat(roundTrip(BigDecimal.class, ColumnType.DECIMAL, big)).isEqualTo(big);
    assertThat(roundTrip(CqlDecimal.class, ColumnType.DECIMAL, CqlDecimal.of(big)).toBigDecimal())
        .isEqualTo(big);
    assertThatThrownBy(
            () -> decode(Codecs.deserializer(BigDecimal.class), ColumnType.DECIMAL, "000000"))
        .isInstanceOf(DeserializationException.class);
  }

  @Test
  void encodesDatesCenteredAtTwoToThe31() {
    assertThat(encode(Codecs.serializer(LocalDate.class), ColumnType.DATE, LocalDate.EPOCH))
        .isEqualTo("80000000");
    assertThat(decode(Codecs.deserializer(LocalDate.class), ColumnType.DATE, "00000000"))
        .isEqualTo(LocalDate.parse("-5877641-06-23"));
    assertThat(decode(Codecs.deserializer(LocalDate.class), ColumnType.DATE, "ffffffff"))
        .isEqualTo(LocalDate.parse("+5881580-07-11"));
    for (String d : new String[] {"1969-12-31", "0001-01-01", "-0044-03-15", "9999-12-31"}) {
      assertThat(roundTrip(LocalDate.class, ColumnType.DATE, LocalDate.parse(d)))
          .isEqualTo(LocalDate.parse(d));
    }
    assertThat(roundTrip(CqlDate.class, ColumnType.DATE, new CqlDate(Integer.MIN_VALUE)))
        .isEqualTo(new CqlDate(Integer.MIN_VALUE));
    assertThatThrownBy(
            () -> encode(Codecs.serializer(LocalDate.class), ColumnType.DATE, LocalDate.MAX))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("range");
  }

  @Test
  void roundTripsTimesAndTimestamps() {
    assertThat(roundTrip(LocalTime.class, ColumnType.TIME, LocalTime.MAX)).isEqualTo(LocalTime.MAX);
    assertThat(roundTrip(LocalTime.class, ColumnType.TIME, LocalTime.MIDNIGHT))
        .isEqualTo(LocalTime.MIDNIGHT);
    assertThatThrownBy(
            () -> decode(Codecs.deserializer(LocalTime.class), ColumnType.TIME, "ffffffffffffffff"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("CqlTime");
    assertThat(decode(Codecs.deserializer(CqlTime.class), ColumnType.TIME, "ffffffffffffffff"))
        .isEqualTo(new CqlTime(-1));
    Instant before = Instant.parse("1901-02-03T04:05:06.789Z");
    assertThat(roundTrip(Instant.class, ColumnType.TIMESTAMP, before)).isEqualTo(before);
    Instant far = Instant.ofEpochMilli(Long.MAX_VALUE);
    assertThat(roundTrip(Instant.class, ColumnType.TIMESTAMP, far)).isEqualTo(far);
    assertThat(
            encode(Codecs.serializer(Instant.class), ColumnType.TIMESTAMP, Instant.ofEpochMilli(1)))
        .isEqualTo("0000000000000001");
    assertThatThrownBy(
            () -> encode(Codecs.serializer(Instant.class), ColumnType.TIMESTAMP, Instant.MAX))
        .isInstanceOf(SerializationException.class);
    assertThat(
            roundTrip(CqlTimestamp.class, ColumnType.TIMESTAMP, new CqlTimestamp(Long.MIN_VALUE)))
        .isEqualTo(new CqlTimestamp(Long.MIN_VALUE));
  }

  @Test
  void encodesDurationsAsZigZagVints() {
    // months 1 -> 02, days -1 -> 01, nanos 256000 -> zigzag 512000 = 0x7D000 -> e0 7d 00? check
    // with 3-byte form
    assertThat(
            encode(
                Codecs.serializer(CqlDuration.class),
                ColumnType.DURATION,
                new CqlDuration(1, 2, 3)))
        .isEqualTo("020406");
    assertThat(
            encode(
                Codecs.serializer(CqlDuration.class),
                ColumnType.DURATION,
                new CqlDuration(0, 0, 128000)))
        .isEqualTo("0000c3e800");
    for (CqlDuration d :
        new CqlDuration[] {
          new CqlDuration(0, 0, 0),
          new CqlDuration(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE),
          new CqlDuration(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE),
          new CqlDuration(-1, 0, -86_400_000_000_000L)
        }) {
      assertThat(roundTrip(CqlDuration.class, ColumnType.DURATION, d)).isEqualTo(d);
    }
    assertThatThrownBy(
            () ->
                encode(
                    Codecs.serializer(CqlDuration.class),
                    ColumnType.DURATION,
                    new CqlDuration(1, -1, 0)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("signs");
    assertThatThrownBy(
            () -> decode(Codecs.deserializer(CqlDuration.class), ColumnType.DURATION, "02c3"))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("truncated vint");
  }

  @Test
  void roundTripsUuidsAndAddresses() throws Exception {
    UUID u = UUID.fromString("8e14e760-7fa8-11eb-bc66-000000000001");
    assertThat(roundTrip(UUID.class, ColumnType.TIMEUUID, u)).isEqualTo(u);
    assertThat(roundTrip(UUID.class, ColumnType.UUID, u)).isEqualTo(u);
    assertThat(roundTrip(CqlTimeuuid.class, ColumnType.TIMEUUID, new CqlTimeuuid(u)).uuid())
        .isEqualTo(u);
    InetAddress v6 = InetAddress.getByName("::1");
    assertThat(roundTrip(InetAddress.class, ColumnType.INET, v6)).isEqualTo(v6);
    assertThat(
            encode(
                Codecs.serializer(InetAddress.class),
                ColumnType.INET,
                InetAddress.getByName("10.0.0.1")))
        .isEqualTo("0a000001");
  }

  @Test
  void ordersTimeuuidsByTimestampFirst() {
    CqlTimeuuid earlier = new CqlTimeuuid(UUID.fromString("00000001-0000-1000-ffff-000000000000"));
    CqlTimeuuid later = new CqlTimeuuid(UUID.fromString("00000002-0000-1000-0000-000000000000"));
    assertThat(earlier).isLessThan(later);
    CqlTimeuuid negativeByte =
        new CqlTimeuuid(UUID.fromString("00000001-0000-1000-8000-000000000000"));
    CqlTimeuuid positiveByte =
        new CqlTimeuuid(UUID.fromString("00000001-0000-1000-7f00-000000000000"));
    assertThat(negativeByte).isLessThan(positiveByte);
  }
}
