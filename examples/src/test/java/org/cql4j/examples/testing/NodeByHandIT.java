package org.cql4j.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cql4j.testkit.CassandraNode;
import org.cql4j.testkit.NativeProtocolProbe;
import org.junit.jupiter.api.Test;

class NodeByHandIT {

  @Test
  void startsANodeWithAuthenticationAndTls() throws Exception {
    // tag::node-by-hand[]
    try (CassandraNode node =
        CassandraNode.builder()
            .address("127.0.50.1") // any 127.x.y.z on Linux
            .passwordAuthentication(true) // log in as cassandra/cassandra
            .clientTls(true) // clients get node.clientTrustStore()
            .yaml("user_defined_functions_enabled", "true")
            .heap("512M")
            .build()) {
      node.start(); // returns once the node answers CQL; throws with its log tail otherwise
      Map<String, List<String>> supported =
          NativeProtocolProbe.supportedOptions(
              node.nativeAddress(),
              node.clientTrustStore().orElseThrow().sslContext(),
              Duration.ofSeconds(5));
      assertThat(supported.get("COMPRESSION")).contains("lz4");
    } // stops the process by PID and deletes the node's files
    // end::node-by-hand[]
  }
}
