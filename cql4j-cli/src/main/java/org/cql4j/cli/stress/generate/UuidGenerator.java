package org.cql4j.cli.stress.generate;

import org.cql4j.protocol.types.ColumnType;

/** {@code uuid()}: random (version 4) UUIDs for {@code uuid} markers. Immutable, thread-safe. */
final class UuidGenerator implements Generator {
  private final String description;
  private final long salt;

  UuidGenerator(String description, long salt) {
    this.description = description;
    this.salt = salt;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public ValueWriter writerFor(ColumnType type) {
    if (type != ColumnType.Native.UUID) {
      throw new IllegalArgumentException(description + " makes uuid values, not " + type);
    }
    return (index, out) -> {
      long high = Mix.bits(salt, index);
      long low = Mix.mix(high + Mix.GAMMA);
      // RFC 9562 §5.4: version 4 in bits 48-51, variant 10 in bits 64-65
      out.writeInt(16);
      out.writeLong((high & ~0xF000L) | 0x4000L);
      out.writeLong((low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    };
  }
}
