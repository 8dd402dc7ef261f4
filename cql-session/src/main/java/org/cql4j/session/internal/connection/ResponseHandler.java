package org.cql4j.session.internal.connection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.Event;
import org.cql4j.session.errors.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confined to the connection's event loop, it hands each response frame to the request waiting on
 * its stream id, and each EVENT (stream -1) to the event listener.
 *
 * <p>Every frame is released here, in {@code finally}; a decoded {@code RowsResult} keeps its own
 * slice, which the request's caller releases. A frame whose body cannot be decoded fails only its
 * own request; anything thrown further down the pipeline (I/O error, TLS failure, invalid header)
 * closes the connection, which fails every request in flight.
 */
final class ResponseHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseHandler.class);

  private final Connection connection;
  private final Consumer<Event> eventListener;

  ResponseHandler(Connection connection, Consumer<Event> eventListener) {
    this.connection = connection;
    this.eventListener = eventListener;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Frame frame)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      int streamId = frame.header().streamId();
      if (streamId < 0) {
        onEvent(frame);
      } else {
        onResponse(streamId, frame);
      }
    } finally {
      frame.release();
    }
  }

  private void onResponse(int streamId, Frame frame) {
    PendingRequest request = connection.inFlightRequests().remove(streamId);
    if (request == null) {
      LOG.warn(
          "{}: dropped a {} response on stream {}, for which no request is in flight",
          connection,
          frame.header().opcode(),
          streamId);
      return;
    }
    if (request.state == PendingRequest.State.ORPHANED) {
      return; // late response to a timed-out request: its id is free again, the frame released
    }
    ResponseEnvelope response;
    try {
      response = connection.codec().decodeResponse(frame);
    } catch (ProtocolException e) {
      request.fail(e);
      return;
    }
    request.complete(response);
  }

  private void onEvent(Frame frame) {
    ResponseEnvelope envelope;
    try {
      envelope = connection.codec().decodeResponse(frame);
    } catch (ProtocolException e) {
      LOG.warn("{}: dropped an undecodable frame on stream {}", connection, frame.header(), e);
      return;
    }
    if (!(envelope.message() instanceof Event event)) {
      LOG.warn("{}: dropped a {} on stream -1", connection, envelope.message().opcode());
      ReferenceCountUtil.release(envelope.message());
      return;
    }
    if (eventListener == null) {
      LOG.debug("{}: no listener for {}", connection, event);
      return;
    }
    try {
      eventListener.accept(event);
    } catch (RuntimeException e) {
      LOG.warn("{}: the event listener failed on {}", connection, event, e);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // ids freed by this batch of responses let waiting requests go
    if (connection.inFlightRequests().hasWaiting()) {
      connection.writer().schedule();
    }
    connection.maybeFinishGracefulClose();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      connection.writer().schedule();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    connection.closeWithError(toConnectionException(cause));
  }

  private ConnectionException toConnectionException(Throwable cause) {
    Throwable root =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (root instanceof ConnectionException ce) {
      return ce;
    }
    if (root instanceof SSLException ssl) {
      return new ConnectionException(
          "TLS with " + connection.node() + " failed: " + ssl.getMessage(), ssl);
    }
    return new ConnectionException("connection to " + connection.node() + " failed: " + root, root);
  }
}
