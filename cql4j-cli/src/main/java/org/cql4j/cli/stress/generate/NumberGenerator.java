package org.cql4j.cli.stress.generate;

import org.cql4j.protocol.types.ColumnType;

/**
 * A generator of whole numbers (sequences, uniform and Zipf draws, the clock), immutable and
 * thread-safe. A number fits any integer, floating-point, {@code timestamp}, {@code varint}, text
 * (as its decimal digits) or {@code blob} (8 bytes, big-endian) marker.
 *
 * <p>One final class with a switch rather than a class per kind, so that the per-value call from
 * {@link ValueWriter} is monomorphic and inlined: a row mixes several kinds.
 */
public final class NumberGenerator implements Generator {
  private enum Kind {
    SEQUENCE,
    UNIFORM,
    UNIFORM_WIDE,
    ZIPF,
    CLOCK
  }

  private final String description;
  private final Kind kind;
  private final long salt;
  private final long min;
  private final long max;
  private final long size;
  private final double wideSize;
  private final ZipfSampler zipf;

  private NumberGenerator(
      String description, Kind kind, long salt, long min, long max, ZipfSampler zipf) {
    this.description = description;
    this.kind = kind;
    this.salt = salt;
    this.min = min;
    this.max = max;
    // SEQUENCE: the count of values; UNIFORM: twice it (see next); others: unused
    this.size = kind == Kind.UNIFORM ? (max - min + 1) << 1 : max - min + 1;
    this.wideSize = (double) max - min + 1;
    this.zipf = zipf;
  }

  /** {@code seq(start, end)}: start, start + 1, ... end, then from start again. */
  static NumberGenerator sequence(String description, long start, long end) {
    return new NumberGenerator(description, Kind.SEQUENCE, 0, start, end, null);
  }

  /** {@code uniform(min, max)}: every number of [min, max] equally likely. */
  static NumberGenerator uniform(String description, long salt, long min, long max) {
    boolean narrow = max - min >= 0 && max - min < (1L << 61);
    return new NumberGenerator(
        description, narrow ? Kind.UNIFORM : Kind.UNIFORM_WIDE, salt, min, max, null);
  }

  /** {@code zipf(n, exponent)}: 0 .. n-1, rank r about (r+1)^-exponent likely. */
  static NumberGenerator zipf(String description, long salt, long n, double exponent) {
    return new NumberGenerator(
        description, Kind.ZIPF, salt, 0, n - 1, new ZipfSampler(n, exponent));
  }

  /** {@code now()}: the wall clock in milliseconds since the epoch. */
  static NumberGenerator clock(String description) {
    return new NumberGenerator(description, Kind.CLOCK, 0, 0, 0, null);
  }

  /**
   * The number for operation {@code index}.
   *
   * @param index the operation's sequence number in the run
   * @return the number
   */
  public long next(long index) {
    return switch (kind) {
      case SEQUENCE -> min + Math.floorMod(index, size);
      // floor(u * count) for u = bits / 2^63 in [0, 1), by one multiplication (size = 2 * count)
      case UNIFORM -> min + Math.multiplyHigh(Mix.bits(salt, index) >>> 1, size);
      case UNIFORM_WIDE -> Math.min(max, min + (long) (Mix.unit(Mix.bits(salt, index)) * wideSize));
      case ZIPF -> zipf.sample(salt, index) - 1;
      case CLOCK -> System.currentTimeMillis();
    };
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public ValueWriter writerFor(ColumnType type) {
    ValueWriter.Encoding encoding = ValueWriter.Encoding.numberAs(type);
    if (encoding == null) {
      throw new IllegalArgumentException(description + " makes numbers, not " + type);
    }
    return ValueWriter.numbers(this, encoding);
  }
}
