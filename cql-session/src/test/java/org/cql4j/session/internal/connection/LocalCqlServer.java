package org.cql4j.session.internal.connection;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.Options;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.Ready;
import org.cql4j.protocol.message.Register;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.Startup;
import org.cql4j.protocol.message.Supported;
import org.cql4j.protocol.message.VoidResult;

/**
 * A tiny CQL server on a real socket: OPTIONS → SUPPORTED, STARTUP → READY, QUERY → what the test's
 * function answers (by default Void), except that a query whose text is {@code "silence"} gets no
 * answer and a server built {@code mute} answers nothing at all. Closing it closes the connections
 * it accepted. It speaks v4 only and refuses v5 as Cassandra 3 does. Thread-safe; for tests of the
 * connect path, system-table reads and throughput.
 */
public final class LocalCqlServer implements AutoCloseable {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  public LocalCqlServer(boolean mute) throws InterruptedException {
    this(mute, query -> new VoidResult());
  }

  /**
   * A server that answers each QUERY with what {@code queries} returns (called on the event loop).
   */
  public LocalCqlServer(Function<Query, Response> queries) throws InterruptedException {
    this(false, queries);
  }

  private LocalCqlServer(boolean mute, Function<Query, Response> queries)
      throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    accepted.add(ch);
                    ch.pipeline().addLast(new Responder(mute, queries));
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    accepted.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static final class Responder extends ByteToMessageDecoder {
    private final FrameDecoder decoder = FrameDecoder.forServer();
    private final FrameCodec codec = FrameCodec.defaults();
    private final boolean mute;
    private final Function<Query, Response> queries;

    Responder(boolean mute, Function<Query, Response> queries) {
      this.mute = mute;
      this.queries = queries;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      Frame frame;
      while ((frame = decoder.decode(in)) != null) {
        if (frame.header().version() != ProtocolVersion.V4) {
          // a v4-only server, as Cassandra 3 or ScyllaDB: refuses v5 in its own version
          frame.release();
          ctx.write(
              codec.encode(
                  ctx.alloc(),
                  ResponseEnvelope.of(
                      0,
                      ErrorMessage.of(
                          new DbError.ProtocolError(),
                          "Invalid or unsupported protocol version (5); supported versions are"
                              + " (3/v3, 4/v4)"))));
          continue;
        }
        RequestEnvelope request;
        try {
          request = codec.decodeRequest(frame);
        } finally {
          frame.release();
        }
        Response response = answer(request);
        if (response != null && !mute) {
          ctx.write(codec.encode(ctx.alloc(), ResponseEnvelope.of(request.streamId(), response)));
        }
      }
    }

    private Response answer(RequestEnvelope request) {
      if (request.message() instanceof Options) {
        return new Supported(Map.of("CQL_VERSION", List.of("3.4.7")));
      }
      if (request.message() instanceof Startup || request.message() instanceof Register) {
        return new Ready();
      }
      if (request.message() instanceof Query q) {
        return q.query().equals("silence") ? null : queries.apply(q);
      }
      return new VoidResult();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
      ctx.flush();
      super.channelReadComplete(ctx);
    }
  }
}
