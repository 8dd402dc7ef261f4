package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.session.Session;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class LoadBalancingExampleIT {

  @Test
  void routesToTheReplicaAndLetsACustomPolicyChoose(TestCluster cassandra) {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      LoadBalancingExample.Outcome outcome = LoadBalancingExample.run(session);

      assertThat(outcome.replicas()).containsExactly(outcome.coordinator());
      assertThat(outcome.shard()).isEmpty(); // Cassandra has no shards
      assertThat(outcome.pinned()).isEqualTo(session.getClusterState().nodes().get(0));
    }
  }
}
