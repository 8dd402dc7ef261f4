package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class ConnectingExampleIT {

  @Test
  void connectsSeesTheNodeAndFailsFastWhereNothingListens(TestCluster cassandra) {
    ConnectingExample.Outcome outcome = ConnectingExample.run(cassandra.contactPoints());

    assertThat(outcome.nodes())
        .singleElement()
        .asString()
        .contains(cassandra.firstContactPoint())
        .contains("dc=datacenter1 rack=rack1 up");
    assertThat(outcome.keyspace()).isEqualTo("examples");
    assertThat(outcome.unreachable()).contains("127.0.0.1:1");
  }
}
