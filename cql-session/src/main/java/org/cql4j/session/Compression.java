package org.cql4j.session;

/**
 * The body compression negotiated with the nodes in STARTUP (native_protocol_v4.spec §4.1.1).
 * Immutable and thread-safe.
 *
 * <p>LZ4 and SNAPPY need their libraries on the class path ({@code at.yawk.lz4:lz4-java}, {@code
 * org.xerial.snappy:snappy-java}); the session fails at build time with a clear message otherwise.
 */
public enum Compression {
  /** No compression (the default). */
  NONE(null),
  /** LZ4, the fastest; recommended when compressing. */
  LZ4("lz4"),
  /** Snappy (protocol v4 only). */
  SNAPPY("snappy");

  private final String protocolName;

  Compression(String protocolName) {
    this.protocolName = protocolName;
  }

  /** The name sent as the STARTUP {@code COMPRESSION} option, or {@code null} for NONE. */
  public String protocolName() {
    return protocolName;
  }
}
