package org.cql4j.session.errors;

import org.cql4j.protocol.ProtocolVersion;

/**
 * A node refused the native protocol version a connection offered: an older Apache Cassandra or
 * ScyllaDB asked for v5 (native_protocol_v5.spec §2.3.1 lets a server answer in its own version). A
 * session that did not pin a version offers v4 instead, once for the whole session; with a pinned
 * version this error reaches the caller. Immutable and thread-safe.
 */
public class UnsupportedProtocolVersionException extends ConnectionException {
  private static final long serialVersionUID = 1L;

  private final transient ProtocolVersion refused;

  /**
   * Creates the exception.
   *
   * @param message which node refused which version, and what it said
   * @param refused the version the node refused
   * @param cause the server's error
   */
  public UnsupportedProtocolVersionException(
      String message, ProtocolVersion refused, Throwable cause) {
    super(message, cause);
    this.refused = refused;
  }

  /** The version the node refused. */
  public ProtocolVersion refused() {
    return refused;
  }
}
