package org.cql4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CassandraClusterIT {

  @Test
  void startsThreeNodesThatSeeEachOtherAndStopsThemAll() throws Exception {
    try (CassandraCluster cluster =
        CassandraCluster.builder()
            .addresses(List.of("127.0.100.11", "127.0.100.12", "127.0.100.13"))
            .build()) {
      cluster.start();

      assertThat(cluster.contactPoints())
          .containsExactly("127.0.100.11:9042", "127.0.100.12:9042", "127.0.100.13:9042");
      for (CassandraNode node : cluster.nodes()) {
        assertThat(node.supportedOptions()).containsKey("CQL_VERSION");
        assertThat(node.countRows("SELECT peer FROM system.peers")).isEqualTo(2);
      }

      List<Long> pids = cluster.nodes().stream().map(n -> n.pid().orElseThrow()).toList();
      cluster.stop();
      for (long pid : pids) {
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
      }
    }
  }
}
