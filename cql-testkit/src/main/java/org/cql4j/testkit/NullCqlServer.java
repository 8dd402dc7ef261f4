package org.cql4j.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.cql4j.testkit.internal.nullserver.NullServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread-safe CQL server that does no database work: it answers native protocol v4 requests with
 * frames encoded once at start-up, so that a benchmark against it measures the client driver, not
 * the server.
 *
 * <pre>{@code
 * try (NullCqlServer server = NullCqlServer.builder().start()) {
 *   String contactPoint = server.contactPoint(); // "127.0.0.1:41234"
 *   // connect any driver with local data center NullCqlServer.DATA_CENTER
 * }                                              // releases the port and the threads
 * }</pre>
 *
 * <p>What it answers, in protocol v4 only (a request of another version gets the PROTOCOL_ERROR
 * "Invalid or unsupported protocol version (5); supported versions are (4/v4)" framed as v4 with
 * the request's stream id, as Cassandra answers, so drivers negotiate down to v4):
 *
 * <ul>
 *   <li>OPTIONS → SUPPORTED (CQL 3.4.7, no compression); STARTUP → READY (no authentication);
 *       REGISTER → READY (no event is ever sent); BATCH → Void.
 *   <li>QUERY and PREPARE of {@code USE}, {@code SELECT} of plain columns (with {@code =}, {@code
 *       IN} or comparison restrictions and a literal {@code LIMIT}) and {@code INSERT ... VALUES}
 *       on the tables it knows: {@code system.local} (one row with every column Cassandra 5.0 has:
 *       Murmur3Partitioner, one token, data center {@value #DATA_CENTER}, rack {@code rack1},
 *       release 5.0.9, this server's address and port), {@code system.peers} and {@code
 *       system.peers_v2} (no rows: a single node), the {@code system_schema} and {@code
 *       system_virtual_schema} tables (Cassandra 5.0's columns, no rows), and the benchmark table
 *       {@link #BENCH_TABLE_CQL bench.items}. A SELECT returns the columns it names in that order
 *       ({@code *}: all). {@code UPDATE}, {@code DELETE} and {@code BEGIN BATCH} get a Void result.
 *   <li>Anything else gets an Invalid (0x2200) error naming the query and the reason.
 * </ul>
 *
 * <p>The answers do not depend on bound values: a write is discarded (Void); a SELECT restricting
 * the whole primary key of {@code bench.items} returns one row, any other SELECT of it returns one
 * partition of {@link Builder#rowsPerPartition rowsPerPartition} rows. Row {@code k} of a partition
 * is {@code (pk 0, ck k, id UUID.nameUUIDFromBytes("item-k"), name String.format("item-%010d", k),
 * qty k, total 1000 * k, ts 2024-01-01T00:00:00Z + k seconds)}. A PREPARE returns an id derived
 * from the query text (MD5, as Cassandra does), the bind markers typed by their columns, and the
 * result metadata; an EXECUTE of that id returns the canned rows, without metadata when the request
 * sets skip-metadata; an unknown id gets Unprepared (0x2500).
 *
 * <p>Cost: each response is one copy of a canned frame (or a header plus a slice of it, for large
 * ones) with the stream id set; EXECUTE requests are answered without being decoded, and responses
 * are flushed once per read. Tracing, custom payloads and compression are not supported.
 */
public final class NullCqlServer implements AutoCloseable {
  /** The data center the server's node reports; drivers need it as their local data center. */
  public static final String DATA_CENTER = "datacenter1";

  /** The keyspace of the benchmark table, as CQL to create it on a real node. */
  public static final String BENCH_KEYSPACE_CQL =
      "CREATE KEYSPACE IF NOT EXISTS bench WITH replication ="
          + " {'class': 'SimpleStrategy', 'replication_factor': 1}";

  /** The benchmark table the server knows, as CQL to create it on a real node. */
  public static final String BENCH_TABLE_CQL =
      "CREATE TABLE IF NOT EXISTS bench.items (pk bigint, ck int, id uuid, ts timestamp,"
          + " name text, qty int, total bigint, PRIMARY KEY (pk, ck))";

  private static final Logger LOG = LoggerFactory.getLogger(NullCqlServer.class);

  private static final String HANDLER_NAME = "nullCqlServer";

  private final EventLoopGroup group;
  private final Channel serverChannel;
  // written before the bind, read by connections accepted after it
  private volatile NullServer server;

  private NullCqlServer(Builder b) {
    group =
        new MultiThreadIoEventLoopGroup(
            b.eventLoopThreads,
            new DefaultThreadFactory("null-cql-server", true),
            NioIoHandler.newFactory());
    Channel channel = null;
    try {
      // Registered before the bind, so the catalog can read the bound port when it is first
      // queried; connections arrive only after the bind, when the state below is set.
      channel =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                      ch.pipeline().addLast(HANDLER_NAME, server.newConnectionHandler());
                    }
                  })
              .register()
              .syncUninterruptibly()
              .channel();
      Channel registered = channel;
      server =
          new NullServer(
              () -> (InetSocketAddress) registered.localAddress(),
              b.clusterName,
              b.rowsPerPartition);
      channel.bind(new InetSocketAddress(b.address, b.port)).syncUninterruptibly();
    } catch (RuntimeException e) {
      if (channel != null) {
        channel.close().syncUninterruptibly();
      }
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      throw new IllegalStateException(
          "Cannot start NullCqlServer on " + b.address + ":" + b.port + ": " + e, e);
    }
    serverChannel = channel;
    LOG.info("NullCqlServer listening on {}", contactPoint());
  }

  /** Starts configuring a server; every option has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The address and port the server listens on. */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** The endpoint as {@code host:port}, the form drivers take as a contact point. */
  public String contactPoint() {
    InetSocketAddress a = address();
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  /**
   * Closes the listening socket and every connection, stops the event loop threads and releases the
   * canned frames; returns once they are stopped. Idempotent.
   */
  @Override
  public void close() {
    if (!serverChannel.isOpen() && group.isTerminated()) {
      return;
    }
    serverChannel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    if (server != null) {
      server.close();
    }
    LOG.info("NullCqlServer stopped");
  }

  @Override
  public String toString() {
    return "NullCqlServer[" + (serverChannel.isOpen() ? contactPoint() + ", running]" : "stopped]");
  }

  /** Configures a {@link NullCqlServer}; not thread-safe. */
  public static final class Builder {
    private String address = "127.0.0.1";
    private int port;
    private int eventLoopThreads = 1;
    private int rowsPerPartition = 100;
    private String clusterName = "cql4j-null";

    private Builder() {}

    /** The loopback address to listen on; default {@code 127.0.0.1}. */
    public Builder address(String address) {
      this.address = address;
      return this;
    }

    /** The port; default 0, an ephemeral port (read it back with {@link #address()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The number of event loop threads serving connections; default 1, which keeps the server's
     * share of a small machine's CPU predictable. Connections are spread over the threads.
     */
    public Builder eventLoopThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("eventLoopThreads must be >= 1, was " + threads);
      }
      this.eventLoopThreads = threads;
      return this;
    }

    /** How many rows a partition read of {@code bench.items} returns; default 100. */
    public Builder rowsPerPartition(int rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("rowsPerPartition must be >= 0, was " + rows);
      }
      this.rowsPerPartition = rows;
      return this;
    }

    /** The cluster name {@code system.local} reports; default {@code cql4j-null}. */
    public Builder clusterName(String name) {
      this.clusterName = name;
      return this;
    }

    /**
     * Binds the server and starts answering.
     *
     * @return the running server; close it to stop it
     * @throws IllegalStateException if the address cannot be bound
     */
    public NullCqlServer start() {
      return new NullCqlServer(this);
    }
  }
}
