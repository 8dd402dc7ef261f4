package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class StatementsExampleIT {

  @Test
  void runsUnpreparedPreparedAndAsyncStatements(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      StatementsExample.Outcome outcome = StatementsExample.run(session);

      assertThat(outcome.releaseVersion()).startsWith("5.");
      assertThat(outcome.markers()).hasSize(3);
      assertThat(outcome.markers().get(0)).startsWith("day ");
      assertThat(outcome.tokenAware()).isTrue();
      assertThat(outcome.events()).isEqualTo(100);
      assertThat(outcome.cached())
          .containsExactly(
              "event 0", "event 1", "event 2", "event 3", "event 4", "event 5", "event 6",
              "event 7", "event 8", "event 9");
      assertThat(session.getKeyspace()).contains("examples");
      if (session.getProtocolVersion() == ProtocolVersion.V5) {
        assertThat(outcome.clusterName()).isNotBlank();
        assertThat(outcome.expiredAnHourLater()).isTrue();
      } else {
        assertThat(outcome.clusterName()).isNull();
      }
    }
  }
}
