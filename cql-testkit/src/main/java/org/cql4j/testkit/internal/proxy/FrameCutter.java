package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.frame.SegmentCodec;

/**
 * Cuts the bytes one side sends into {@link RawFrame}s, from bare frames (v3/v4, and v5 before the
 * STARTUP exchange) or from v5 segments; confined to its channel's event loop.
 *
 * <p>Bytes that cannot be framed are never dropped: a header that cannot be trusted (a version or
 * direction that does not fit, a negative or oversized length) or a segment whose CRC does not
 * match turns the direction into a byte pipe, and everything from there on is forwarded as {@link
 * Passthrough}; a truncated frame left when the connection closes is forwarded the same way. The
 * {@link Listener} counts them.
 *
 * <p>Bare frames are emitted one per {@code decode} call, so that the handler has seen the STARTUP
 * answer before the bytes after it are cut (they are segments in v5); a segment's envelopes are
 * emitted together.
 */
final class FrameCutter extends ByteToMessageDecoder {
  /** Told what crossed this side. */
  interface Listener {
    void bytesRead(int bytes);

    void malformed(int bytes, String why);
  }

  private final Framing framing;
  private final boolean fromClient;
  private final Listener listener;
  private boolean raw;
  private CompositeByteBuf large; // an envelope spread over segments that are not self-contained

  FrameCutter(Framing framing, boolean fromClient, Listener listener) {
    this.framing = framing;
    this.fromClient = fromClient;
    this.listener = listener;
  }

  private boolean segments() {
    return fromClient ? framing.clientInSegments : framing.nodeInSegments;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof ByteBuf buf) {
      listener.bytesRead(buf.readableBytes());
    }
    super.channelRead(ctx, msg);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (raw) {
      if (!in.isReadable()) {
        return;
      }
      out.add(new Passthrough(in.readRetainedSlice(in.readableBytes()), false));
      return;
    }
    if (segments()) {
      readSegment(ctx, in, out);
    } else {
      cutEnvelope(in, out, false);
    }
  }

  /** Cuts one bare frame or envelope; in a segment payload every byte is already there. */
  private void cutEnvelope(ByteBuf in, List<Object> out, boolean inPayload) {
    if (in.readableBytes() < RawFrame.HEADER_SIZE) {
      if (inPayload) {
        malformedPayload(in, out, "a segment ends inside an envelope header");
      }
      return;
    }
    int at = in.readerIndex();
    int versionByte = in.getUnsignedByte(at);
    int version = versionByte & 0x7F;
    boolean response = (versionByte & RawFrame.RESPONSE_BIT) != 0;
    int length = in.getInt(at + 5);
    String problem = null;
    // 3 to 6, and DSE_V1/DSE_V2 (0x41, 0x42), which the Java driver 4.x tries first
    if (version < 3 || (version > 6 && version != 0x41 && version != 0x42)) {
      problem = "protocol version byte 0x" + Integer.toHexString(versionByte);
    } else if (response == fromClient) {
      problem = "a " + (response ? "response" : "request") + " frame from the wrong side";
    } else if (length < 0 || length > FrameHeader.DEFAULT_MAX_BODY_LENGTH) {
      problem = "body length " + Integer.toUnsignedString(length);
    }
    if (problem != null) {
      if (inPayload) {
        malformedPayload(in, out, problem);
      } else {
        raw = true;
        listener.malformed(in.readableBytes(), problem);
        out.add(new Passthrough(in.readRetainedSlice(in.readableBytes()), false));
      }
      return;
    }
    if (in.readableBytes() < RawFrame.HEADER_SIZE + length) {
      if (inPayload) {
        malformedPayload(in, out, "an envelope longer than its self-contained segment");
      }
      return;
    }
    int opcode = in.getUnsignedByte(at + 4);
    if (Opcode.fromCode(opcode) == null) {
      listener.malformed(
          RawFrame.HEADER_SIZE + length, "unknown opcode 0x" + Integer.toHexString(opcode));
    }
    RawFrame frame =
        new RawFrame(
            versionByte,
            in.getUnsignedByte(at + 1),
            in.getShort(at + 2),
            opcode,
            in.retainedSlice(at + RawFrame.HEADER_SIZE, length));
    in.skipBytes(RawFrame.HEADER_SIZE + length);
    out.add(frame);
  }

  private void malformedPayload(ByteBuf in, List<Object> out, String why) {
    listener.malformed(in.readableBytes(), why);
    out.add(new Passthrough(in.readRetainedSlice(in.readableBytes()), true));
  }

  private void readSegment(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    SegmentCodec.Header header;
    try {
      header = SegmentCodec.readHeader(in, framing.segmentsCompressed());
      if (header == null || in.readableBytes() < header.segmentLength()) {
        return;
      }
      ByteBuf payload = SegmentCodec.readPayload(in, header, ctx.alloc());
      if (header.selfContained()) {
        cutAll(payload, out);
      } else {
        appendLarge(ctx, payload, out);
      }
    } catch (ProtocolException e) {
      raw = true;
      listener.malformed(in.readableBytes(), e.getMessage());
      out.add(new Passthrough(in.readRetainedSlice(in.readableBytes()), false));
    }
  }

  /** §1: a large envelope comes in segments that are not self-contained, in order. */
  private void appendLarge(ChannelHandlerContext ctx, ByteBuf payload, List<Object> out) {
    if (large == null) {
      large = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
    }
    large.addComponent(true, payload);
    if (large.readableBytes() < RawFrame.HEADER_SIZE) {
      return;
    }
    int length = large.getInt(large.readerIndex() + 5);
    if (length >= 0 && large.readableBytes() < RawFrame.HEADER_SIZE + length) {
      return;
    }
    ByteBuf whole = large;
    large = null;
    cutAll(whole, out);
  }

  /** Cuts every envelope of a segment payload (or of a reassembled large one), then releases it. */
  private void cutAll(ByteBuf payload, List<Object> out) {
    try {
      while (payload.isReadable()) {
        cutEnvelope(payload, out, true);
      }
    } finally {
      payload.release();
    }
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    decode(ctx, in, out);
    if (in.isReadable()) {
      listener.malformed(in.readableBytes(), "truncated by the end of the connection");
      out.add(new Passthrough(in.readRetainedSlice(in.readableBytes()), false));
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    if (large != null) {
      large.release();
      large = null;
    }
  }
}
