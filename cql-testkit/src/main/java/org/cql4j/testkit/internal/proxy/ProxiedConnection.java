package org.cql4j.testkit.internal.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.protocol.message.Response;
import org.cql4j.testkit.proxy.Direction;
import org.cql4j.testkit.proxy.ProxyConnection;
import org.cql4j.testkit.proxy.ProxyCounters;
import org.cql4j.testkit.proxy.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection and the proxy's connection to the node for it; both channels run on the
 * client channel's event loop, to which this object's mutable state is confined (the {@link
 * ProxyConnection} getters are safe from any thread).
 *
 * <p>Frames from the client go through {@link RequestPath}, frames from the node through {@link
 * ResponsePath}; both end in the node's and proxy's rules and the {@link ActionRunner}.
 */
final class ProxiedConnection implements ProxyConnection {
  private static final Logger LOG = LoggerFactory.getLogger(ProxiedConnection.class);

  static final String CUTTER = "cqlProxyCutter";
  static final String ENCODER = "cqlProxyEncoder";
  static final String HANDLER = "cqlProxyHandler";

  private final NodeProxy node;
  private final Channel client;
  private final InetSocketAddress clientAddress;
  private final int number;
  private final int shard;
  private final boolean shardAware;
  private final Counters counters;
  private final Framing framing = new Framing();
  private final Map<Integer, RequestInfo> inflight = new HashMap<>();
  private final ActionRunner actions = new ActionRunner(this);
  private final RequestPath requests;
  private final ResponsePath responses;
  private volatile Channel server;
  private volatile boolean control;
  private volatile boolean open = true;
  private boolean clientStopped;
  private boolean nodeStopped;
  String keyspace;
  ScyllaHandshake.Negotiated negotiated = ScyllaHandshake.Negotiated.NONE;

  ProxiedConnection(NodeProxy node, Channel client, int number, int shard, boolean shardAware) {
    this.node = node;
    this.client = client;
    this.clientAddress = (InetSocketAddress) client.remoteAddress();
    this.number = number;
    this.shard = shard;
    this.shardAware = shardAware;
    this.counters = new Counters(node.countersImpl());
    this.requests = new RequestPath(this);
    this.responses = new ResponsePath(this);
  }

  /** Sets up the client channel and connects to the node; reads from the client once connected. */
  void start() {
    counters.connectionOpened();
    client.config().setAutoRead(false);
    client
        .pipeline()
        .addLast(CUTTER, new FrameCutter(framing, true, listener(true)))
        .addLast(ENCODER, new FrameEncoder(framing, true))
        .addLast(HANDLER, new SideHandler(true));
    client.closeFuture().addListener(f -> closed());
    new Bootstrap()
        .group(client.eventLoop())
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                ch.pipeline()
                    .addLast(CUTTER, new FrameCutter(framing, false, listener(false)))
                    .addLast(ENCODER, new FrameEncoder(framing, false))
                    .addLast(HANDLER, new SideHandler(false));
              }
            })
        .connect(node.nodeAddress())
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    LOG.debug("CqlProxy cannot reach {}: {}", node.nodeAddress(), f.cause());
                    client.close();
                    return;
                  }
                  server = f.channel();
                  server.closeFuture().addListener(c -> closed());
                  if (!client.isActive()) {
                    server.close();
                    return;
                  }
                  client.config().setAutoRead(true);
                });
  }

  private FrameCutter.Listener listener(boolean fromClient) {
    return new FrameCutter.Listener() {
      @Override
      public void bytesRead(int bytes) {
        counters.bytes(fromClient, bytes);
      }

      @Override
      public void malformed(int bytes, String why) {
        LOG.debug(
            "CqlProxy forwards {} unparsed bytes from the {}: {}",
            bytes,
            fromClient ? "client" : "node",
            why);
        counters.malformed(bytes);
      }
    };
  }

  // ---- used by the paths and the action runner (event loop only)

  NodeProxy nodeProxy() {
    return node;
  }

  Framing framing() {
    return framing;
  }

  Map<Integer, RequestInfo> inflight() {
    return inflight;
  }

  Counters countersImpl() {
    return counters;
  }

  EventLoop eventLoop() {
    return client.eventLoop();
  }

  ByteBufAllocator alloc() {
    return client.alloc();
  }

  int shardNumber() {
    return shard;
  }

  void markControl() {
    control = true;
  }

  /** Applies the first matching rule (the node's, then the proxy's), or forwards. */
  void decide(FrameView view) {
    actions.apply(node.match(view), view);
  }

  /** Writes a frame to the side it travels to; releases it if that side is gone. */
  void forward(RawFrame frame, Direction direction) {
    write(frame, frame, direction);
  }

  /** Writes a frame to be sent with a broken checksum (see {@code Action.corruptChecksum()}). */
  void forward(CorruptedFrame frame, Direction direction) {
    write(frame, frame.frame(), direction);
  }

  private void write(Object message, RawFrame frame, Direction direction) {
    Channel target = direction == Direction.REQUEST ? server : client;
    if (target == null || !target.isActive()) {
      frame.release();
      return;
    }
    target.writeAndFlush(message, target.voidPromise());
  }

  /** Writes bytes the cutter could not frame to the other side. */
  void forwardRaw(Passthrough bytes, boolean fromClient) {
    Channel target = fromClient ? server : client;
    if (target == null || !target.isActive()) {
      bytes.release();
      return;
    }
    target.writeAndFlush(bytes, target.voidPromise());
  }

  RawFrame forge(Response response, int streamId, int version) {
    return ForgedFrames.encode(
        response, streamId, version, framing, negotiated.rateLimitCode(), alloc());
  }

  /** Answers a request the emulated ScyllaDB refuses (v5), then closes, as Cassandra does. */
  void refuseVersion(RawFrame frame) {
    int version = frame.version();
    int stream = frame.streamId();
    frame.release();
    RawFrame error =
        ForgedFrames.encode(
            ErrorMessage.of(
                new DbError.ProtocolError(),
                "Invalid or unsupported protocol version ("
                    + version
                    + "); supported versions are (3/v3, 4/v4)"),
            stream,
            4,
            framing,
            OptionalInt.empty(),
            alloc());
    counters.countForged();
    client.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
  }

  void stopReading(Side side) {
    if (side == Side.CLIENT) {
      clientStopped = true;
      client.config().setAutoRead(false);
    } else if (server != null) {
      nodeStopped = true;
      server.config().setAutoRead(false);
    }
  }

  /** Reads again from the sides a rule stopped; any thread. */
  void resumeReading() {
    client
        .eventLoop()
        .execute(
            () -> {
              if (clientStopped) {
                clientStopped = false;
                client.config().setAutoRead(true);
              }
              if (nodeStopped && server != null) {
                nodeStopped = false;
                server.config().setAutoRead(true);
              }
            });
  }

  /** Closes both sides; with {@code reset} the client gets an RST. Any thread. */
  void close(boolean reset) {
    client
        .eventLoop()
        .execute(
            () -> {
              if (reset && client.isOpen()) {
                client.config().setOption(ChannelOption.SO_LINGER, 0);
              }
              client.close();
              if (server != null) {
                server.close();
              }
            });
  }

  /** Closes both sides and waits until they are closed; any thread but the event loop. */
  void closeAndWait() {
    client.close().awaitUninterruptibly(2, java.util.concurrent.TimeUnit.SECONDS);
    Channel s = server;
    if (s != null) {
      s.close().awaitUninterruptibly(2, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  private void closed() {
    if (!open) {
      return;
    }
    open = false;
    node.connectionClosed(this);
    closeAfterFlush(client);
    if (server != null) {
      closeAfterFlush(server);
    }
  }

  private static void closeAfterFlush(Channel channel) {
    if (channel.isActive()) {
      channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    } else {
      channel.close();
    }
  }

  // ---- ProxyConnection

  @Override
  public int node() {
    return node.number();
  }

  @Override
  public int number() {
    return number;
  }

  @Override
  public InetSocketAddress clientAddress() {
    return clientAddress;
  }

  @Override
  public OptionalInt shard() {
    return shard < 0 ? OptionalInt.empty() : OptionalInt.of(shard);
  }

  @Override
  public boolean viaShardAwarePort() {
    return shardAware;
  }

  @Override
  public boolean isControl() {
    return control;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public ProxyCounters counters() {
    return counters;
  }

  @Override
  public String toString() {
    return "ProxyConnection[node "
        + node.number()
        + " #"
        + number
        + " from "
        + clientAddress
        + (shard >= 0 ? ", shard " + shard : "")
        + (control ? ", control" : "")
        + "]";
  }

  /** Hands what a side's cutter produced to the right path. */
  private final class SideHandler extends ChannelInboundHandlerAdapter {
    private final boolean fromClient;

    SideHandler(boolean fromClient) {
      this.fromClient = fromClient;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof RawFrame frame) {
        counters.frame(frame);
        if (fromClient) {
          requests.handle(frame);
        } else {
          responses.handle(frame);
        }
      } else if (msg instanceof Passthrough bytes) {
        forwardRaw(bytes, fromClient);
      } else {
        io.netty.util.ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("CqlProxy closes {} after {}", ProxiedConnection.this, cause.toString());
      ctx.close();
    }
  }
}
