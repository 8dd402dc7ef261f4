package org.cql4j.cli.stress.generate;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.types.ColumnType;

/**
 * {@code text(min, max)} and {@code blob(min, max)}: random lowercase letters or random bytes, of a
 * length drawn uniformly from [min, max], written straight into the frame. Immutable and
 * thread-safe.
 *
 * <p>A value is a slice of a {@value #POOL_SIZE}-byte pool of random letters (or bytes) made once
 * from the seed, starting at a random offset: one copy per value instead of a random draw per byte,
 * and a million distinct starting points.
 */
final class BytesGenerator implements Generator {
  private final String description;
  private final long salt;
  private final int minLength;
  private final int maxLength;
  private final boolean letters;
  private final byte[] pool;

  /** The pool's size; a value may be up to this long. */
  static final int POOL_SIZE = 1 << 20;

  BytesGenerator(String description, long salt, int minLength, int maxLength, boolean letters) {
    if (minLength < 0 || maxLength < minLength) {
      throw new IllegalArgumentException(
          description
              + ": lengths must satisfy 0 <= min <= max, not "
              + minLength
              + ", "
              + maxLength);
    }
    this.description = description;
    this.salt = salt;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.letters = letters;
    if (maxLength > POOL_SIZE) {
      throw new IllegalArgumentException(
          description + ": values are at most " + POOL_SIZE + " bytes, not " + maxLength);
    }
    this.pool = new byte[POOL_SIZE + maxLength];
    long bits = salt;
    for (int at = 0; at < pool.length; at++) {
      if ((at & 7) == 0) {
        bits = Mix.mix(bits + Mix.GAMMA);
      }
      int random = (int) (bits >>> (8 * (at & 7))) & 0xFF;
      pool[at] = (byte) (letters ? 'a' + random * 26 / 256 : random);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public ValueWriter writerFor(ColumnType type) {
    boolean fits =
        type == ColumnType.Native.BLOB
            || (letters && (type == ColumnType.Native.TEXT || type == ColumnType.Native.ASCII));
    if (!fits) {
      throw new IllegalArgumentException(
          description + " makes " + (letters ? "text or blob" : "blob") + ", not " + type);
    }
    return ValueWriter.bytes(this);
  }

  /** Writes the value of operation {@code index}. */
  void write(long index, ByteBuf out) {
    long bits = Mix.bits(salt, index);
    int length = minLength + (int) Math.floorMod(bits >>> 32, (long) (maxLength - minLength + 1));
    int offset = (int) bits & (POOL_SIZE - 1);
    out.writeInt(length).writeBytes(pool, offset, length);
  }
}
