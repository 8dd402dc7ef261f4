package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class SchemaExampleIT {

  @Test
  void readsTheTableItCreatedAndFollowsItsChange(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      SchemaExample.Outcome outcome = SchemaExample.run(session);

      assertThat(outcome.partitionKey()).containsExactly("sensor", "day");
      assertThat(outcome.clusteringKey()).containsExactly("at");
      assertThat(outcome.columns()).hasSize(4).anyMatch(c -> c.startsWith("value "));
      assertThat(outcome.describe())
          .startsWith("CREATE TABLE examples.readings (")
          .contains("PRIMARY KEY ((sensor, day), at)")
          .contains("CLUSTERING ORDER BY (at DESC)");
      assertThat(outcome.newColumnSeen()).isTrue();
      assertThat(outcome.tokensAgree()).isTrue();
    }
  }
}
