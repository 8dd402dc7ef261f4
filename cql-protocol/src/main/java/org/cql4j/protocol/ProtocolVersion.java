package org.cql4j.protocol;

/**
 * A native protocol version. Immutable and thread-safe.
 *
 * <p>cql4j speaks v4, which both Apache Cassandra (3.0 and later) and ScyllaDB support; v5's
 * segment framing comes later. The version byte of a frame carries the direction in its high bit
 * (native_protocol_v4.spec §2.1): {@code 0x04} for a request, {@code 0x84} for a response.
 */
public enum ProtocolVersion {
  /** Native protocol v4. */
  V4(4);

  private final int code;

  ProtocolVersion(int code) {
    this.code = code;
  }

  /** The version number, without the direction bit. */
  public int code() {
    return code;
  }

  /**
   * Returns the version with the given number.
   *
   * @param code the version number without the direction bit
   * @return the matching version
   * @throws IllegalArgumentException if cql4j does not speak that version
   */
  public static ProtocolVersion fromCode(int code) {
    if (code == 4) {
      return V4;
    }
    throw new IllegalArgumentException(
        "Unsupported native protocol version " + code + "; cql4j speaks v4");
  }
}
