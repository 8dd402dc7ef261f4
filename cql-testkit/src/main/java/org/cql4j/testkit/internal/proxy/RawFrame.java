package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import org.cql4j.protocol.frame.Opcode;

/**
 * One frame (a v5 "envelope") as it crossed the proxy: the header fields and the body bytes exactly
 * as on the wire (still compressed when the v4 compression flag is set). Confined to the event loop
 * of the connection that read it, until written.
 *
 * <p>The frame owns its body: whoever holds it releases it once, or writes it to a channel (the
 * {@link FrameEncoder} releases it).
 */
final class RawFrame extends DefaultByteBufHolder {
  /**
   * native_protocol_v4.spec §2: 9 bytes, the same in v3, v4 and v5 (native_protocol_v5.spec §2.4).
   */
  static final int HEADER_SIZE = 9;

  static final int RESPONSE_BIT = 0x80;
  static final int FLAG_COMPRESSED = 0x01;
  static final int FLAG_TRACING = 0x02;
  static final int FLAG_CUSTOM_PAYLOAD = 0x04;
  static final int FLAG_WARNING = 0x08;

  private final int versionByte;
  private final int flags;
  private final int streamId;
  private final int opcode;

  RawFrame(int versionByte, int flags, int streamId, int opcode, ByteBuf body) {
    super(body);
    this.versionByte = versionByte;
    this.flags = flags;
    this.streamId = streamId;
    this.opcode = opcode;
  }

  /** The version byte with its direction bit. */
  int versionByte() {
    return versionByte;
  }

  /** The protocol version without the direction bit. */
  int version() {
    return versionByte & 0x7F;
  }

  boolean isResponse() {
    return (versionByte & RESPONSE_BIT) != 0;
  }

  int flags() {
    return flags;
  }

  boolean hasFlag(int flag) {
    return (flags & flag) != 0;
  }

  int streamId() {
    return streamId;
  }

  /** The opcode byte. */
  int opcodeCode() {
    return opcode;
  }

  /** The opcode, or {@code null} when the byte is not one of native protocol v4/v5. */
  Opcode opcode() {
    return Opcode.fromCode(opcode);
  }

  ByteBuf body() {
    return content();
  }

  /** A frame with the same header fields but other flags and another body (taking it over). */
  RawFrame with(int newFlags, ByteBuf newBody) {
    return new RawFrame(versionByte, newFlags, streamId, opcode, newBody);
  }

  @Override
  public RawFrame replace(ByteBuf content) {
    return new RawFrame(versionByte, flags, streamId, opcode, content);
  }

  /** The frame's size on the wire: header and body. */
  int wireLength() {
    return HEADER_SIZE + content().readableBytes();
  }

  @Override
  public String toString() {
    Opcode o = opcode();
    return "RawFrame[v"
        + version()
        + (isResponse() ? " response " : " request ")
        + (o == null ? "0x" + Integer.toHexString(opcode) : o)
        + " stream "
        + streamId
        + ", "
        + content().readableBytes()
        + " B]";
  }
}
