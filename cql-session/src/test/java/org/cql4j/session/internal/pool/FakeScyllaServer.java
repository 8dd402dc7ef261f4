package org.cql4j.session.internal.pool;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.Options;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.Ready;
import org.cql4j.protocol.message.Register;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.Startup;
import org.cql4j.protocol.message.Supported;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.protocol.scylla.ShardingInfo;

/**
 * A tiny CQL server on real sockets that says it is a ScyllaDB node with some shards
 * (scylla-protocol-extensions.md, "Intranode sharding"). On its regular port it puts each
 * connection on its least-connected shard, lowest id on ties, as ScyllaDB does, or always on one
 * chosen shard; on its optional shard-aware port, on shard {@code client port % shards}. OPTIONS →
 * SUPPORTED with the connection's shard, STARTUP and REGISTER → READY, QUERY → Void except {@code
 * "silence"}, which gets no answer. Thread-safe; closing it closes the connections it accepted.
 */
final class FakeScyllaServer implements AutoCloseable {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final int regularShard;
  private final Channel regular;
  private final Channel shardAware;
  private final AtomicInteger acceptedOnRegularPort = new AtomicInteger();
  private final AtomicInteger acceptedOnShardAwarePort = new AtomicInteger();
  // guarded by this: connections per shard of the current layout
  private int[] openPerShard;

  /**
   * Starts a server on 127.0.0.1.
   *
   * @param shards the shard count it announces
   * @param regularShard the shard of every connection to the regular port, or -1 for the
   *     least-connected one
   * @param withShardAwarePort whether to listen on, and announce, a shard-aware port
   */
  FakeScyllaServer(int shards, int regularShard, boolean withShardAwarePort)
      throws InterruptedException {
    this.openPerShard = new int[shards];
    this.regularShard = regularShard;
    this.regular = listen(false);
    this.shardAware = withShardAwarePort ? listen(true) : null;
  }

  private Channel listen(boolean shardAwarePort) throws InterruptedException {
    return new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                accepted.add(ch);
                (shardAwarePort ? acceptedOnShardAwarePort : acceptedOnRegularPort)
                    .incrementAndGet();
                ch.pipeline().addLast(new Responder(supported(ch, shardAwarePort)));
              }
            })
        .bind(new InetSocketAddress("127.0.0.1", 0))
        .sync()
        .channel();
  }

  // chooses the connection's shard and counts it on that shard until it closes
  private synchronized Supported supported(Channel ch, boolean shardAwarePort) {
    int[] layout = openPerShard;
    int shard;
    if (shardAwarePort) {
      shard = ((InetSocketAddress) ch.remoteAddress()).getPort() % layout.length;
    } else if (regularShard >= 0) {
      shard = regularShard;
    } else {
      shard = 0;
      for (int s = 1; s < layout.length; s++) {
        if (layout[s] < layout[shard]) {
          shard = s;
        }
      }
    }
    layout[shard]++;
    int chosen = shard;
    ch.closeFuture().addListener(f -> closed(layout, chosen));
    Map<String, List<String>> options = new HashMap<>();
    options.put("CQL_VERSION", List.of("3.3.1"));
    options.put("SCYLLA_SHARD", List.of(String.valueOf(shard)));
    options.put("SCYLLA_NR_SHARDS", List.of(String.valueOf(layout.length)));
    options.put("SCYLLA_PARTITIONER", List.of("org.apache.cassandra.dht.Murmur3Partitioner"));
    options.put("SCYLLA_SHARDING_ALGORITHM", List.of(ShardingInfo.BIASED_TOKEN_ROUND_ROBIN));
    options.put("SCYLLA_SHARDING_IGNORE_MSB", List.of("12"));
    if (shardAware != null) {
      options.put("SCYLLA_SHARD_AWARE_PORT", List.of(String.valueOf(shardAwarePort().getPort())));
    }
    return new Supported(options);
  }

  private synchronized void closed(int[] layout, int shard) {
    layout[shard]--;
  }

  /** The regular CQL port. */
  InetSocketAddress address() {
    return (InetSocketAddress) regular.localAddress();
  }

  /** The shard-aware port; only for a server started with one. */
  InetSocketAddress shardAwarePort() {
    return (InetSocketAddress) shardAware.localAddress();
  }

  /** How many connections the regular port accepted so far. */
  int acceptedOnRegularPort() {
    return acceptedOnRegularPort.get();
  }

  /** How many connections the shard-aware port accepted so far. */
  int acceptedOnShardAwarePort() {
    return acceptedOnShardAwarePort.get();
  }

  /**
   * The node now has another shard count (a restart with more cores): new connections are laid out
   * over the new shards; the old ones keep the layout they were told.
   *
   * @param shards the new shard count
   */
  synchronized void reshard(int shards) {
    openPerShard = new int[shards];
  }

  /** Closes one of the connections the server accepted, as a broken network path would. */
  void dropOneConnection() {
    accepted.iterator().next().close().syncUninterruptibly();
  }

  @Override
  public void close() {
    regular.close().syncUninterruptibly();
    if (shardAware != null) {
      shardAware.close().syncUninterruptibly();
    }
    accepted.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Answers one connection's requests; confined to its event loop. */
  private static final class Responder extends ByteToMessageDecoder {
    private final FrameDecoder decoder = FrameDecoder.forServer();
    private final FrameCodec codec = FrameCodec.defaults();
    private final Supported supported;

    Responder(Supported supported) {
      this.supported = supported;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      Frame frame;
      while ((frame = decoder.decode(in)) != null) {
        RequestEnvelope request;
        try {
          request = codec.decodeRequest(frame);
        } finally {
          frame.release();
        }
        Response response = answer(request);
        if (response != null) {
          ctx.write(codec.encode(ctx.alloc(), ResponseEnvelope.of(request.streamId(), response)));
        }
      }
    }

    private Response answer(RequestEnvelope request) {
      if (request.message() instanceof Options) {
        return supported;
      }
      if (request.message() instanceof Startup || request.message() instanceof Register) {
        return new Ready();
      }
      if (request.message() instanceof Query q && q.query().equals("silence")) {
        return null;
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
