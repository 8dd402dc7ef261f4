package org.cql4j.cli.stress.generate;

import io.netty.buffer.ByteBuf;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.cql4j.protocol.types.ColumnType;

/**
 * Writes one generated [value] (native_protocol_v4.spec §3: an [int] length, then the bytes) for an
 * operation's index straight into the frame being encoded, without a Java object in between.
 * Immutable and thread-safe: the value depends only on the index.
 *
 * <p>A final class that switches on its encoding, so that the loop over a row's markers makes
 * monomorphic calls the JIT inlines, however many kinds of generators the row mixes.
 */
public final class ValueWriter {

  /** How a generated value is laid out (native_protocol_v4.spec §6). */
  enum Encoding {
    LONG,
    INT,
    SHORT,
    BYTE,
    DOUBLE,
    FLOAT,
    VARINT,
    DECIMAL_TEXT,
    BYTES,
    UUID;

    /** How a number is written for a marker of this type, or {@code null} if it cannot be. */
    static Encoding numberAs(ColumnType type) {
      if (!(type instanceof ColumnType.Native n)) {
        return null;
      }
      return switch (n) {
        case BIGINT, COUNTER, TIMESTAMP, BLOB -> LONG;
        case INT -> INT;
        case SMALLINT -> SHORT;
        case TINYINT -> BYTE;
        case DOUBLE -> DOUBLE;
        case FLOAT -> FLOAT;
        case VARINT -> VARINT;
        case TEXT, ASCII -> DECIMAL_TEXT;
        default -> null;
      };
    }
  }

  private final Encoding encoding;
  private final NumberGenerator numbers;
  private final BytesGenerator bytes;
  private final long salt;

  private ValueWriter(Encoding encoding, NumberGenerator numbers, BytesGenerator bytes, long salt) {
    this.encoding = encoding;
    this.numbers = numbers;
    this.bytes = bytes;
    this.salt = salt;
  }

  static ValueWriter numbers(NumberGenerator numbers, Encoding encoding) {
    return new ValueWriter(encoding, numbers, null, 0);
  }

  static ValueWriter bytes(BytesGenerator bytes) {
    return new ValueWriter(Encoding.BYTES, null, bytes, 0);
  }

  static ValueWriter uuid(long salt) {
    return new ValueWriter(Encoding.UUID, null, null, salt);
  }

  /**
   * Appends the value for operation {@code index}.
   *
   * @param index the operation's sequence number in the run
   * @param out the frame buffer; owned by the caller
   */
  public void write(long index, ByteBuf out) {
    switch (encoding) {
      case LONG -> out.writeInt(8).writeLong(numbers.next(index));
      case INT -> out.writeInt(4).writeInt((int) numbers.next(index));
      case SHORT -> out.writeInt(2).writeShort((short) numbers.next(index));
      case BYTE -> out.writeInt(1).writeByte((byte) numbers.next(index));
      case DOUBLE -> out.writeInt(8).writeDouble(numbers.next(index));
      case FLOAT -> out.writeInt(4).writeFloat(numbers.next(index));
      case VARINT -> {
        byte[] b = BigInteger.valueOf(numbers.next(index)).toByteArray();
        out.writeInt(b.length).writeBytes(b);
      }
      case DECIMAL_TEXT -> writeDecimal(numbers.next(index), out);
      case BYTES -> bytes.write(index, out);
      case UUID -> {
        long high = Mix.bits(salt, index);
        long low = Mix.mix(high + Mix.GAMMA);
        // RFC 9562 §5.4: version 4 in bits 48-51, variant 10 in bits 64-65
        out.writeInt(16);
        out.writeLong((high & ~0xF000L) | 0x4000L);
        out.writeLong((low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
      }
      default -> throw new AssertionError(encoding);
    }
  }

  /** Writes a number's decimal digits as a text [value], with no intermediate String. */
  static void writeDecimal(long value, ByteBuf out) {
    if (value == Long.MIN_VALUE) {
      byte[] b = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
      out.writeInt(b.length).writeBytes(b);
      return;
    }
    long magnitude = Math.abs(value);
    int digits = 1;
    for (long m = magnitude; m >= 10; m /= 10) {
      digits++;
    }
    int length = digits + (value < 0 ? 1 : 0);
    out.writeInt(length);
    out.ensureWritable(length);
    int start = out.writerIndex();
    if (value < 0) {
      out.setByte(start, '-');
    }
    int end = start + length;
    for (int at = end - 1; at >= end - digits; at--) {
      out.setByte(at, (int) ('0' + magnitude % 10));
      magnitude /= 10;
    }
    out.writerIndex(end);
  }
}
