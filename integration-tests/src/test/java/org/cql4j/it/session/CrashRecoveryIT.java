package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;
import org.cql4j.testkit.CassandraCluster;
import org.cql4j.testkit.CassandraExtension;
import org.cql4j.testkit.CassandraNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node killed (SIGKILL) and restarted under QUORUM write load: every acknowledged write reads
 * back, every other one failed with a typed error. A ring of its own, whose nodes journal their
 * schema and sync their commit log every 10 ms (the shared test rings trade durability for speed,
 * and a SIGKILL would make a node forget its recent schema).
 */
class CrashRecoveryIT {
  private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryIT.class);
  private static CassandraCluster ring;

  @BeforeAll
  static void startRing() {
    int block = Integer.getInteger(CassandraExtension.ADDRESS_BLOCK_PROPERTY, 0);
    List<String> addresses = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      addresses.add("127." + block + ".40." + i);
    }
    ring =
        CassandraCluster.builder()
            .addresses(addresses)
            .configureNodes(
                node ->
                    node.jvmOption("-Dcassandra.unsafesystem=false") // journal the schema too
                        .yaml("commitlog_sync_period", "10ms") // on disk within 10 ms
                        .stopTimeout(Duration.ofSeconds(10)))
            .build();
    try {
      ring.start();
    } catch (RuntimeException e) {
      ring.close();
      throw e;
    }
  }

  @AfterAll
  static void stopRing() {
    ring.close();
  }

  @Test
  void acknowledgedQuorumWritesSurviveANodeKilledAndRestarted() throws Exception {
    try (Session session = Session.builder().knownNodes(ring.contactPoints()).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE crash_it WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 3}");
      session.queryUnpaged("CREATE TABLE crash_it.log (k int PRIMARY KEY, v int)");
      PreparedStatement write =
          session.prepare(
              new Statement("INSERT INTO crash_it.log (k, v) VALUES (?, ?)")
                  .setConsistency(Consistency.QUORUM)
                  .setRequestTimeout(Duration.ofSeconds(5)));
      List<Integer> acknowledged = Collections.synchronizedList(new ArrayList<>());
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean running = new AtomicBoolean(true);
      Thread load =
          new Thread(
              () -> {
                for (int k = 0; running.get(); k++) {
                  try {
                    session.executeUnpaged(write, Values.of(k, k));
                    acknowledged.add(k);
                  } catch (RuntimeException e) {
                    failures.add(e);
                  }
                }
              });
      load.start();
      CassandraNode victim = ring.node(2);
      try {
        TimeUnit.SECONDS.sleep(1);
        victim.kill();
        TimeUnit.SECONDS.sleep(3);
        victim.start();
        TimeUnit.SECONDS.sleep(2);
      } finally {
        running.set(false);
        load.join(30_000);
      }
      LOG.info("{} writes acknowledged, {} failed", acknowledged.size(), failures.size());
      assertThat(failures).allSatisfy(e -> assertThat(e).isInstanceOf(CqlException.class));
      assertThat(acknowledged).isNotEmpty();

      Node restarted = session.getClusterState().node(victim.nativeAddress()).orElseThrow();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!restarted.isUp()) {
        assertThat(System.nanoTime()).as("the restarted node is up again").isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(100);
      }
      PreparedStatement read =
          session.prepare(
              new Statement("SELECT v FROM crash_it.log WHERE k = ?")
                  .setConsistency(Consistency.QUORUM));
      for (int k : List.copyOf(acknowledged)) {
        assertThat(session.executeUnpaged(read, Values.of(k)).intoRowsResult().rowsNumber())
            .as("acknowledged write %s", k)
            .isEqualTo(1);
      }
    }
  }
}
