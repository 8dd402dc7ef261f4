package org.cql4j.protocol.value;

import java.util.Objects;
import java.util.UUID;

/**
 * A {@code timeuuid} that orders as the server does: by timestamp, then by the remaining bytes
 * compared as signed bytes. Immutable and thread-safe.
 *
 * @param uuid the version 1 UUID
 */
public record CqlTimeuuid(UUID uuid) implements Comparable<CqlTimeuuid> {
  /** Checks the UUID is present; thread-safe. */
  public CqlTimeuuid {
    Objects.requireNonNull(uuid, "uuid");
  }

  /**
   * The 60-bit timestamp: 100-ns intervals since 1582-10-15. Thread-safe.
   *
   * @return the timestamp field, whatever the UUID's version
   */
  public long timestamp() {
    long msb = uuid.getMostSignificantBits();
    return ((msb & 0x0FFFL) << 48) | (((msb >>> 16) & 0xFFFFL) << 32) | (msb >>> 32);
  }

  /** Orders by timestamp, then the least significant 8 bytes as signed bytes; thread-safe. */
  @Override
  public int compareTo(CqlTimeuuid other) {
    int c = Long.compare(timestamp(), other.timestamp());
    if (c != 0) {
      return c;
    }
    // Flipping each byte's sign bit turns a signed byte-wise comparison into an unsigned one.
    long flip = 0x8080808080808080L;
    return Long.compareUnsigned(
        uuid.getLeastSignificantBits() ^ flip, other.uuid.getLeastSignificantBits() ^ flip);
  }

  /** The UUID's standard string form; thread-safe. */
  @Override
  public String toString() {
    return uuid.toString();
  }
}
