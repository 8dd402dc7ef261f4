package org.cql4j.protocol.internal.frame;

import io.netty.buffer.ByteBuf;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.frame.Opcode;

/**
 * Reads and writes the 9-byte frame header (native_protocol_v4.spec §2; the envelope header of
 * native_protocol_v5.spec §2.4 is the same). Stateless and thread-safe. Never retains or releases
 * the buffers it is given.
 */
public final class FrameHeaderCodec {
  private static final int RESPONSE_BIT = 0x80;

  private FrameHeaderCodec() {}

  /**
   * Reads and validates a header at {@code index} without moving the reader index.
   *
   * @param in holds at least 9 readable bytes from {@code index}; not released
   * @param index where the header starts
   * @param maxBodyLength the largest body accepted
   * @param expectResponse whether the direction bit must be set (response) or clear (request)
   * @return the header
   * @throws ProtocolException naming the header field and its offset when a field is invalid
   */
  public static FrameHeader read(ByteBuf in, int index, int maxBodyLength, boolean expectResponse) {
    int versionByte = in.getUnsignedByte(index);
    boolean response = (versionByte & RESPONSE_BIT) != 0;
    int versionCode = versionByte & 0x7F;
    // native_protocol_v4.spec §2.1, native_protocol_v5.spec §2.4.1.1: we speak v4 and v5. Both are
    // accepted here, since a server refusing v5 answers in its own version; the connection checks
    // the version it negotiated.
    if (versionCode != ProtocolVersion.V4.code() && versionCode != ProtocolVersion.V5.code()) {
      throw new ProtocolException(
          "frame.version",
          index,
          "unsupported protocol version "
              + versionCode
              + " (byte 0x"
              + Integer.toHexString(versionByte)
              + "); cql4j speaks v4 and v5");
    }
    if (response != expectResponse) {
      throw new ProtocolException(
          "frame.version",
          index,
          "expected a "
              + (expectResponse ? "response" : "request")
              + " frame, got byte 0x"
              + Integer.toHexString(versionByte));
    }
    int flags = in.getUnsignedByte(index + 1);
    int streamId = in.getShort(index + 2); // §2.3: signed, -1 for events
    int opcodeByte = in.getUnsignedByte(index + 4);
    Opcode opcode = Opcode.fromCode(opcodeByte);
    if (opcode == null) {
      throw new ProtocolException(
          "frame.opcode", index + 4, "unknown opcode 0x" + Integer.toHexString(opcodeByte));
    }
    if (opcode.isRequest() == expectResponse) {
      throw new ProtocolException(
          "frame.opcode",
          index + 4,
          "opcode " + opcode + " is not a " + (expectResponse ? "response" : "request"));
    }
    int length = in.getInt(index + 5);
    // native_protocol_v4.spec §2.5: checked before anything is allocated for the body.
    if (length < 0 || length > maxBodyLength) {
      throw new ProtocolException(
          "frame.length",
          index + 5,
          "body length "
              + Integer.toUnsignedString(length)
              + " is "
              + (length < 0 ? "negative as a signed [int]" : "over the limit of " + maxBodyLength));
    }
    return new FrameHeader(
        ProtocolVersion.fromCode(versionCode), response, flags, streamId, opcode, length);
  }

  /**
   * Writes a header at the writer index.
   *
   * @param out the buffer to write to; not released
   * @param header the header; its stream id must fit a signed 16-bit value
   */
  public static void write(ByteBuf out, FrameHeader header) {
    write(
        out,
        header.version(),
        header.response(),
        header.flags(),
        header.streamId(),
        header.opcode(),
        header.bodyLength());
  }

  /**
   * Writes a header at the writer index from its fields, without building a {@link FrameHeader}.
   *
   * @param out the buffer to write to; not released
   * @param version the protocol version
   * @param response the direction bit
   * @param flags the flags
   * @param streamId the stream id; must fit a signed 16-bit value
   * @param opcode the opcode
   * @param bodyLength the body length
   */
  public static void write(
      ByteBuf out,
      ProtocolVersion version,
      boolean response,
      int flags,
      int streamId,
      Opcode opcode,
      int bodyLength) {
    if (streamId < Short.MIN_VALUE || streamId > Short.MAX_VALUE) {
      throw new IllegalArgumentException("stream id " + streamId + " does not fit 16 bits");
    }
    out.writeByte(version.code() | (response ? RESPONSE_BIT : 0));
    out.writeByte(flags);
    out.writeShort(streamId);
    out.writeByte(opcode.code());
    out.writeInt(bodyLength);
  }

  /**
   * Overwrites the length field of a header written at {@code headerIndex}.
   *
   * @param out the buffer holding the header; not released
   * @param headerIndex where the header starts
   * @param bodyLength the body length to record
   */
  public static void patchLength(ByteBuf out, int headerIndex, int bodyLength) {
    out.setInt(headerIndex + 5, bodyLength);
  }
}
