package org.cql4j.protocol.frame;

import org.cql4j.protocol.ProtocolVersion;

/**
 * The 9-byte header of a frame (native_protocol_v4.spec §2). Immutable and thread-safe.
 *
 * @param version the protocol version, without the direction bit
 * @param response whether the direction bit (0x80 of the version byte) marks a response
 * @param flags the {@link FrameFlags} bits
 * @param streamId the stream id, a signed 16-bit value (-1 for events)
 * @param opcode what the body holds
 * @param bodyLength the length of the body in bytes, as it is on the wire (compressed or not)
 */
public record FrameHeader(
    ProtocolVersion version,
    boolean response,
    int flags,
    int streamId,
    Opcode opcode,
    int bodyLength) {

  /** The size of a v4 frame header in bytes. */
  public static final int SIZE = 9;

  /** The largest body the spec allows, and the default limit: 256 MiB (§2.5). */
  public static final int DEFAULT_MAX_BODY_LENGTH = 256 * 1024 * 1024;

  /**
   * Whether a flag is set.
   *
   * @param flag one of the {@link FrameFlags} constants
   * @return {@code true} if every bit of {@code flag} is set
   */
  public boolean hasFlag(int flag) {
    return (flags & flag) == flag;
  }
}
