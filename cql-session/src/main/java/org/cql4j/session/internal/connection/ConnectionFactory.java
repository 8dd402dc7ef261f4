package org.cql4j.session.internal.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.internal.metrics.NodeCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections on a {@link Transport}; thread-safe and stateless besides its transport. TCP
 * connect, TLS handshake, CQL handshake, all within the configured connect timeout.
 */
public final class ConnectionFactory {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionFactory.class);

  private final Transport transport;

  /**
   * Creates a factory.
   *
   * @param transport the event loops to run connections on; not closed by this factory
   */
  public ConnectionFactory(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /**
   * Opens a connection and runs its handshake. Any thread; never blocks.
   *
   * @param config where and how to connect
   * @return completes with a ready connection, or fails within {@code config.connectTimeout()}
   *     (plus scheduling slack) with a {@link ConnectionException} naming the node and the step:
   *     refused, TLS failure (with the {@code SSLException} as cause), handshake timeout, a server
   *     without protocol v4; or an {@link org.cql4j.session.errors.AuthenticationException} when
   *     credentials are missing or rejected. The channel is closed whenever the future fails.
   */
  public CompletableFuture<Connection> connect(ConnectionConfig config) {
    long deadline = System.nanoTime() + config.connectTimeout().toNanos();
    CompletableFuture<Connection> result = new CompletableFuture<>();
    Connection[] created = new Connection[1];
    SslHandler[] tls = new SslHandler[1];
    Bootstrap bootstrap =
        new Bootstrap()
            .group(transport.group())
            .channel(transport.channelClass())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis(config))
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    tls[0] = ConnectionPipeline.addTls(channel, config);
                    created[0] = ConnectionPipeline.addCql(channel, config);
                  }
                });
    ChannelFuture connect =
        config.localAddress() == null
            ? bootstrap.connect(config.address())
            : bootstrap.connect(config.address(), config.localAddress());
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            if (f.cause() instanceof ConnectTimeoutException) {
              config.counters().connectTimedOut();
            }
            result.completeExceptionally(
                new ConnectionException(
                    "could not connect to " + config.address() + ": " + f.cause(), f.cause()));
            return;
          }
          // on the channel's event loop: the initializer has run
          handshake(connect.channel(), created[0], tls[0], deadline, result);
        });
    return result;
  }

  private static void handshake(
      Channel channel,
      Connection connection,
      SslHandler tls,
      long deadline,
      CompletableFuture<Connection> result) {
    ConnectionConfig config = connection.config();
    ScheduledFuture<?> timer =
        channel
            .eventLoop()
            .schedule(
                () -> {
                  config.counters().connectTimedOut();
                  connection.closeWithError(
                      new ConnectionException(
                          "handshake with "
                              + connection.node()
                              + " did not complete within the connect timeout of "
                              + config.connectTimeout().toMillis()
                              + " ms"));
                },
                deadline - System.nanoTime(),
                TimeUnit.NANOSECONDS);
    tlsHandshake(connection, tls)
        .thenCompose(
            ignored ->
                new Handshake(connection, deadline, tls == null ? null : tls.engine().getSession())
                    .run())
        .whenComplete(
            (ready, error) -> {
              timer.cancel(false);
              if (error == null) {
                LOG.debug("{} ready", connection);
                ConnectionPipeline.addHeartbeat(channel, connection);
                NodeCounters counters = config.counters();
                counters.connectionOpened();
                channel.closeFuture().addListener(f -> counters.connectionClosed());
                result.complete(ready);
                return;
              }
              Throwable cause = Handshake.unwrap(error);
              connection.closeWithError(cause);
              result.completeExceptionally(cause);
            });
  }

  private static CompletableFuture<Void> tlsHandshake(Connection connection, SslHandler tls) {
    if (tls == null) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    tls.handshakeFuture()
        .addListener(
            f -> {
              if (f.isSuccess()) {
                done.complete(null);
              } else {
                Throwable cause = f.cause();
                done.completeExceptionally(
                    new CompletionException(
                        new ConnectionException(
                            "TLS handshake with " + connection.node() + " failed: " + cause,
                            cause)));
              }
            });
    return done;
  }

  private static int timeoutMillis(ConnectionConfig config) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.connectTimeout().toMillis()));
  }

  @Override
  public String toString() {
    return "ConnectionFactory[" + transport + "]";
  }
}
