package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.Session;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.observability.ErrorKind;
import org.cql4j.session.observability.LatencyWindow;
import org.cql4j.session.observability.Metrics;
import org.cql4j.session.observability.NodeMetrics;
import org.cql4j.session.observability.QueryKind;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.junit.jupiter.api.Test;

/**
 * Session and node metrics after a known workload on a real node behind the test proxy: successes,
 * server errors, retried read timeouts and client timeouts forced by the proxy, each counted
 * exactly; latencies close to the client's own measurement.
 */
@CassandraTest(proxy = true)
class MetricsIT {
  private static final int SUCCESSES = 300;
  private static final int INVALID = 7;
  private static final int READ_TIMEOUTS = 5;
  private static final int RETRIED = 4;
  private static final int TIMEOUTS = 3;

  @Test
  void countsAKnownWorkloadExactly(TestCluster cluster) throws Exception {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    try (Session session = Session.builder().knownNodes(cluster.contactPoints()).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS metrics_it WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      for (String table : List.of("kv", "invalid", "timedout", "retried", "slow")) {
        session.queryUnpaged(
            "CREATE TABLE IF NOT EXISTS metrics_it." + table + " (k int PRIMARY KEY, v int)");
      }
      PreparedStatement write = session.prepare("INSERT INTO metrics_it.kv (k, v) VALUES (?, ?)");
      PreparedStatement invalid = session.prepare("SELECT v FROM metrics_it.invalid WHERE k = ?");
      PreparedStatement timedOut = session.prepare("SELECT v FROM metrics_it.timedout WHERE k = ?");
      PreparedStatement retried = session.prepare("SELECT v FROM metrics_it.retried WHERE k = ?");
      PreparedStatement slow =
          session
              .prepare("SELECT v FROM metrics_it.slow WHERE k = ?")
              .copy()
              .setRequestTimeout(Duration.ofMillis(300));
      Node node = session.getClusterState().nodes().get(0);
      Metrics metrics = session.getMetrics();
      Figures before = Figures.of(metrics, metrics.node(node));

      List<Long> micros = new ArrayList<>();
      for (int i = 0; i < SUCCESSES; i++) {
        long start = System.nanoTime();
        session.executeUnpaged(write, Values.of(i, i));
        micros.add((System.nanoTime() - start) / 1_000);
      }
      proxy
          .rules()
          .add(
              Condition.queryContains("metrics_it.invalid"),
              Action.forgeError(new DbError.Invalid(), "forged by MetricsIT"));
      for (int i = 0; i < INVALID; i++) {
        int k = i;
        assertThatThrownBy(() -> session.executeUnpaged(invalid, Values.of(k)))
            .isInstanceOf(DbException.class);
      }
      // too few replicas answered: the default policy does not retry
      proxy
          .rules()
          .add(
              Condition.queryContains("metrics_it.timedout"),
              Action.forgeError(
                  new DbError.ReadTimeout(Consistency.ONE, 0, 1, false), "forged by MetricsIT"));
      for (int i = 0; i < READ_TIMEOUTS; i++) {
        int k = i;
        assertThatThrownBy(() -> session.executeUnpaged(timedOut, Values.of(k)))
            .isInstanceOf(DbException.class);
      }
      // enough replicas but no data: retried once on the same node, which then answers
      for (int i = 0; i < RETRIED; i++) {
        proxy
            .rules()
            .add(
                Condition.queryContains("metrics_it.retried").times(1),
                Action.forgeError(
                    new DbError.ReadTimeout(Consistency.ONE, 1, 1, false), "forged by MetricsIT"));
        session.executeUnpaged(retried, Values.of(i));
      }
      proxy
          .rules()
          .add(
              Condition.queryContains("metrics_it.slow")
                  .and(Condition.requestOpcode(Opcode.EXECUTE)),
              Action.drop());
      for (int i = 0; i < TIMEOUTS; i++) {
        int k = i;
        assertThatThrownBy(() -> session.executeUnpaged(slow, Values.of(k)))
            .isInstanceOf(RequestTimeoutException.class);
      }

      Figures after = Figures.of(metrics, metrics.node(node));
      int requests = SUCCESSES + INVALID + READ_TIMEOUTS + RETRIED + TIMEOUTS;
      assertThat(after.unpaged - before.unpaged).isEqualTo(requests);
      assertThat(after.errors - before.errors).isEqualTo(INVALID + READ_TIMEOUTS + TIMEOUTS);
      assertThat(after.otherServer - before.otherServer).isEqualTo(INVALID);
      assertThat(after.readTimeouts - before.readTimeouts).isEqualTo(READ_TIMEOUTS);
      assertThat(after.clientTimeouts - before.clientTimeouts).isEqualTo(TIMEOUTS);
      assertThat(after.requestTimeouts - before.requestTimeouts).isEqualTo(TIMEOUTS);
      assertThat(after.retries - before.retries).isEqualTo(RETRIED);
      assertThat(after.successes - before.successes).isEqualTo(SUCCESSES + RETRIED);
      assertThat(metrics.requestsInFlight()).isZero();
      assertThat(metrics.speculativeExecutionsCount()).isZero();

      // the node saw every attempt: a retried request is two
      assertThat(after.nodeAttempts - before.nodeAttempts).isEqualTo(requests + RETRIED);
      assertThat(after.nodeReadTimeouts - before.nodeReadTimeouts)
          .isEqualTo(READ_TIMEOUTS + RETRIED);
      assertThat(after.nodeRetries - before.nodeRetries).isEqualTo(RETRIED);
      assertThat(after.nodeTimeouts - before.nodeTimeouts).isEqualTo(TIMEOUTS);
      assertThat(metrics.node(node).requestsInFlight()).isZero();
      assertThat(metrics.nodes()).containsValue(metrics.node(node));

      assertThat(metrics.connectionsOpen()).isPositive();
      assertThat(metrics.connectionsOpened()).isGreaterThanOrEqualTo(metrics.connectionsOpen());
      assertThat(after.bytesSent - before.bytesSent)
          .as("at least the INSERT frames' values")
          .isGreaterThan(SUCCESSES * 8L);
      assertThat(after.bytesReceived).isGreaterThan(before.bytesReceived);

      // the driver's latencies against the client's own clock, both of the same 300 inserts
      Collections.sort(micros);
      double clientMedianMs = micros.get(SUCCESSES / 2) / 1000.0;
      double driverMedianMs = metrics.latencyPercentileMs(50);
      assertThat(driverMedianMs).isPositive().isLessThanOrEqualTo(clientMedianMs * 1.1 + 0.1);
      assertThat(metrics.latency(LatencyWindow.LIFETIME).count())
          .isGreaterThanOrEqualTo(metrics.latency(LatencyWindow.RECENT).count());
      assertThat(metrics.node(node).latencyAverageMs()).isPositive();

      // the rates follow the tick, every 5 seconds
      TimeUnit.SECONDS.sleep(6);
      assertThat(metrics.oneMinuteRate()).isPositive();
      assertThat(metrics.meanRate()).isPositive();
    }
  }

  /** The figures the test compares, read at one moment. */
  private record Figures(
      long unpaged,
      long errors,
      long otherServer,
      long readTimeouts,
      long clientTimeouts,
      long requestTimeouts,
      long retries,
      long successes,
      long nodeAttempts,
      long nodeReadTimeouts,
      long nodeRetries,
      long nodeTimeouts,
      long bytesSent,
      long bytesReceived) {
    static Figures of(Metrics m, NodeMetrics n) {
      return new Figures(
          m.queriesCount(QueryKind.UNPAGED),
          m.errorsCount(),
          m.errorsCount(ErrorKind.OTHER_SERVER_ERROR),
          m.errorsCount(ErrorKind.READ_TIMEOUT),
          m.errorsCount(ErrorKind.CLIENT_TIMEOUT),
          m.requestTimeoutsCount(),
          m.retriesCount(),
          m.latency(LatencyWindow.LIFETIME).count(),
          n.queriesCount(),
          n.errorsCount(ErrorKind.READ_TIMEOUT),
          n.retriesCount(),
          n.requestTimeoutsCount(),
          m.bytesSent(),
          m.bytesReceived());
    }
  }
}
