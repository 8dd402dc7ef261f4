package org.cql4j.protocol.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.cql4j.protocol.deserialize.DeserializationException;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.RawRow;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;

/** Cells of the expected type are read directly; every other case is exactly the decoder's. */
class GeneratedCellReadersTest {
  // §6.21: 16 bytes, most significant first
  private static final String UUID_HEX = "123e4567e89b12d3a456426614174000";
  private static final UUID UUID_VALUE = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

  @Test
  void uuidAndTimeuuidCellsAreReadWithoutTheDecoder() {
    RawRow row =
        row(
            List.of(col("u", ColumnType.UUID), col("t", ColumnType.TIMEUUID)),
            "00000010" + UUID_HEX + "00000010" + UUID_HEX);
    assertThat(GeneratedCellReaders.uuid(row, 0, failing())).isEqualTo(UUID_VALUE);
    assertThat(GeneratedCellReaders.uuid(row, 1, failing())).isEqualTo(UUID_VALUE);
  }

  @Test
  void timestampCellsAreReadWithoutTheDecoder() {
    // §6.17: 8 bytes, milliseconds since the epoch; 0x0000018cc251f400 = 1,704,067,200,000
    RawRow row = row(List.of(col("ts", ColumnType.TIMESTAMP)), "00000008" + "0000018cc251f400");
    assertThat(GeneratedCellReaders.instant(row, 0, failing()))
        .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
  }

  @Test
  void textCellsAreReadWithoutTheDecoderAsciiThroughIt() {
    RawRow row =
        row(
            List.of(
                col("t", ColumnType.TEXT), col("a", ColumnType.ASCII), col("e", ColumnType.TEXT)),
            "00000005" + "68c3a96c6c" + "00000003" + "61e963" + "00000000");
    assertThat(GeneratedCellReaders.text(row, 0, failing())).isEqualTo("héll");
    assertThat(GeneratedCellReaders.text(row, 2, failing())).isEmpty();
    // ascii keeps its decoder's reading of a byte above 0x7f (as Netty reads US-ASCII)
    DeserializeValue.Decoder<String> ascii =
        Codecs.deserializer(String.class).bind(ColumnType.ASCII);
    assertThat(GeneratedCellReaders.text(row, 1, ascii)).isEqualTo(ascii.decode(row.cell(1)));
  }

  @Test
  void nullEmptyAndMalformedCellsGoThroughTheDecoder() {
    RawRow row =
        row(
            List.of(
                col("a", ColumnType.UUID),
                col("b", ColumnType.UUID),
                col("c", ColumnType.TIMESTAMP),
                col("d", ColumnType.UUID),
                col("e", ColumnType.TEXT)),
            "ffffffff" + "00000000" + "00000004" + "00000001" + "00000003" + "010203" + "ffffffff");
    DeserializeValue.Decoder<UUID> uuids = Codecs.deserializer(UUID.class).bind(ColumnType.UUID);
    DeserializeValue.Decoder<Instant> instants =
        Codecs.deserializer(Instant.class).bind(ColumnType.TIMESTAMP);
    assertThat(GeneratedCellReaders.uuid(row, 0, uuids)).isNull();
    assertThat(GeneratedCellReaders.uuid(row, 1, uuids)).isNull(); // a legacy empty value
    assertThatThrownBy(() -> GeneratedCellReaders.instant(row, 2, instants))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("column 'c'")
        .hasMessageContaining("expected 8 bytes, got 4");
    assertThatThrownBy(() -> GeneratedCellReaders.uuid(row, 3, uuids))
        .isInstanceOf(DeserializationException.class)
        .hasMessageContaining("column 'd'")
        .hasMessageContaining("expected 16 bytes, got 3");
    assertThat(
            GeneratedCellReaders.text(
                row, 4, Codecs.deserializer(String.class).bind(ColumnType.TEXT)))
        .isNull();
  }

  @Test
  void aColumnOfAnotherTypeGoesThroughTheDecoder() {
    // a String component bound to a varint column, say, through a decoder the session chose
    RawRow row = row(List.of(col("v", ColumnType.INT)), "00000004" + "0000002a");
    DeserializeValue.Decoder<String> asText = cell -> "decoded " + cell.readInt();
    assertThat(GeneratedCellReaders.text(row, 0, asText)).isEqualTo("decoded 42");
  }

  private static RawRow row(List<ColumnSpec> columns, String hex) {
    byte[] rows = HexFormat.of().parseHex(hex);
    RawRow row = new RawRow(rows, columns);
    assertThat(row.locate(0, rows.length)).isEqualTo(rows.length);
    return row;
  }

  private static ColumnSpec col(String name, ColumnType type) {
    return new ColumnSpec("ks", "t", name, type);
  }

  private static <T> DeserializeValue.Decoder<T> failing() {
    return cell -> {
      throw new AssertionError("the decoder should not be called");
    };
  }
}
