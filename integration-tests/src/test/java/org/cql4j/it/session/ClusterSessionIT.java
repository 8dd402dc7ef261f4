package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.Session;
import org.cql4j.session.observability.NodeStateListener;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;
import org.cql4j.testkit.CassandraCluster;
import org.cql4j.testkit.CassandraNode;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A session against a real 3-node ring: discovery, spreading, a node leaving and returning. */
@CassandraTest(nodes = 3)
class ClusterSessionIT {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSessionIT.class);
  private static Session session;
  // what the session's NodeStateListener was told, as "up /127.0.0.1:9042", in order
  private static final List<String> nodeEvents = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void connect(TestCluster cassandra) {
    // an unreachable first contact point is tolerated; one live node is enough to find the others
    session =
        Session.builder()
            .knownNode("127.0.0.99:" + port(cassandra))
            .knownNode(cassandra.firstContactPoint())
            .nodeStateListener(
                new NodeStateListener() {
                  @Override
                  public void onAdd(Node node) {
                    nodeEvents.add("add " + node.address());
                  }

                  @Override
                  public void onUp(Node node) {
                    nodeEvents.add("up " + node.address());
                  }

                  @Override
                  public void onDown(Node node) {
                    nodeEvents.add("down " + node.address());
                  }

                  @Override
                  public void onRemove(Node node) {
                    nodeEvents.add("remove " + node.address());
                  }
                })
            .build();
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS ring_it WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 3}");
    session.queryUnpaged("CREATE TABLE IF NOT EXISTS ring_it.kv (k int PRIMARY KEY, v int)");
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @Test
  void discoversEveryNodeFromOneContactPoint() throws InterruptedException {
    List<Node> nodes = session.getClusterState().nodes();
    assertThat(nodes).hasSize(3).allSatisfy(node -> assertThat(node.isUp()).isTrue());
    assertThat(nodes).extracting(Node::datacenter).containsOnly("datacenter1");
    assertThat(nodes).extracting(Node::hostId).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(session.getClusterState().datacenters()).containsExactly("datacenter1");
    // the node listener was told of each node found at start, then of its pool connecting
    for (Node node : nodes) {
      awaitEvents(node, "add " + node.address(), "up " + node.address());
    }
  }

  @Test
  void spreadsRequestsOverEveryNode() {
    Set<InetAddress> coordinators = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      coordinators.add(coordinator(session));
    }
    assertThat(coordinators).hasSize(3);
  }

  @Test
  void keepsServingWhileANodeRestartsAndUsesItAgainAfterwards(TestCluster cassandra)
      throws Exception {
    CassandraCluster ring = cassandra.managed().orElseThrow();
    // node 1 holds the control connection (the first live contact point): it moves elsewhere
    CassandraNode leaving = ring.node(1);
    PreparedStatement write =
        session.prepare(
            new Statement("UPDATE ring_it.kv SET v = ? WHERE k = ?")
                .setConsistency(Consistency.ONE)
                .setIdempotent(true));
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger successes = new AtomicInteger();
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread traffic =
        new Thread(
            () -> {
              int i = 0;
              while (running.get()) {
                try {
                  session.executeUnpaged(write, Values.of(i, i % 100));
                  successes.incrementAndGet();
                } catch (RuntimeException e) {
                  failures.incrementAndGet();
                  firstFailure.compareAndSet(null, e);
                }
                i++;
              }
            });
    traffic.start();
    Node node = nodeAt(leaving);
    awaitEvents(node, "add " + node.address(), "up " + node.address()); // the start's events
    try {
      TimeUnit.MILLISECONDS.sleep(500);
      leaving.stop();
      awaitState(node, false, Duration.ofSeconds(30));
      int before = successes.get();
      TimeUnit.SECONDS.sleep(2);
      assertThat(successes.get())
          .as("requests succeed while the node is down")
          .isGreaterThan(before);

      leaving.start();
      awaitState(nodeAt(leaving), true, Duration.ofSeconds(60));
    } finally {
      running.set(false);
      traffic.join(30_000);
      if (!leaving.isRunning()) {
        leaving.start();
      }
    }
    LOG.info("{} writes succeeded, {} failed during the restart", successes, failures);
    assertThat(failures.get())
        .as("idempotent writes are retried on another node: %s", firstFailure.get())
        .isZero();
    // the returning node coordinates requests again
    Set<InetAddress> coordinators = new HashSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (coordinators.size() < 3 && System.nanoTime() < deadline) {
      coordinators.add(coordinator(session));
    }
    assertThat(coordinators).hasSize(3);
    // the node listener was told once that the node went down, once that it came back
    awaitEvents(
        node,
        "add " + node.address(),
        "up " + node.address(),
        "down " + node.address(),
        "up " + node.address());
  }

  private static void awaitEvents(Node node, String... expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<String> ofNode;
    do {
      ofNode = nodeEvents.stream().filter(e -> e.endsWith(" " + node.address())).toList();
      if (ofNode.size() >= expected.length) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    } while (System.nanoTime() < deadline);
    assertThat(ofNode).as("the node listener's calls about %s", node).containsExactly(expected);
  }

  private static Node nodeAt(CassandraNode cassandraNode) {
    return session.getClusterState().node(cassandraNode.nativeAddress()).orElseThrow();
  }

  private static void awaitState(Node node, boolean up, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      // a node that came back may be a new Node instance if its identity changed
      Node current = session.getClusterState().node(node.address()).orElse(node);
      if (current.isUp() == up) {
        return;
      }
      assertThat(System.nanoTime())
          .as("%s up=%s within %s", node, up, timeout)
          .isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private static InetAddress coordinator(Session s) {
    return s.queryUnpaged("SELECT rpc_address FROM system.local")
        .intoRowsResult()
        .singleRow(InetAddress.class);
  }

  private static int port(TestCluster cassandra) {
    String contactPoint = cassandra.firstContactPoint();
    return Integer.parseInt(contactPoint.substring(contactPoint.lastIndexOf(':') + 1));
  }
}
