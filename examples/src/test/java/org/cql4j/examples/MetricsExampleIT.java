package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.session.Session;
import org.cql4j.session.observability.QueryKind;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class MetricsExampleIT {

  @Test
  void readsTheFiguresAndPublishesThemToMicrometer(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      MetricsExample.Outcome outcome = MetricsExample.run(session);

      long unpaged = session.getMetrics().queriesCount(QueryKind.UNPAGED);
      assertThat(unpaged).isGreaterThanOrEqualTo(102); // keyspace, table, 100 inserts
      assertThat(outcome.unpaged()).isEqualTo(unpaged);
      assertThat(outcome.report()).hasSize(3);
      assertThat(outcome.report().get(0)).startsWith("session: ").contains(" unpaged), 0 errors");
      assertThat(outcome.report().get(1)).startsWith(cassandra.firstContactPoint() + ": ");
      assertThat(outcome.report().get(2)).startsWith("since the start: ");
      assertThat(outcome.scrape())
          .contains(
              "cql4j_session_requests_total{application=\"shop\",kind=\"unpaged\"} "
                  + (double) unpaged)
          .contains(
              "cql4j_node_requests_total{application=\"shop\",node=\""
                  + cassandra.firstContactPoint()
                  + "\"}");
    }
  }
}
