package org.cql4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs sample test classes through the JUnit engine, as a user's build would, and checks what the
 * extension did for them.
 */
class CassandraExtensionIT {
  static final List<TestCluster> SEEN = new CopyOnWriteArrayList<>();

  @Test
  void startsOneNodeForAllClassesThatAskForTheSameKindAndStopsItAtTheEnd() {
    SEEN.clear();
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(FirstSample.class), selectClass(SecondSample.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(2).failed(0));

    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
    CassandraCluster cluster = SEEN.get(0).managed().orElseThrow();
    assertThat(cluster.nodes()).hasSize(1);
    assertThat(cluster.nodes().get(0).isRunning())
        .as("the node is stopped when the test plan ends")
        .isFalse();
  }

  @CassandraTest
  static class FirstSample {
    @Test
    void answers(TestCluster cassandra) {
      assertThat(cassandra.managed().orElseThrow().node(1).supportedOptions())
          .containsKey("CQL_VERSION");
      SEEN.add(cassandra);
    }
  }

  @CassandraTest
  static class SecondSample {
    @Test
    void answers(TestCluster cassandra) {
      int block = Integer.getInteger(CassandraExtension.ADDRESS_BLOCK_PROPERTY, 0);
      assertThat(cassandra.firstContactPoint()).isEqualTo("127." + block + ".1.1:9042");
      SEEN.add(cassandra);
    }
  }
}
