package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.policy.SimpleSpeculativeExecutionPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;
import org.cql4j.testkit.CassandraCluster;
import org.cql4j.testkit.CassandraNode;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request core against a real 3-node ring (RF 3) with a node frozen by SIGSTOP: speculative
 * executions hide it and heartbeats find it.
 */
@CassandraTest(nodes = 3)
class RequestExecutionIT {
  private static final Logger LOG = LoggerFactory.getLogger(RequestExecutionIT.class);
  private static final int KEYS = 100;
  private static CassandraCluster ring;
  private static List<String> contactPoints;

  @BeforeAll
  static void schema(TestCluster cassandra) {
    ring = cassandra.managed().orElseThrow();
    contactPoints = cassandra.contactPoints();
    try (Session session = Session.builder().knownNodes(contactPoints).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS exec_it WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 3}");
      // A healthy coordinator reads at ONE from the first replica in ring order, which may be the
      // frozen node, and waits for the table's own speculative retry: on a fresh table, half the
      // read timeout (2.5 s) before any latency is sampled. ALWAYS asks two replicas at once, so
      // the server's side never waits for the frozen node and the test measures the driver's.
      session.queryUnpaged(
          "CREATE TABLE IF NOT EXISTS exec_it.kv (k int PRIMARY KEY, v int)"
              + " WITH speculative_retry = 'ALWAYS'");
      PreparedStatement insert =
          session.prepare(
              new Statement("INSERT INTO exec_it.kv (k, v) VALUES (?, ?)")
                  .setConsistency(Consistency.ALL));
      for (int k = 0; k < KEYS; k++) {
        session.executeUnpaged(insert, Values.of(k, k));
      }
    }
  }

  @AfterEach
  void thawAndAwaitTheRing() throws Exception {
    for (CassandraNode node : ring.nodes()) {
      node.thaw();
    }
    // every node answers again, through a fresh session, before the next test (or class) runs
    try (Session session = Session.builder().knownNodes(contactPoints).build()) {
      await(() -> session.getClusterState().nodes().stream().allMatch(Node::isUp), 60);
    }
  }

  @AfterAll
  static void done() throws Exception {
    new RequestExecutionIT().thawAndAwaitTheRing();
  }

  @Test
  void speculativeExecutionsHideAFrozenNode() throws Exception {
    ExecutionProfile speculative =
        ExecutionProfile.builder()
            .consistency(Consistency.ONE)
            .requestTimeout(Duration.ofSeconds(2))
            .speculativeExecutionPolicy(
                new SimpleSpeculativeExecutionPolicy(2, Duration.ofMillis(50)))
            .build();
    ExecutionProfile plain =
        ExecutionProfile.builder()
            .consistency(Consistency.ONE)
            .requestTimeout(Duration.ofSeconds(1))
            .build();
    try (Session session = Session.builder().knownNodes(contactPoints).build()) {
      PreparedStatement read =
          session.prepare(
              new Statement("SELECT v FROM exec_it.kv WHERE k = ?").setIdempotent(true));
      CassandraNode frozen = ring.node(3);
      frozen.freeze();

      List<Long> micros = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        long start = System.nanoTime();
        QueryResult r =
            session.executeUnpaged(
                read.copy().setExecutionProfileHandle(speculative.intoHandle()),
                Values.of(i % KEYS));
        micros.add((System.nanoTime() - start) / 1_000);
        assertThat(r.coordinator().address()).isNotEqualTo(frozen.nativeAddress());
      }
      Collections.sort(micros);
      long p99 = micros.get(989);
      LOG.info("1,000 reads with a frozen node: p50 {} us, p99 {} us", micros.get(500), p99);
      assertThat(p99).as("p99 in microseconds").isLessThan(500_000);

      int timeouts = 0;
      for (int i = 0; i < 30; i++) {
        try {
          session.executeUnpaged(
              read.copy().setExecutionProfileHandle(plain.intoHandle()), Values.of(i));
        } catch (RequestTimeoutException e) {
          timeouts++;
        }
      }
      assertThat(timeouts).as("reads sent to the frozen node without speculation").isPositive();

      frozen.thaw();
      await(
          () -> {
            for (int i = 0; i < 30; i++) {
              session.executeUnpaged(
                  read.copy().setExecutionProfileHandle(plain.intoHandle()), Values.of(i));
            }
            return true;
          },
          60);
    }
  }

  @Test
  void heartbeatsMarkAFrozenNodeDownAndRequestsAvoidIt() throws Exception {
    try (Session session =
        Session.builder()
            .knownNodes(contactPoints)
            .keepaliveInterval(Duration.ofSeconds(1))
            .keepaliveTimeout(Duration.ofSeconds(1))
            .build()) {
      CassandraNode frozen = ring.node(3);
      Node node = session.getClusterState().node(frozen.nativeAddress()).orElseThrow();
      frozen.freeze();
      long start = System.nanoTime();
      await(() -> !node.isUp(), 10);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      LOG.info("frozen node marked down after {} ms", millis);
      assertThat(millis).isLessThan(4_000);

      PreparedStatement read =
          session.prepare(
              new Statement("SELECT v FROM exec_it.kv WHERE k = ?")
                  .setConsistency(Consistency.ONE)
                  .setRequestTimeout(Duration.ofSeconds(2)));
      for (int i = 0; i < 300; i++) {
        Node coordinator = session.executeUnpaged(read, Values.of(i % KEYS)).coordinator();
        assertThat(coordinator.address()).isNotEqualTo(frozen.nativeAddress());
      }

      frozen.thaw();
      await(node::isUp, 60);
    }
  }

  private static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // not yet
      }
      assertThat(System.nanoTime()).as("condition within %s s", seconds).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
