package org.cql4j.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.testkit.CassandraNode;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

// tag::cassandra-test[]
@CassandraTest // one node, started once per test JVM, shared with every class asking the same
class UsingTheTestKitIT {

  @Test
  void talksToARealNode(TestCluster cassandra) {
    String contactPoint = cassandra.firstContactPoint(); // "127.0.1.1:9042"
    CassandraNode node = cassandra.managed().orElseThrow().node(1);
    assertThat(node.supportedOptions()).containsKey("CQL_VERSION");
    // ... connect your driver to contactPoint and test your code
    assertThat(contactPoint).endsWith(":9042");
  }
}
// end::cassandra-test[]
