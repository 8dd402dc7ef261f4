package org.cql4j.protocol.value;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.cql4j.protocol.deserialize.DeserializeValue;
import org.cql4j.protocol.deserialize.RawRow;
import org.cql4j.protocol.types.ColumnType;

/**
 * Stateless, thread-safe readers of the most common reference-typed cells (uuid, timestamp, text),
 * called by the row codecs that cql-mapper-processor generates; public for that reason only.
 *
 * <p>Why: a bound decoder is called through {@link RawRow#decode}, one call site shared by every
 * column of every row type, so the JIT sees many decoder classes there and cannot inline any of
 * them (a megamorphic call per cell). These readers are static: a cell of the expected CQL type and
 * size is read straight from the rows buffer (its offset and length were checked by {@link
 * RawRow#locate}). Anything else (null, empty, another CQL type, a malformed size) goes through the
 * bound decoder, so the result or the error is exactly the decoder's. Nothing is allocated beyond
 * the value itself.
 */
public final class GeneratedCellReaders {
  private GeneratedCellReaders() {}

  /**
   * Reads a {@code uuid} or {@code timeuuid} cell (native_protocol_v4.spec §6.21, §6.18).
   *
   * @param row the row
   * @param index the column position
   * @param decoder the decoder bound to the column, for every other case
   * @return the value, or what the decoder returns
   */
  public static UUID uuid(RawRow row, int index, DeserializeValue.Decoder<UUID> decoder) {
    int at = GeneratedCodecSupport.offsetIf(row, index, 16, ColumnType.UUID, ColumnType.TIMEUUID);
    if (at < 0) {
      return row.decode(index, decoder);
    }
    return new UUID(row.readLong(at), row.readLong(at + 8));
  }

  /**
   * Reads a {@code timestamp} cell (§6.17: milliseconds since the epoch).
   *
   * @param row the row
   * @param index the column position
   * @param decoder the decoder bound to the column, for every other case
   * @return the value, or what the decoder returns
   */
  public static Instant instant(RawRow row, int index, DeserializeValue.Decoder<Instant> decoder) {
    int at =
        GeneratedCodecSupport.offsetIf(row, index, 8, ColumnType.TIMESTAMP, ColumnType.TIMESTAMP);
    return at < 0 ? row.decode(index, decoder) : Instant.ofEpochMilli(row.readLong(at));
  }

  /**
   * Reads a {@code text} cell (UTF-8, §6.15).
   *
   * @param row the row
   * @param index the column position
   * @param decoder the decoder bound to the column, for every other case
   * @return the value, or what the decoder returns
   */
  public static String text(RawRow row, int index, DeserializeValue.Decoder<String> decoder) {
    int length = row.length(index);
    ColumnType type = row.columns().get(index).type();
    if (length < 0 || type != ColumnType.TEXT) {
      return row.decode(index, decoder); // ascii too: its decoder maps bytes above 0x7f its own way
    }
    return row.readString(row.offset(index), length, StandardCharsets.UTF_8);
  }
}
