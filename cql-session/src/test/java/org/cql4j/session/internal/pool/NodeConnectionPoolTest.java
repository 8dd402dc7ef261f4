package org.cql4j.session.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cql4j.session.PoolSize;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.connection.LocalCqlServer;
import org.cql4j.session.internal.connection.Transport;
import org.cql4j.session.internal.session.ClusterPolicies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's up/down notifications against a real socket ({@link LocalCqlServer}). */
class NodeConnectionPoolTest {
  private final Transport transport = Transport.create(Transport.Kind.NIO, 2);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void tearDown() {
    scheduler.shutdownNow();
    transport.close();
  }

  /**
   * The session opens by waiting for each pool's first round and then sends a request (USE of the
   * configured keyspace). That request's plan only has nodes marked up, so the node must be up
   * before the first round completes, even when the first connection's notification is slow and the
   * other one, on the other event loop, finishes meanwhile.
   */
  @Test
  void theNodeIsMarkedUpBeforeTheFirstRoundCompletes() throws Exception {
    try (LocalCqlServer server = new LocalCqlServer(false)) {
      RecordingListener listener = new RecordingListener(Duration.ofMillis(300));
      NodeConnectionPool pool = pool(server.address(), 2, listener);

      pool.start().thenRun(() -> listener.events.add("first round done")).get(10, TimeUnit.SECONDS);

      assertThat(listener.events).containsExactly("up", "first round done");
      assertThat(pool.connection()).isNotNull();
      pool.close().get(10, TimeUnit.SECONDS);
    }
  }

  /** A DOWN event can be older than the connection the pool has just opened. */
  @Test
  void aDownEventFromTheClusterIsIgnoredWhileAConnectionIsOpen() throws Exception {
    try (LocalCqlServer server = new LocalCqlServer(false)) {
      RecordingListener listener = new RecordingListener(Duration.ZERO);
      NodeConnectionPool pool = pool(server.address(), 1, listener);
      pool.start().get(10, TimeUnit.SECONDS);

      pool.reportedDown(new IllegalStateException("reported DOWN by the cluster"));

      assertThat(listener.events).containsExactly("up");
      pool.close().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aServerGoingAwayMarksTheNodeDownOnceItsLastConnectionCloses() throws Exception {
    RecordingListener listener = new RecordingListener(Duration.ZERO);
    NodeConnectionPool pool;
    try (LocalCqlServer server = new LocalCqlServer(false)) {
      pool = pool(server.address(), 2, listener);
      pool.start().get(10, TimeUnit.SECONDS);
      assertThat(listener.events).containsExactly("up");
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (listener.events.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    // failed reconnection attempts repeat "down"; the node never comes back up
    assertThat(listener.events).startsWith("up", "down");
    assertThat(listener.events.subList(1, listener.events.size())).containsOnly("down");
    assertThat(pool.connection()).isNull();
    pool.close().get(10, TimeUnit.SECONDS);
  }

  private NodeConnectionPool pool(InetSocketAddress address, int size, RecordingListener l) {
    return new NodeConnectionPool(
        address,
        PoolSize.perHost(size),
        new ConnectionFactory(transport),
        PoolTestSettings.of(address, PoolSize.perHost(size), ClusterPolicies.DEFAULTS),
        () -> null,
        scheduler,
        l,
        null);
  }

  /** Records the notifications in order; the up notification can be made slow. */
  private static final class RecordingListener implements NodeConnectionPool.Listener {
    final List<String> events = new CopyOnWriteArrayList<>();
    private final Duration upDelay;

    RecordingListener(Duration upDelay) {
      this.upDelay = upDelay;
    }

    @Override
    public void onPoolUp(InetSocketAddress address) {
      try {
        Thread.sleep(upDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      events.add("up");
    }

    @Override
    public void onPoolDown(InetSocketAddress address, Throwable cause) {
      events.add("down");
    }
  }
}
