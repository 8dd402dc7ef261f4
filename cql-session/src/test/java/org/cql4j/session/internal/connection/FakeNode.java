package org.cql4j.session.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.cql4j.protocol.frame.Frame;
import org.cql4j.protocol.frame.FrameCodec;
import org.cql4j.protocol.frame.FrameDecoder;
import org.cql4j.protocol.frame.RequestEnvelope;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.Response;
import org.cql4j.protocol.message.Supported;
import org.cql4j.protocol.scylla.ScyllaExtensions;

/**
 * A connection on an {@link EmbeddedChannel} and the node at its other end, played by the test. Not
 * thread-safe: everything runs on the test thread, which is the embedded event loop.
 */
final class FakeNode implements AutoCloseable {
  static final InetSocketAddress ADDRESS = InetSocketAddress.createUnresolved("fake-node", 9042);

  final EmbeddedChannel channel;
  final Connection connection;
  int flushes;
  private final FrameDecoder decoder = FrameDecoder.forServer();
  private FrameCodec codec = FrameCodec.defaults();

  private FakeNode(ConnectionConfig config, int streamIds) {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    channel
        .pipeline()
        .addFirst(
            "flushCounter",
            new ChannelOutboundHandlerAdapter() {
              @Override
              public void flush(ChannelHandlerContext ctx) {
                flushes++;
                ctx.flush();
              }
            });
    connection = ConnectionPipeline.addCql(channel, config, new StreamIds(streamIds));
  }

  /** A connection with the default configuration, not handshaken. */
  static FakeNode open() {
    return open(b -> b);
  }

  /** A connection with a customized configuration, not handshaken. */
  static FakeNode open(UnaryOperator<ConnectionConfig.Builder> config) {
    return open(StreamIds.MAX, config);
  }

  /** A connection with fewer stream ids, not handshaken. */
  static FakeNode open(int streamIds, UnaryOperator<ConnectionConfig.Builder> config) {
    return new FakeNode(config.apply(ConnectionConfig.builder(ADDRESS)).build(), streamIds);
  }

  /** Uses a codec with the compression and extensions the node agreed to. */
  void negotiated(FrameCodec codec) {
    this.codec = codec;
  }

  /** Runs the event loop's tasks (the writer's drain) and decodes every request written. */
  List<RequestEnvelope> requests() {
    channel.runPendingTasks();
    List<RequestEnvelope> out = new ArrayList<>();
    ByteBuf written;
    while ((written = channel.readOutbound()) != null) {
      try {
        Frame frame;
        while ((frame = decoder.decode(written)) != null) {
          try {
            out.add(codec.decodeRequest(frame));
          } finally {
            frame.release();
          }
        }
      } finally {
        written.release();
      }
    }
    return out;
  }

  /** The single request written since the last call. */
  RequestEnvelope request() {
    List<RequestEnvelope> requests = requests();
    if (requests.size() != 1) {
      throw new AssertionError("expected one request, got " + requests);
    }
    return requests.get(0);
  }

  /** Sends a response frame to the connection. */
  void respond(int streamId, Response response) {
    channel.writeInbound(encode(streamId, response));
    channel.runPendingTasks();
  }

  /** Encodes a response frame; the caller writes or releases it. */
  ByteBuf encode(int streamId, Response response) {
    return codec.encode(ByteBufAllocator.DEFAULT, ResponseEnvelope.of(streamId, response));
  }

  /** Sends raw bytes to the connection. */
  void respondRaw(ByteBuf bytes) {
    channel.writeInbound(bytes);
    channel.runPendingTasks();
  }

  /** Advances the event loop's clock and runs what became due. */
  void advanceMillis(long millis) {
    channel.advanceTimeBy(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    channel.runPendingTasks();
  }

  /** A SUPPORTED like Cassandra 5's. */
  static Supported cassandraSupported() {
    return new Supported(
        Map.of(
            "CQL_VERSION", List.of("3.4.7"),
            "COMPRESSION", List.of("snappy", "lz4"),
            "PROTOCOL_VERSIONS", List.of("3/v3", "4/v4", "5/v5")));
  }

  /** A SUPPORTED like ScyllaDB's, with extensions to echo. */
  static Supported scyllaSupported() {
    return new Supported(
        Map.of(
            "CQL_VERSION",
            List.of("3.3.1"),
            "COMPRESSION",
            List.of("lz4", "snappy"),
            ScyllaExtensions.RATE_LIMIT_ERROR,
            List.of("ERROR_CODE=61440"),
            ScyllaExtensions.TABLETS_ROUTING_V1_KEY,
            List.of(""),
            "SCYLLA_SHARD",
            List.of("1"),
            "SCYLLA_NR_SHARDS",
            List.of("4")));
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
  }
}
