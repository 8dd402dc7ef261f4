package org.cql4j.cli.stress.generate;

import io.netty.buffer.ByteBuf;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.cql4j.protocol.types.ColumnType;

/**
 * A generator of whole numbers (sequences, uniform and Zipf draws, the clock), immutable and
 * thread-safe. A number fits any integer, floating-point, {@code timestamp}, {@code varint}, text
 * (as its decimal digits) or {@code blob} (8 bytes, big-endian) marker.
 */
public abstract class NumberGenerator implements Generator {
  private final String description;

  /**
   * Creates a generator.
   *
   * @param description how the workload wrote it
   */
  protected NumberGenerator(String description) {
    this.description = description;
  }

  /**
   * The number for operation {@code index}.
   *
   * @param index the operation's sequence number in the run
   * @return the number
   */
  public abstract long next(long index);

  @Override
  public String describe() {
    return description;
  }

  @Override
  public ValueWriter writerFor(ColumnType type) {
    if (!(type instanceof ColumnType.Native n)) {
      throw new IllegalArgumentException(description + " makes numbers, not " + type);
    }
    // native_protocol_v4.spec §6: the [value] bytes of each type
    return switch (n) {
      case BIGINT, COUNTER, TIMESTAMP ->
          (i, out) -> {
            out.writeInt(8);
            out.writeLong(next(i));
          };
      case INT -> (i, out) -> out.writeInt(4).writeInt((int) next(i));
      case SMALLINT -> (i, out) -> out.writeInt(2).writeShort((short) next(i));
      case TINYINT -> (i, out) -> out.writeInt(1).writeByte((byte) next(i));
      case DOUBLE -> (i, out) -> out.writeInt(8).writeDouble(next(i));
      case FLOAT -> (i, out) -> out.writeInt(4).writeFloat(next(i));
      case VARINT ->
          (i, out) -> {
            byte[] bytes = BigInteger.valueOf(next(i)).toByteArray();
            out.writeInt(bytes.length).writeBytes(bytes);
          };
      case BLOB -> (i, out) -> out.writeInt(8).writeLong(next(i));
      case TEXT, ASCII -> (i, out) -> writeDecimal(next(i), out);
      default -> throw new IllegalArgumentException(description + " makes numbers, not " + n);
    };
  }

  /** Writes a number's decimal digits as a text [value], with no intermediate String. */
  static void writeDecimal(long value, ByteBuf out) {
    if (value == Long.MIN_VALUE) {
      byte[] bytes = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
      out.writeInt(bytes.length).writeBytes(bytes);
      return;
    }
    long magnitude = Math.abs(value);
    int digits = 1;
    for (long m = magnitude; m >= 10; m /= 10) {
      digits++;
    }
    int length = digits + (value < 0 ? 1 : 0);
    out.writeInt(length);
    int start = out.writerIndex();
    out.ensureWritable(length);
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

  /** {@code seq(start, end)}: start, start + 1, ... end, then from start again. */
  static NumberGenerator sequence(String description, long start, long end) {
    long size = end - start + 1;
    return new NumberGenerator(description) {
      @Override
      public long next(long index) {
        return start + Math.floorMod(index, size);
      }
    };
  }

  /** {@code uniform(min, max)}: every number of [min, max] equally likely. */
  static NumberGenerator uniform(String description, long salt, long min, long max) {
    double size = (double) max - min + 1;
    return new NumberGenerator(description) {
      @Override
      public long next(long index) {
        return Math.min(max, min + (long) (Mix.unit(Mix.bits(salt, index)) * size));
      }
    };
  }

  /** {@code zipf(n, exponent)}: 0 .. n-1, rank r about (r+1)^-exponent likely. */
  static NumberGenerator zipf(String description, long salt, long n, double exponent) {
    ZipfSampler sampler = new ZipfSampler(n, exponent);
    return new NumberGenerator(description) {
      @Override
      public long next(long index) {
        return sampler.sample(salt, index) - 1;
      }
    };
  }

  /** {@code now()}: the wall clock in milliseconds since the epoch. */
  static NumberGenerator clock(String description) {
    return new NumberGenerator(description) {
      @Override
      public long next(long index) {
        return System.currentTimeMillis();
      }
    };
  }
}
