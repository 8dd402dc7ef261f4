package org.cql4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cql4j.micrometer.MeterAssertions.assertNodeMeters;
import static org.cql4j.micrometer.MeterAssertions.assertSessionMeters;
import static org.cql4j.micrometer.MeterAssertions.count;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.Session;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.observability.ErrorKind;
import org.cql4j.session.observability.Metrics;
import org.cql4j.session.observability.NodeMetrics;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A known workload on a real node behind the test proxy (successes, forged server errors, a retried
 * read timeout, client timeouts), then the Micrometer meters against {@code session.getMetrics()},
 * session-wide and for the node, and the series of a Prometheus scrape.
 */
@CassandraTest(proxy = true)
class Cql4jMetricsIT {
  private static final Logger LOG = LoggerFactory.getLogger(Cql4jMetricsIT.class);
  private static final int SUCCESSES = 200;
  private static final int INVALID = 7;
  private static final int READ_TIMEOUTS = 5;
  private static final int RETRIED = 4;
  private static final int TIMEOUTS = 3;
  private static final Tags TAGS = Tags.of("app", "metrics-it");

  @Test
  void theRegistryShowsTheDriversFiguresExactly(TestCluster cluster) throws Exception {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Session session = Session.builder().knownNodes(cluster.contactPoints()).build()) {
      new Cql4jMetrics(session, TAGS).bindTo(registry);
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS micrometer_it WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      for (String table : List.of("kv", "invalid", "timedout", "retried", "slow")) {
        session.queryUnpaged(
            "CREATE TABLE IF NOT EXISTS micrometer_it." + table + " (k int PRIMARY KEY, v int)");
      }
      Statements statements = Statements.prepare(session);
      Metrics metrics = session.getMetrics();
      Node node = session.getClusterState().nodes().get(0);
      NodeMetrics nodeMetrics = metrics.node(node);
      double attemptsBefore = count(registry, "cql4j.node.requests", nodeTags(nodeMetrics));
      double errorsBefore = metrics.errorsCount();

      runWorkload(session, proxy, statements);

      // the node's attempts, counted by the registry: each retried request is two
      assertThat(count(registry, "cql4j.node.requests", nodeTags(nodeMetrics)) - attemptsBefore)
          .isEqualTo(SUCCESSES + INVALID + READ_TIMEOUTS + 2 * RETRIED + TIMEOUTS);
      assertThat(metrics.errorsCount() - errorsBefore)
          .isEqualTo(INVALID + READ_TIMEOUTS + TIMEOUTS);
      assertThat(metrics.nodes()).containsKey(nodeMetrics.address());
      // a minute of the recent window may end, or a heartbeat be counted, between two reads
      retryOnce(
          () -> {
            assertSessionMeters(registry, metrics, TAGS);
            for (NodeMetrics n : metrics.nodes().values()) {
              assertNodeMeters(registry, n, TAGS);
            }
          });

      String scrape = registry.scrape();
      LOG.info("Prometheus scrape:\n{}", scrape);
      String nodeLabels = "app=\"metrics-it\",node=\"" + nodeMetrics.address() + "\"";
      assertThat(scrape)
          .contains("# TYPE cql4j_session_requests_total counter")
          .contains("cql4j_session_requests_total{app=\"metrics-it\",kind=\"prepare\"} 5.0")
          .contains(
              "cql4j_session_errors_total{app=\"metrics-it\",kind=\"other_server_error\"} "
                  + (double) metrics.errorsCount(ErrorKind.OTHER_SERVER_ERROR))
          .contains("cql4j_session_latency_seconds_count{app=\"metrics-it\"}")
          .contains("cql4j_session_latency_recent_seconds{app=\"metrics-it\",quantile=\"0.99\"}")
          .contains(
              "cql4j_node_requests_total{"
                  + nodeLabels
                  + "} "
                  + (double) nodeMetrics.queriesCount())
          .contains(
              "cql4j_node_errors_total{"
                  + nodeLabels.replace(",node", ",kind=\"read_timeout\",node")
                  + "} "
                  + (double) (READ_TIMEOUTS + RETRIED))
          .contains("cql4j_node_retries_total{" + nodeLabels + "} " + (double) RETRIED)
          .contains("cql4j_node_request_timeouts_total{" + nodeLabels + "} " + (double) TIMEOUTS)
          .contains("cql4j_node_latency_seconds_sum{" + nodeLabels + "}")
          .contains("cql4j_node_connections_open{" + nodeLabels + "}")
          .contains("cql4j_node_network_received_bytes_total{" + nodeLabels + "}")
          .contains("cql4j_session_nodes{app=\"metrics-it\"} 1.0");
      assertThat(
              Pattern.compile(
                      "^cql4j_node_latency_recent_seconds\\{app=\"metrics-it\",node=\"[^\"]+\","
                          + "quantile=\"0\\.5\"} [0-9.E-]+$",
                      Pattern.MULTILINE)
                  .matcher(scrape)
                  .find())
          .isTrue();
    }
  }

  private static Tags nodeTags(NodeMetrics node) {
    return TAGS.and("node", node.address());
  }

  /** The statements of the workload: five prepares. */
  private record Statements(
      PreparedStatement write,
      PreparedStatement invalid,
      PreparedStatement timedOut,
      PreparedStatement retried,
      PreparedStatement slow) {
    static Statements prepare(Session session) {
      return new Statements(
          session.prepare("INSERT INTO micrometer_it.kv (k, v) VALUES (?, ?)"),
          session.prepare("SELECT v FROM micrometer_it.invalid WHERE k = ?"),
          session.prepare("SELECT v FROM micrometer_it.timedout WHERE k = ?"),
          session.prepare("SELECT v FROM micrometer_it.retried WHERE k = ?"),
          session
              .prepare("SELECT v FROM micrometer_it.slow WHERE k = ?")
              .copy()
              .setRequestTimeout(Duration.ofMillis(300)));
    }
  }

  // the workload of the session's MetricsIT, smaller: requests of every outcome
  private static void runWorkload(Session session, CqlProxy proxy, Statements statements) {
    PreparedStatement write = statements.write();
    PreparedStatement invalid = statements.invalid();
    PreparedStatement timedOut = statements.timedOut();
    PreparedStatement retried = statements.retried();
    PreparedStatement slow = statements.slow();
    for (int i = 0; i < SUCCESSES; i++) {
      session.executeUnpaged(write, Values.of(i, i));
    }
    proxy
        .rules()
        .add(
            Condition.queryContains("micrometer_it.invalid"),
            Action.forgeError(new DbError.Invalid(), "forged by Cql4jMetricsIT"));
    for (int i = 0; i < INVALID; i++) {
      int k = i;
      assertThatThrownBy(() -> session.executeUnpaged(invalid, Values.of(k)))
          .isInstanceOf(DbException.class);
    }
    // too few replicas answered: the default policy does not retry
    proxy
        .rules()
        .add(
            Condition.queryContains("micrometer_it.timedout"),
            Action.forgeError(
                new DbError.ReadTimeout(Consistency.ONE, 0, 1, false), "forged by Cql4jMetricsIT"));
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
              Condition.queryContains("micrometer_it.retried").times(1),
              Action.forgeError(
                  new DbError.ReadTimeout(Consistency.ONE, 1, 1, false),
                  "forged by Cql4jMetricsIT"));
      session.executeUnpaged(retried, Values.of(i));
    }
    proxy
        .rules()
        .add(
            Condition.queryContains("micrometer_it.slow")
                .and(Condition.requestOpcode(Opcode.EXECUTE)),
            Action.drop());
    for (int i = 0; i < TIMEOUTS; i++) {
      int k = i;
      assertThatThrownBy(() -> session.executeUnpaged(slow, Values.of(k)))
          .isInstanceOf(RequestTimeoutException.class);
    }
  }

  private static void retryOnce(Runnable assertions) throws InterruptedException {
    try {
      assertions.run();
    } catch (AssertionError first) {
      LOG.info("Figures moved between two reads, comparing again: {}", first.getMessage());
      Thread.sleep(100);
      assertions.run();
    }
  }
}
