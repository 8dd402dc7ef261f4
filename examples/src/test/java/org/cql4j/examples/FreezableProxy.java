package org.cql4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of one node whose answers can be held back, so that a request times out on
 * the client while the node is fine. Thread-safe; one platform thread per direction and connection.
 */
final class FreezableProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean frozen;

  FreezableProxy(String targetHostPort) throws IOException {
    int colon = targetHostPort.lastIndexOf(':');
    this.target =
        new InetSocketAddress(
            targetHostPort.substring(0, colon),
            Integer.parseInt(targetHostPort.substring(colon + 1)));
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Where clients connect, {@code host:port}. */
  String contactPoint() {
    return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  /**
   * Holds back (true) or passes on (false) what the node sends; held bytes go out when thawed.
   *
   * @param frozen whether to hold answers back
   */
  void freeze(boolean frozen) {
    this.frozen = frozen;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket node = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(node);
        pump(client, node, false);
        pump(node, client, true);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Socket from, Socket to, boolean answers) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  while (answers && frozen) {
                    Thread.sleep(10);
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // a side closed: close the other
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            answers ? "proxy-answers" : "proxy-requests");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    frozen = false;
    closeQuietly(server);
    sockets.forEach(FreezableProxy::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
