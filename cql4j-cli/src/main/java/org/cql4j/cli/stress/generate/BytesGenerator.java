package org.cql4j.cli.stress.generate;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.types.ColumnType;

/**
 * {@code text(min, max)} and {@code blob(min, max)}: random lowercase letters or random bytes, of a
 * length drawn uniformly from [min, max], written straight into the frame. Immutable and
 * thread-safe.
 */
final class BytesGenerator implements Generator {
  private final String description;
  private final long salt;
  private final int minLength;
  private final int maxLength;
  private final boolean letters;

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
    return this::write;
  }

  private void write(long index, ByteBuf out) {
    long bits = Mix.bits(salt, index);
    int length = minLength + (int) (Mix.unit(bits) * (maxLength - minLength + 1));
    out.writeInt(length);
    out.ensureWritable(length);
    int written = 0;
    for (; written + 8 <= length; written += 8) {
      bits = Mix.mix(bits + Mix.GAMMA);
      out.writeLong(letters ? letters(bits) : bits);
    }
    if (written < length) {
      long last = letters ? letters(Mix.mix(bits + Mix.GAMMA)) : Mix.mix(bits + Mix.GAMMA);
      for (int b = 7; written < length; written++, b--) {
        out.writeByte((int) (last >>> (8 * b)));
      }
    }
  }

  /** Eight lowercase letters from 64 random bits, one per byte (multiply-shift, no division). */
  private static long letters(long bits) {
    long packed = 0;
    for (int b = 0; b < 8; b++) {
      long random = (bits >>> (8 * b)) & 0xFF;
      packed = (packed << 8) | ('a' + ((random * 26) >>> 8));
    }
    return packed;
  }
}
