package org.cql4j.testkit.internal.nullserver;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.FrameFlags;
import org.cql4j.protocol.frame.FrameHeader;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.message.Batch;
import org.cql4j.protocol.message.Execute;
import org.cql4j.protocol.message.Options;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.Register;
import org.cql4j.protocol.message.Request;
import org.cql4j.protocol.message.Startup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the null server: cuts request frames out of the byte stream and answers each
 * with a canned frame; confined to the connection's event loop.
 *
 * <p>EXECUTE, the benchmark's hot path, is answered from the frame bytes without decoding the
 * request: the statement id is compared in place, the skip-metadata flag read, and the shared
 * response is copied (small) or sliced (large) behind a fresh header carrying the stream id.
 * Responses are flushed once per read, not per request. Other requests are decoded with
 * cql-protocol's codec.
 *
 * <p>Errors follow Cassandra: a frame of another protocol version gets a PROTOCOL_ERROR framed as
 * v4 with the request's stream id, and the connection is closed (drivers then retry with v4); so
 * does a frame whose header cannot be trusted (response direction, bad length). A bad body or an
 * unknown opcode fails only its own stream.
 */
final class NullServerHandler extends ByteToMessageDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(NullServerHandler.class);

  /** Frames up to this size are copied whole; larger ones are a header plus a shared slice. */
  private static final int COPY_THRESHOLD = 512;

  private static final int VERSION_REQUEST = 0x04;
  private static final int RESPONSE_BIT = 0x80;
  private static final int QUERY_FLAG_SKIP_METADATA = 0x02;

  private final ServerResponses responses;
  private final FrameDecoder decoder = FrameDecoder.forServer();
  private final FrameCodec codec = FrameCodec.defaults();
  private boolean started;
  private boolean closing;
  private String keyspace;

  NullServerHandler(ServerResponses responses) {
    this.responses = responses;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (!closing && answerNext(ctx, in)) {
      // one frame answered per turn
    }
    if (closing) {
      in.skipBytes(in.readableBytes());
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    ctx.flush();
    super.channelReadComplete(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("Closing connection {} after {}", ctx.channel(), cause.toString());
    ctx.close();
  }

  /** Answers the next complete frame; returns false when more bytes are needed. */
  private boolean answerNext(ChannelHandlerContext ctx, ByteBuf in) {
    int start = in.readerIndex();
    int readable = in.readableBytes();
    // version (1), flags (1), stream id (2): enough to answer a wrong version
    if (readable < 4) {
      return false;
    }
    int versionByte = in.getUnsignedByte(start);
    int streamId = in.getShort(start + 2);
    if (versionByte != VERSION_REQUEST) {
      failConnection(ctx, streamId, versionError(versionByte));
      return false;
    }
    if (readable < FrameHeader.SIZE) {
      return false;
    }
    int flags = in.getUnsignedByte(start + 1);
    int opcodeByte = in.getUnsignedByte(start + 4);
    int length = in.getInt(start + 5);
    // native_protocol_v4.spec §2.5: a length we cannot trust leaves no way to find the next frame
    if (length < 0 || length > decoder.maxBodyLength()) {
      failConnection(
          ctx, streamId, "Invalid frame body length " + Integer.toUnsignedString(length));
      return false;
    }
    if (readable < FrameHeader.SIZE + length) {
      return false;
    }
    Opcode opcode = Opcode.fromCode(opcodeByte);
    if (opcode == Opcode.EXECUTE
        && started
        && (flags & (FrameFlags.COMPRESSION | FrameFlags.CUSTOM_PAYLOAD)) == 0) {
      executeInPlace(ctx, in, start + FrameHeader.SIZE, length, streamId);
      in.skipBytes(FrameHeader.SIZE + length);
      return true;
    }
    if (opcode == null || !opcode.isRequest()) {
      in.skipBytes(FrameHeader.SIZE + length);
      protocolError(ctx, streamId, "Unknown request opcode 0x" + Integer.toHexString(opcodeByte));
      return true;
    }
    Frame frame = decoder.decode(in);
    try {
      answer(ctx, codec.decodeRequest(frame));
    } catch (ProtocolException e) {
      protocolError(ctx, streamId, e.getMessage());
    } finally {
      frame.release();
    }
    return true;
  }

  /** EXECUTE without decoding: [short bytes] id, then [short] consistency and [byte] flags. */
  private void executeInPlace(
      ChannelHandlerContext ctx, ByteBuf in, int body, int length, int streamId) {
    if (length < 2) {
      protocolError(ctx, streamId, "EXECUTE body of " + length + " bytes has no statement id");
      return;
    }
    int idLength = in.getUnsignedShort(body);
    if (2 + idLength > length) {
      protocolError(
          ctx, streamId, "EXECUTE statement id of " + idLength + " bytes overruns the body");
      return;
    }
    ServerResponses.Prepared statement = responses.find(in, body + 2, idLength);
    if (statement == null) {
      byte[] id = new byte[idLength];
      in.getBytes(body + 2, id);
      ctx.write(responses.unprepared(streamId, id), ctx.voidPromise());
      return;
    }
    int flagsAt = body + 2 + idLength + 2;
    boolean skipMetadata =
        flagsAt < body + length && (in.getUnsignedByte(flagsAt) & QUERY_FLAG_SKIP_METADATA) != 0;
    writeShared(
        ctx, skipMetadata ? statement.withoutMetadata() : statement.withMetadata(), streamId);
  }

  private void answer(ChannelHandlerContext ctx, RequestEnvelope envelope) {
    int streamId = envelope.streamId();
    Request request = envelope.message();
    if (request instanceof Options) {
      writeShared(ctx, responses.supported(), streamId);
    } else if (request instanceof Startup startup) {
      String compression = startup.options().get(Startup.COMPRESSION);
      if (compression != null) {
        protocolError(
            ctx, streamId, "Unknown compression algorithm: " + compression + " (none supported)");
        return;
      }
      started = true;
      writeShared(ctx, responses.ready(), streamId);
    } else if (!started) {
      protocolError(
          ctx,
          streamId,
          "Unexpected message " + request.opcode() + ", expecting STARTUP or OPTIONS");
    } else if (request instanceof Query query) {
      LOG.trace("{} QUERY {}", ctx.channel(), query.query());
      ServerResponses.Answer answer = responses.query(keyspace, query.query());
      if (answer.keyspace() != null) {
        keyspace = answer.keyspace();
      }
      write(ctx, answer, streamId);
    } else if (request instanceof Prepare prepare) {
      LOG.trace("{} PREPARE {}", ctx.channel(), prepare.query());
      write(ctx, responses.prepare(keyspace, prepare.query()), streamId);
    } else if (request instanceof Execute execute) {
      ServerResponses.Prepared statement = responses.find(execute.id());
      if (statement == null) {
        ctx.write(responses.unprepared(streamId, execute.id()), ctx.voidPromise());
      } else {
        writeShared(
            ctx,
            execute.parameters().skipMetadata()
                ? statement.withoutMetadata()
                : statement.withMetadata(),
            streamId);
      }
    } else if (request instanceof Register) {
      // no event is ever pushed: the topology and schema never change
      writeShared(ctx, responses.ready(), streamId);
    } else if (request instanceof Batch) {
      writeShared(ctx, responses.voidResult(), streamId);
    } else {
      protocolError(
          ctx, streamId, "Unexpected message " + request.opcode() + ": authentication is off");
    }
  }

  private void write(ChannelHandlerContext ctx, ServerResponses.Answer answer, int streamId) {
    if (answer.owned()) {
      ByteBuf frame = answer.frame();
      frame.setShort(frame.readerIndex() + 2, streamId);
      ctx.write(frame, ctx.voidPromise());
    } else {
      writeShared(ctx, answer.frame(), streamId);
    }
  }

  /** Writes a shared canned frame with this stream id, never modifying the shared bytes. */
  private static void writeShared(ChannelHandlerContext ctx, ByteBuf canned, int streamId) {
    int from = canned.readerIndex();
    int length = canned.readableBytes();
    if (length <= COPY_THRESHOLD) {
      ByteBuf copy = ctx.alloc().ioBuffer(length);
      copy.writeBytes(canned, from, length);
      copy.setShort(2, streamId);
      ctx.write(copy, ctx.voidPromise());
    } else {
      ByteBuf header = ctx.alloc().ioBuffer(FrameHeader.SIZE);
      header.writeBytes(canned, from, FrameHeader.SIZE);
      header.setShort(2, streamId);
      ctx.write(header, ctx.voidPromise());
      ctx.write(
          canned.retainedSlice(from + FrameHeader.SIZE, length - FrameHeader.SIZE),
          ctx.voidPromise());
    }
  }

  private void protocolError(ChannelHandlerContext ctx, int streamId, String message) {
    LOG.debug("PROTOCOL_ERROR on {} stream {}: {}", ctx.channel(), streamId, message);
    ctx.write(responses.error(streamId, new DbError.ProtocolError(), message), ctx.voidPromise());
  }

  /** Answers a frame that leaves the stream unusable, then closes the connection. */
  private void failConnection(ChannelHandlerContext ctx, int streamId, String message) {
    LOG.debug("Closing {} after PROTOCOL_ERROR on stream {}: {}", ctx.channel(), streamId, message);
    closing = true;
    ctx.writeAndFlush(responses.error(streamId, new DbError.ProtocolError(), message))
        .addListener(ChannelFutureListener.CLOSE);
  }

  private static String versionError(int versionByte) {
    if ((versionByte & RESPONSE_BIT) != 0) {
      return "Invalid frame: the direction bit marks a response (byte 0x"
          + Integer.toHexString(versionByte)
          + "), a client sends requests";
    }
    // Cassandra's wording (ProtocolVersion.invalidVersionMessage): drivers look for its start
    return "Invalid or unsupported protocol version ("
        + versionByte
        + "); supported versions are (4/v4)";
  }
}
