package org.cql4j.session.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.BoundValues;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.QueryParameters;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.internal.metrics.NodeCounters;
import org.cql4j.session.internal.metrics.SessionMetrics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connect path on real sockets, against {@link LocalCqlServer}. */
@ExtendWith(LeakCheck.class)
class ConnectionFactoryTest {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionFactoryTest.class);

  private static Query query(String cql) {
    return new Query(cql, QueryParameters.of(Consistency.ONE, BoundValues.EMPTY));
  }

  private static Throwable failure(CompletableFuture<?> future) throws Exception {
    try {
      future.get(10, TimeUnit.SECONDS);
      throw new AssertionError("did not fail");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void connectsAndMultiplexesOverNio() throws Exception {
    try (LocalCqlServer server = new LocalCqlServer(false);
        Transport transport = Transport.create(Transport.Kind.NIO, 1)) {
      roundTrips(transport, server, 20_000);
    }
  }

  @Test
  void connectsOverEpollWhenAvailable() throws Exception {
    Assumptions.assumeTrue(EpollTransport.isAvailable(), "epoll is not available here");
    try (LocalCqlServer server = new LocalCqlServer(false);
        Transport transport = Transport.create(Transport.Kind.EPOLL, 1)) {
      assertThat(transport.name()).isEqualTo("epoll");
      roundTrips(transport, server, 20_000);
    }
  }

  private static void roundTrips(Transport transport, LocalCqlServer server, int count)
      throws Exception {
    ConnectionFactory factory = new ConnectionFactory(transport);
    NodeCounters counters = new SessionMetrics().forNode(server.address());
    Connection connection =
        factory
            .connect(ConnectionConfig.builder(server.address()).counters(counters).build())
            .get(10, TimeUnit.SECONDS);
    assertThat(counters.connectionsOpened()).isEqualTo(1);
    assertThat(counters.connectionsOpen()).isEqualTo(1);
    long handshakeSent = counters.bytesSent();
    long handshakeReceived = counters.bytesReceived();
    assertThat(handshakeSent).as("OPTIONS and STARTUP").isPositive();
    long start = System.nanoTime();
    List<CompletableFuture<ResponseEnvelope>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      futures.add(connection.send(query("SELECT 1"), Duration.ofSeconds(20)));
    }
    for (CompletableFuture<ResponseEnvelope> f : futures) {
      assertThat(f.get(20, TimeUnit.SECONDS).message()).isEqualTo(new VoidResult());
    }
    long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
    LOG.info(
        "{}: {} requests in {} ms ({} per second)",
        transport,
        count,
        micros / 1000,
        count * 1_000_000L / Math.max(1, micros));
    // a QUERY "SELECT 1" frame is 9 header bytes + a 4-byte length + 8 bytes of text + 2 bytes of
    // consistency + 1 byte of flags; its VOID answer is 9 + 4 bytes
    assertThat(counters.bytesSent() - handshakeSent).isEqualTo(24L * count);
    assertThat(counters.bytesReceived() - handshakeReceived).isEqualTo(13L * count);
    connection.close().get(10, TimeUnit.SECONDS);
    // counted by a listener of the channel's close, which may run just after close() completes
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (counters.connectionsClosed() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(counters.connectionsClosed()).isEqualTo(1);
    assertThat(counters.connectionsOpen()).isZero();
  }

  @Test
  void refusedConnectionIsAConnectionException() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Transport transport = Transport.create(Transport.Kind.NIO, 1)) {
      InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
      assertThat(
              failure(
                  new ConnectionFactory(transport)
                      .connect(ConnectionConfig.builder(address).build())))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("could not connect to " + address);
    }
  }

  @Test
  void silentServerFailsTheConnectWithinTheConnectTimeout() throws Exception {
    try (LocalCqlServer server = new LocalCqlServer(true);
        Transport transport = Transport.create(Transport.Kind.NIO, 1)) {
      long start = System.nanoTime();
      NodeCounters counters = new SessionMetrics().forNode(server.address());
      Throwable error =
          failure(
              new ConnectionFactory(transport)
                  .connect(
                      ConnectionConfig.builder(server.address())
                          .connectTimeout(Duration.ofMillis(300))
                          .counters(counters)
                          .build()));
      assertThat(counters.connectionTimeoutsCount()).isEqualTo(1);
      assertThat(counters.connectionsOpened()).isZero();
      assertThat(error)
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("did not complete within the connect timeout of 300 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void timedOutRequestOnARealSocketIsOrphanedAndTheConnectionStaysUsable() throws Exception {
    try (LocalCqlServer server = new LocalCqlServer(false);
        Transport transport = Transport.create(Transport.Kind.NIO, 1)) {
      Connection connection =
          new ConnectionFactory(transport)
              .connect(ConnectionConfig.builder(server.address()).build())
              .get(10, TimeUnit.SECONDS);
      assertThat(failure(connection.send(query("silence"), Duration.ofMillis(50))))
          .isInstanceOf(RequestTimeoutException.class);
      assertThat(connection.orphans()).isEqualTo(1);
      assertThat(connection.send(query("SELECT 1"), Duration.ofSeconds(5)).get().message())
          .isEqualTo(new VoidResult());
      connection.forceClose().get(5, TimeUnit.SECONDS);
      assertThat(connection.closeCause()).isPresent();
    }
  }

  @Test
  void epollIsRefusedWithTheReasonWhenUnavailable() {
    Assumptions.assumeFalse(EpollTransport.isAvailable(), "epoll is available here");
    assertThatThrownBy(() -> Transport.create(Transport.Kind.EPOLL, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("epoll");
  }
}
