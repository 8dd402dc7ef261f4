package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.protocol.types.ColumnType;
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
      assertThat(outcome.functionBody()).startsWith("return value == null");
      assertThat(outcome.aggregateStateType()).isEqualTo(ColumnType.DOUBLE);
      assertThat(outcome.aggregateDescribe())
          .isEqualTo(
              "CREATE AGGREGATE examples.maximum(double)\n    SFUNC max_of\n    STYPE double;");
    }
  }

  @Test
  void listenersSeeTheTableCreatedAlteredAndDropped(TestCluster cassandra) throws Exception {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS examples WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.queryUnpaged("DROP TABLE IF EXISTS examples.audit");
    }
    assertThat(SchemaExample.listen(cassandra.contactPoints()))
        .containsExactly(
            "created examples.audit", "updated examples.audit", "dropped examples.audit");
  }
}
