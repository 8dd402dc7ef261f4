package org.cql4j.session.internal.connection;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * Everything that touches the optional epoll transport; stateless, hence thread-safe. It uses
 * reflection: the build puts {@code netty-transport-native-epoll} on the runtime classpath only,
 * and users may leave it out.
 */
final class EpollTransport {
  private static final String PACKAGE = "io.netty.channel.epoll.";

  private EpollTransport() {}

  /** Whether the epoll jar is present and its native library loads on this machine. */
  static boolean isAvailable() {
    try {
      return (Boolean) epoll().getMethod("isAvailable").invoke(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      return false;
    }
  }

  /** Throws, with the reason, unless epoll can be used. */
  static void requireAvailable() {
    Class<?> epoll;
    try {
      epoll = epoll();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException(
          "the epoll transport needs io.netty:netty-transport-native-epoll (classifier"
              + " linux-x86_64 or linux-aarch_64) on the classpath; use Transport.Kind.NIO or AUTO",
          e);
    }
    if (!isAvailable()) {
      Throwable cause;
      try {
        cause = (Throwable) epoll.getMethod("unavailabilityCause").invoke(null);
      } catch (ReflectiveOperationException e) {
        cause = e;
      }
      throw new IllegalStateException(
          "the epoll transport is unavailable on this machine: " + cause, cause);
    }
  }

  static EventLoopGroup group(int threads, ThreadFactory threadFactory) {
    try {
      IoHandlerFactory factory =
          (IoHandlerFactory) load("EpollIoHandler").getMethod("newFactory").invoke(null);
      return new MultiThreadIoEventLoopGroup(threads, threadFactory, factory);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not create epoll event loops: " + e, e);
    }
  }

  static Class<? extends SocketChannel> channelClass() {
    try {
      return load("EpollSocketChannel").asSubclass(SocketChannel.class);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the epoll socket channel is missing: " + e, e);
    }
  }

  private static Class<?> epoll() throws ClassNotFoundException {
    return load("Epoll");
  }

  private static Class<?> load(String simpleName) throws ClassNotFoundException {
    return Class.forName(PACKAGE + simpleName, true, EpollTransport.class.getClassLoader());
  }
}
