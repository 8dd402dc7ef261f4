package org.cql4j.testkit.internal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.frame.SegmentCodec;

/**
 * Writes {@link RawFrame}s and {@link Passthrough} bytes to one side, as bare frames or wrapped in
 * v5 segments; confined to its channel's event loop. Releases what it is given.
 *
 * <p>It also moves the v5 switch (native_protocol_v5.spec §2.3.1) on its side: the STARTUP written
 * to the node is the last bare request; the READY or AUTHENTICATE written to the client is the last
 * bare response, and the client's next bytes are segments.
 */
final class FrameEncoder extends ChannelOutboundHandlerAdapter {
  private final Framing framing;
  private final boolean toClient;

  FrameEncoder(Framing framing, boolean toClient) {
    this.framing = framing;
    this.toClient = toClient;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof RawFrame frame) {
      write(ctx, frame, false, promise);
    } else if (msg instanceof CorruptedFrame corrupted) {
      write(ctx, corrupted.frame(), true, promise);
    } else if (msg instanceof Passthrough bytes) {
      ByteBuf out;
      if (bytes.segmentPayload() && segments()) {
        try {
          out = ctx.alloc().ioBuffer(bytes.content().readableBytes() + 16);
          SegmentCodec.wrap(out, bytes.content(), framing.segmentsCompressed());
        } finally {
          bytes.release();
        }
      } else {
        out = bytes.content();
      }
      ctx.write(out, promise);
    } else {
      ctx.write(msg, promise);
    }
  }

  private void write(
      ChannelHandlerContext ctx, RawFrame frame, boolean corrupt, ChannelPromise promise) {
    ByteBuf out;
    try {
      out = encode(ctx, frame);
    } finally {
      frame.release();
    }
    if (corrupt && segments()) {
      // the segment's last byte belongs to its payload's CRC32 (native_protocol_v5.spec §2.1)
      int last = out.writerIndex() - 1;
      out.setByte(last, out.getByte(last) ^ 0x01);
    }
    ctx.write(out, promise);
    afterWrite(frame);
  }

  private boolean segments() {
    return toClient ? framing.clientOutSegments : framing.nodeOutSegments;
  }

  private ByteBuf encode(ChannelHandlerContext ctx, RawFrame frame) {
    ByteBuf body = frame.body();
    int length = body.readableBytes();
    ByteBuf envelope = ctx.alloc().ioBuffer(RawFrame.HEADER_SIZE + length);
    envelope.writeByte(frame.versionByte());
    envelope.writeByte(frame.flags());
    envelope.writeShort(frame.streamId());
    envelope.writeByte(frame.opcodeCode());
    envelope.writeInt(length);
    envelope.writeBytes(body, body.readerIndex(), length);
    if (!segments()) {
      return envelope;
    }
    try {
      ByteBuf out = ctx.alloc().ioBuffer(envelope.readableBytes() + 16);
      SegmentCodec.wrap(out, envelope, framing.segmentsCompressed());
      return out;
    } finally {
      envelope.release();
    }
  }

  private void afterWrite(RawFrame frame) {
    if (!framing.switchesToSegments()) {
      return;
    }
    Opcode opcode = frame.opcode();
    if (!toClient && opcode == Opcode.STARTUP) {
      framing.nodeOutSegments = true;
    } else if (toClient
        && !framing.clientOutSegments
        && (opcode == Opcode.READY || opcode == Opcode.AUTHENTICATE)) {
      framing.clientOutSegments = true;
      framing.clientInSegments = true;
    }
  }
}
