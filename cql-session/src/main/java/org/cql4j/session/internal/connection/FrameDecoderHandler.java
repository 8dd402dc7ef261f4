package org.cql4j.session.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.frame.SegmentDecoder;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.internal.metrics.NodeCounters;

/**
 * Cuts the inbound bytes into {@link Frame}s, confined to the connection's event loop. On a v5
 * connection the frames arrive bare until the answer to STARTUP (READY or AUTHENTICATE), then in
 * segments (native_protocol_v5.spec §2.3.1): the handler switches both directions right after that
 * frame, before the bytes behind it are read and before the next request is written.
 *
 * <p>A frame whose header is invalid breaks the stream (nothing after it can be trusted), so the
 * connection is failed: a {@link ConnectionException} naming the problem goes to {@link
 * ResponseHandler#exceptionCaught}, which closes the channel and fails every request in flight. The
 * first byte gets a clearer diagnosis, since it is where a wrong server shows: a TLS record means
 * the server expects TLS, a lower version means the server does not speak v4.
 */
final class FrameDecoderHandler extends ByteToMessageDecoder {
  private static final int TLS_ALERT = 0x15;
  private static final int TLS_HANDSHAKE = 0x16;

  private final FrameDecoder decoder;
  private final Connection connection;
  private final String node;
  private final NodeCounters counters;
  private SegmentDecoder segments; // v5, once switched
  private boolean failed;

  FrameDecoderHandler(Connection connection) {
    ConnectionConfig config = connection.config();
    this.decoder = new FrameDecoder(config.maxFrameLength(), true);
    this.connection = connection;
    this.node = connection.node();
    this.counters = config.counters();
  }

  // one count per read from the socket, before the bytes are cut into frames
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof ByteBuf bytes) {
      counters.received(bytes.readableBytes());
    }
    super.channelRead(ctx, msg);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      if (segments != null) {
        segments.decode(in, ctx.alloc(), out);
        return;
      }
      Frame frame = decoder.decode(in);
      if (frame != null) {
        out.add(frame);
        if (connection.v5() && answersStartup(frame.header().opcode())) {
          segments =
              new SegmentDecoder(decoder.maxBodyLength(), true, connection.segmentsCompressed());
          connection.useSegments();
        }
      }
    } catch (ProtocolException e) {
      failed = true;
      int first = in.isReadable() ? in.getUnsignedByte(in.readerIndex()) : -1;
      in.skipBytes(in.readableBytes());
      ctx.fireExceptionCaught(new ConnectionException(describe(first, e), e));
    }
  }

  private static boolean answersStartup(Opcode opcode) {
    return opcode == Opcode.READY || opcode == Opcode.AUTHENTICATE;
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    if (segments != null) {
      segments.release();
    }
  }

  private String describe(int firstByte, ProtocolException e) {
    if (e.field().startsWith("segment.")) {
      return "corrupted v5 segment from " + node + ": " + e.getMessage();
    }
    if (!"frame.version".equals(e.field())) {
      return "malformed frame from " + node + ": " + e.getMessage();
    }
    if (firstByte == TLS_ALERT || firstByte == TLS_HANDSHAKE) {
      return node
          + " answered with a TLS record instead of a CQL frame: the server expects TLS;"
          + " configure an SSLContext for this connection";
    }
    int version = firstByte & 0x7F;
    if ((firstByte & 0x80) != 0 && version >= 1 && version < 4) {
      return node
          + " answered with native protocol v"
          + version
          + ": the server does not support protocol v4 or v5, which cql4j requires"
          + " (Apache Cassandra 2.2+ or ScyllaDB)";
    }
    return node
        + " did not answer with a CQL v4 or v5 frame (first byte 0x"
        + Integer.toHexString(firstByte)
        + "): is this a CQL native port? "
        + e.getMessage();
  }
}
