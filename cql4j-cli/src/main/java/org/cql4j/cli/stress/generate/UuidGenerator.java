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
    return ValueWriter.uuid(salt);
  }
}
