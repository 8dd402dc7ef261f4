package org.cql4j.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.protocol.value.CqlDuration;
import org.cql4j.protocol.value.TupleValue;
import org.cql4j.protocol.value.UdtValue;
import org.junit.jupiter.api.Test;

class ValueFormatterTest {

  @Test
  void textIsPlainAtTopLevelAndQuotedInsideCollections() {
    assertThat(ValueFormatter.format("it's", ColumnType.TEXT)).isEqualTo("it's");
    assertThat(ValueFormatter.format(List.of("a", "it's"), ColumnType.list(ColumnType.TEXT)))
        .isEqualTo("['a', 'it''s']");
  }

  @Test
  void controlCharactersAreEscapedSoTheRowStaysOnOneLine() {
    assertThat(ValueFormatter.format("a\nb\tc", ColumnType.TEXT)).isEqualTo("a\\nb\\tc");
  }

  @Test
  void nullIsNull() {
    assertThat(ValueFormatter.format(null, ColumnType.INT)).isEqualTo("null");
    assertThat(
            ValueFormatter.format(
                java.util.Arrays.asList(1, null), ColumnType.list(ColumnType.INT)))
        .isEqualTo("[1, null]");
  }

  @Test
  void numbersAndBooleans() {
    assertThat(ValueFormatter.format(42, ColumnType.INT)).isEqualTo("42");
    assertThat(ValueFormatter.format(-7L, ColumnType.BIGINT)).isEqualTo("-7");
    assertThat(ValueFormatter.format((short) 3, ColumnType.SMALLINT)).isEqualTo("3");
    assertThat(ValueFormatter.format((byte) 2, ColumnType.TINYINT)).isEqualTo("2");
    assertThat(ValueFormatter.format(1.5d, ColumnType.DOUBLE)).isEqualTo("1.5");
    assertThat(ValueFormatter.format(new BigDecimal("12.340"), ColumnType.DECIMAL))
        .isEqualTo("12.340");
    assertThat(
            ValueFormatter.format(
                new BigInteger("123456789012345678901234567890"), ColumnType.VARINT))
        .isEqualTo("123456789012345678901234567890");
    assertThat(ValueFormatter.format(true, ColumnType.BOOLEAN)).isEqualTo("True");
    assertThat(ValueFormatter.format(false, ColumnType.BOOLEAN)).isEqualTo("False");
  }

  @Test
  void blobsAreHex() {
    ByteBuffer blob = ByteBuffer.wrap(new byte[] {0x00, (byte) 0xca, (byte) 0xfe});
    assertThat(ValueFormatter.format(blob, ColumnType.BLOB)).isEqualTo("0x00cafe");
    assertThat(blob.remaining()).isEqualTo(3); // the view is not consumed
    assertThat(ValueFormatter.format(ByteBuffer.allocate(0), ColumnType.BLOB)).isEqualTo("0x");
  }

  @Test
  void temporalValues() {
    assertThat(
            ValueFormatter.format(Instant.parse("2024-05-01T12:34:56.789Z"), ColumnType.TIMESTAMP))
        .isEqualTo("2024-05-01 12:34:56.789000+0000");
    assertThat(ValueFormatter.format(LocalDate.of(2024, 2, 29), ColumnType.DATE))
        .isEqualTo("2024-02-29");
    assertThat(ValueFormatter.format(LocalTime.of(13, 5, 7, 123), ColumnType.TIME))
        .isEqualTo("13:05:07.000000123");
    assertThat(
            ValueFormatter.format(new CqlDuration(14, 3, 3_723_004_005_006L), ColumnType.DURATION))
        .isEqualTo("1y2mo3d1h2m3s4ms5us6ns");
    assertThat(ValueFormatter.format(new CqlDuration(0, 0, 0), ColumnType.DURATION))
        .isEqualTo("0s");
    assertThat(ValueFormatter.format(new CqlDuration(0, -2, 0), ColumnType.DURATION))
        .isEqualTo("-2d");
  }

  @Test
  void uuidsAndAddresses() throws Exception {
    UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertThat(ValueFormatter.format(id, ColumnType.UUID))
        .isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    assertThat(ValueFormatter.format(InetAddress.getByName("10.0.0.1"), ColumnType.INET))
        .isEqualTo("10.0.0.1");
  }

  @Test
  void collectionsInCqlLiteralForm() {
    assertThat(ValueFormatter.format(List.of(1, 2), ColumnType.list(ColumnType.INT)))
        .isEqualTo("[1, 2]");
    assertThat(
            ValueFormatter.format(
                new LinkedHashSet<>(List.of("a", "b")), ColumnType.set(ColumnType.TEXT)))
        .isEqualTo("{'a', 'b'}");
    Map<String, List<Integer>> map = new LinkedHashMap<>();
    map.put("x", List.of(1));
    map.put("y", List.of());
    assertThat(
            ValueFormatter.format(
                map, ColumnType.map(ColumnType.TEXT, ColumnType.list(ColumnType.INT))))
        .isEqualTo("{'x': [1], 'y': []}");
  }

  @Test
  void tuplesAndUserTypes() {
    assertThat(
            ValueFormatter.format(
                TupleValue.of(1, "a", null),
                ColumnType.tuple(ColumnType.INT, ColumnType.TEXT, ColumnType.TEXT)))
        .isEqualTo("(1, 'a', null)");
    ColumnType.UserType address =
        new ColumnType.UserType(
            "ks",
            "address",
            List.of(
                new ColumnType.UserType.Field("street", ColumnType.TEXT),
                new ColumnType.UserType.Field("zip", ColumnType.INT)));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("street", "Main St");
    fields.put("zip", 12345);
    assertThat(ValueFormatter.format(UdtValue.of(fields), address))
        .isEqualTo("{street: 'Main St', zip: 12345}");
  }
}
