package org.cql4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@CassandraTest
class ProtocolExampleIT {

  @Test
  void negotiatesV5WithCassandraAndKeepsAPinnedV4(TestCluster cassandra) {
    assertThat(ProtocolExample.negotiated(cassandra.contactPoints())).isEqualTo(ProtocolVersion.V5);
    assertThat(ProtocolExample.pinned(cassandra.contactPoints())).isEqualTo(ProtocolVersion.V4);
  }
}
