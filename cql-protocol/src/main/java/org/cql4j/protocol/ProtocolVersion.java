package org.cql4j.protocol;

/**
 * A native protocol version. Immutable and thread-safe.
 *
 * <p>cql4j speaks v4, which Apache Cassandra (3.0 and later) and ScyllaDB support, and v5, which
 * Apache Cassandra 4.0 and later prefer: checksummed segments around the frames, result metadata
 * ids, per-request keyspaces (native_protocol_v5.spec §9). The version byte of a frame carries the
 * direction in its high bit (native_protocol_v4.spec §2.1): {@code 0x04} or {@code 0x05} for a
 * request, {@code 0x84} or {@code 0x85} for a response.
 */
public enum ProtocolVersion {
  /** Native protocol v4. */
  V4(4),
  /** Native protocol v5: segments with CRCs, result metadata ids, [int] query flags. */
  V5(5);

  private final int code;

  ProtocolVersion(int code) {
    this.code = code;
  }

  /** The version number, without the direction bit. */
  public int code() {
    return code;
  }

  /** The highest version cql4j speaks, offered first when a session does not pin one. */
  public static ProtocolVersion highest() {
    return V5;
  }

  /**
   * Returns the version with the given number.
   *
   * @param code the version number without the direction bit
   * @return the matching version
   * @throws IllegalArgumentException if cql4j does not speak that version
   */
  public static ProtocolVersion fromCode(int code) {
    return switch (code) {
      case 4 -> V4;
      case 5 -> V5;
      default ->
          throw new IllegalArgumentException(
              "Unsupported native protocol version " + code + "; cql4j speaks v4 and v5");
    };
  }
}
