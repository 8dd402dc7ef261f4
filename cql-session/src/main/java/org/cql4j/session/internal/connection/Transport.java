package org.cql4j.session.internal.connection;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loops and the socket channel type connections run on, immutable and thread-safe: NIO,
 * or native epoll on Linux when {@code netty-transport-native-epoll} is on the classpath.
 */
public final class Transport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

  /** Which I/O implementation to use. */
  public enum Kind {
    /** Java NIO: works everywhere; the default. */
    NIO,
    /** Native epoll: Linux only, needs {@code netty-transport-native-epoll}; fails if absent. */
    EPOLL,
    /** Epoll when available, NIO otherwise. */
    AUTO
  }

  private final EventLoopGroup group;
  private final Class<? extends SocketChannel> channelClass;
  private final boolean owned;
  private final String name;

  private Transport(
      EventLoopGroup group,
      Class<? extends SocketChannel> channelClass,
      boolean owned,
      String name) {
    this.group = Objects.requireNonNull(group, "group");
    this.channelClass = Objects.requireNonNull(channelClass, "channelClass");
    this.owned = owned;
    this.name = name;
  }

  /**
   * Creates event loops that this transport owns and shuts down on {@link #close()}.
   *
   * @param kind NIO, EPOLL or AUTO
   * @param threads the number of event-loop threads, or 0 for Netty's default (2 × cores)
   * @return the transport
   * @throws IllegalStateException if EPOLL is asked for and unavailable, with the reason
   */
  public static Transport create(Kind kind, int threads) {
    boolean epoll =
        switch (kind) {
          case NIO -> false;
          case EPOLL -> {
            EpollTransport.requireAvailable();
            yield true;
          }
          case AUTO -> EpollTransport.isAvailable();
        };
    var threadFactory = new DefaultThreadFactory(epoll ? "cql4j-epoll" : "cql4j-nio", true);
    if (epoll) {
      return new Transport(
          EpollTransport.group(threads, threadFactory),
          EpollTransport.channelClass(),
          true,
          "epoll");
    }
    return new Transport(
        new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory()),
        NioSocketChannel.class,
        true,
        "nio");
  }

  /**
   * Uses event loops the caller owns (and shuts down); {@link #close()} leaves them alone.
   *
   * @param group the event loops
   * @param channelClass a socket channel class matching the group
   * @return the transport
   */
  public static Transport shared(
      EventLoopGroup group, Class<? extends SocketChannel> channelClass) {
    return new Transport(group, channelClass, false, channelClass.getSimpleName());
  }

  /** The event loops. */
  public EventLoopGroup group() {
    return group;
  }

  /** The socket channel class. */
  public Class<? extends SocketChannel> channelClass() {
    return channelClass;
  }

  /** "nio", "epoll", or the channel class of a shared transport. */
  public String name() {
    return name;
  }

  /**
   * Shuts the event loops down if this transport created them, without waiting.
   *
   * @return completes when the threads have stopped
   */
  public Future<?> shutdown() {
    if (!owned) {
      return group.terminationFuture();
    }
    return group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }

  /** Shuts the event loops down if this transport created them, and waits up to 5 s. */
  @Override
  public void close() {
    if (!shutdown().awaitUninterruptibly(5, TimeUnit.SECONDS)) {
      LOG.warn("the {} event loops did not stop within 5 s", name);
    }
  }

  @Override
  public String toString() {
    return "Transport[" + name + "]";
  }
}
