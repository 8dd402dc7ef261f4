package org.cql4j.it.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.Token;
import org.cql4j.session.TracingInfo;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;
import org.cql4j.testkit.CassandraCluster;
import org.cql4j.testkit.CassandraNode;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Token-aware routing on a real 3-node ring: every prepared request by key is coordinated by a
 * replica of its key, as the session's {@code coordinator()}, the server's own {@code token()} and
 * its traces agree.
 */
@CassandraTest(nodes = 3)
class RoutingIT {
  private static final int KEYS = 1_000;
  private static Session session;

  @BeforeAll
  static void schema(TestCluster cassandra) {
    session = Session.builder().knownNodes(cassandra.contactPoints()).build();
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS routing_rf1 WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS routing_rf2 WITH replication ="
            + " {'class': 'NetworkTopologyStrategy', 'datacenter1': 2}");
    for (String ks : List.of("routing_rf1", "routing_rf2")) {
      session.queryUnpaged("CREATE TABLE IF NOT EXISTS " + ks + ".kv (k int PRIMARY KEY, v int)");
      session.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS "
              + ks
              + ".composite (a text, b int, v int, PRIMARY KEY ((a, b)))");
    }
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @Test
  void everyRequestOfASingleReplicaKeyspaceGoesToItsReplica() {
    assertCoordinatedByReplicas("routing_rf1", 1);
  }

  @Test
  void everyRequestOfATwoReplicaKeyspaceGoesToOneOfItsReplicas() {
    assertCoordinatedByReplicas("routing_rf2", 2);
  }

  @Test
  void compositeKeysAreRoutedToo() {
    PreparedStatement insert =
        session.prepare("INSERT INTO routing_rf1.composite (a, b, v) VALUES (?, ?, ?)");
    PreparedStatement token =
        session.prepare("SELECT token(a, b) FROM routing_rf1.composite WHERE a = ? AND b = ?");
    for (int i = 0; i < 200; i++) {
      Values key = Values.of("key-" + i, i);
      QueryResult written = session.executeUnpaged(insert, Values.of("key-" + i, i, i));
      Token computed = insert.computeToken(Values.of("key-" + i, i, i)).orElseThrow();
      long server = session.executeUnpaged(token, key).intoRowsResult().singleRow(Long.class);
      assertThat(computed.value()).isEqualTo(server);
      assertThat(written.coordinator())
          .isIn(session.getClusterState().replicas("routing_rf1", "composite", computed));
    }
  }

  @Test
  void theServersTracesNameTheSameCoordinator() {
    PreparedStatement read =
        session.prepare("SELECT v FROM routing_rf1.kv WHERE k = ?").setTracing(true);
    for (int k = 0; k < 10; k++) {
      QueryResult result = session.executeUnpaged(read, Values.of(k));
      TracingInfo trace = session.getTracingInfo(result.tracingId().orElseThrow());
      assertThat(trace.coordinator()).isEqualTo(result.coordinator().address().getAddress());
    }
  }

  @Test
  void aStoppedReplicasRequestsGoToTheOtherReplicaAndComeBackAfterItsRestart(TestCluster cassandra)
      throws Exception {
    CassandraCluster ring = cassandra.managed().orElseThrow();
    CassandraNode stopped = ring.node(3);
    PreparedStatement write =
        session.prepare(
            new Statement("UPDATE routing_rf2.kv SET v = ? WHERE k = ?")
                .setConsistency(Consistency.ONE)
                .setIdempotent(true));
    Node leaving = session.getClusterState().node(stopped.nativeAddress()).orElseThrow();
    stopped.stop();
    try {
      awaitUp(stopped, false);
      int onOtherReplica = 0;
      for (int k = 0; k < 200; k++) {
        QueryResult result = session.executeUnpaged(write, Values.of(k, k));
        List<Node> replicas = replicas(write, Values.of(k, k), "routing_rf2");
        assertThat(result.coordinator().address()).isNotEqualTo(leaving.address());
        assertThat(result.coordinator()).isIn(replicas);
        onOtherReplica += replicas.contains(leaving) ? 1 : 0;
      }
      assertThat(onOtherReplica).as("keys the stopped node replicates").isPositive();
    } finally {
      stopped.start();
    }
    awaitUp(stopped, true);
    Set<Node> coordinators = new HashSet<>();
    for (int k = 0; k < 200; k++) {
      coordinators.add(session.executeUnpaged(write, Values.of(k, k)).coordinator());
    }
    assertThat(coordinators).extracting(Node::address).contains(leaving.address());
  }

  private static void assertCoordinatedByReplicas(String keyspace, int replicationFactor) {
    PreparedStatement write =
        session.prepare("INSERT INTO " + keyspace + ".kv (k, v) VALUES (?, ?)");
    PreparedStatement read = session.prepare("SELECT v FROM " + keyspace + ".kv WHERE k = ?");
    PreparedStatement token =
        session.prepare("SELECT token(k) FROM " + keyspace + ".kv WHERE k = ?");
    Set<Node> coordinators = new HashSet<>();
    for (int k = 0; k < KEYS; k++) {
      List<Node> replicas = replicas(write, Values.of(k, k), keyspace);
      assertThat(replicas).hasSize(replicationFactor);
      QueryResult written = session.executeUnpaged(write, Values.of(k, k));
      QueryResult readBack = session.executeUnpaged(read, Values.of(k));
      assertThat(written.coordinator()).isIn(replicas);
      assertThat(readBack.coordinator()).isIn(replicas);
      coordinators.add(written.coordinator());
      if (k % 100 == 0) {
        long server =
            session.executeUnpaged(token, Values.of(k)).intoRowsResult().singleRow(Long.class);
        assertThat(write.computeToken(Values.of(k, k))).contains(Token.of(server));
      }
    }
    assertThat(coordinators).as("every node replicates some keys").hasSize(3);
  }

  private static List<Node> replicas(PreparedStatement statement, Values values, String keyspace) {
    Token token = statement.computeToken(values).orElseThrow();
    return session.getClusterState().replicas(keyspace, "kv", token);
  }

  private static void awaitUp(CassandraNode cassandraNode, boolean up) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Node node = session.getClusterState().node(cassandraNode.nativeAddress()).orElseThrow();
      if (node.isUp() == up) {
        return;
      }
      assertThat(System.nanoTime()).as("%s up=%s", node, up).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
