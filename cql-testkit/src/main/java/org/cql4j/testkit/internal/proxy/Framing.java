package org.cql4j.testkit.internal.proxy;

/**
 * How the bytes of one proxied connection are framed, per direction; confined to the connection's
 * event loop (the client's and the node's channels share it).
 *
 * <p>native_protocol_v5.spec §2.3.1: OPTIONS, STARTUP and the answers to them travel as bare
 * envelopes; once the server has answered STARTUP (READY or AUTHENTICATE), both directions use
 * segments, compressed with LZ4 when STARTUP asked for it (§2.3.2). Versions 3 and 4 never switch.
 */
final class Framing {
  /** The version of the STARTUP the client sent, or 0 before it. */
  int startupVersion;

  /** Whether STARTUP negotiated compression ({@code lz4} or {@code snappy}), and which. */
  String compression;

  boolean clientInSegments;
  boolean clientOutSegments;
  boolean nodeInSegments;
  boolean nodeOutSegments;

  /** Whether v5 segments use the compressed (8-byte header) format. */
  boolean segmentsCompressed() {
    return "lz4".equals(compression);
  }

  /** Whether frames of this connection switch to segments after the STARTUP exchange. */
  boolean switchesToSegments() {
    return startupVersion >= 5;
  }

  /** Whether v4-style per-frame body compression applies (flag 0x01, §5 of the v4 spec). */
  boolean frameCompression() {
    return compression != null && startupVersion > 0 && startupVersion < 5;
  }
}
