package org.cql4j.session.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.internal.metrics.NodeCounters;

/**
 * Cuts the inbound bytes into {@link Frame}s, confined to the connection's event loop.
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
  private final String node;
  private final NodeCounters counters;
  private boolean failed;

  FrameDecoderHandler(int maxBodyLength, String node, NodeCounters counters) {
    this.decoder = new FrameDecoder(maxBodyLength, true);
    this.node = node;
    this.counters = counters;
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
      Frame frame = decoder.decode(in);
      if (frame != null) {
        out.add(frame);
      }
    } catch (ProtocolException e) {
      failed = true;
      int first = in.getUnsignedByte(in.readerIndex());
      in.skipBytes(in.readableBytes());
      ctx.fireExceptionCaught(new ConnectionException(describe(first, e), e));
    }
  }

  private String describe(int firstByte, ProtocolException e) {
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
          + ": the server does not support protocol v4, which cql4j requires"
          + " (Apache Cassandra 2.2+ or ScyllaDB)";
    }
    return node
        + " did not answer with a CQL v4 frame (first byte 0x"
        + Integer.toHexString(firstByte)
        + "): is this a CQL native port? "
        + e.getMessage();
  }
}
