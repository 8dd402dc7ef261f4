package org.cql4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cql4j.testkit.internal.ScyllaContainers;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extensions' decisions that need no database: external clusters, skipping, and the ScyllaDB
 * backend (a container with Docker, the emulation without; {@code ScyllaEmulationIT} runs one).
 */
class ExtensionWithoutNodesTest {
  static final List<TestCluster> SEEN = new CopyOnWriteArrayList<>();

  @Test
  void usesTheExternalClusterNamedByTheContactPointsProperty() {
    SEEN.clear();
    String before =
        System.setProperty(CassandraExtension.CONTACT_POINTS_PROPERTY, "10.1.2.3:9042, db:9142");
    try {
      EngineTestKit.engine("junit-jupiter")
          .selectors(selectClass(ThreeNodeSample.class), selectClass(AuthSample.class))
          .execute()
          .testEvents()
          .assertStatistics(stats -> stats.succeeded(1).failed(0));
      EngineExecutionResults results =
          EngineTestKit.engine("junit-jupiter").selectors(selectClass(AuthSample.class)).execute();
      assertThat(results.containerEvents().skipped().count()).isEqualTo(1);
    } finally {
      restore(before);
    }
    assertThat(SEEN).hasSize(1);
    assertThat(SEEN.get(0).contactPoints()).containsExactly("10.1.2.3:9042", "db:9142");
    assertThat(SEEN.get(0).managed()).isEmpty();
  }

  @Test
  void runsScyllaTestsAgainstTheEmulationWithoutDocker() {
    assertThat(ScyllaExtension.choose(false, true, true))
        .isEqualTo(ScyllaExtension.Backend.CONTAINER);
    assertThat(ScyllaExtension.choose(false, true, false))
        .isEqualTo(ScyllaExtension.Backend.EMULATION);
    assertThat(ScyllaExtension.choose(false, false, false))
        .isEqualTo(ScyllaExtension.Backend.EMULATION);
    assertThat(ScyllaExtension.choose(true, true, true))
        .isEqualTo(ScyllaExtension.Backend.EMULATION);
  }

  @Test
  void decidesTheScyllaBackendQuickly() {
    long started = System.nanoTime();
    ScyllaExtension.Backend backend = ScyllaExtension.backend();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assumeFalse(ScyllaContainers.dockerAvailable(), "a Docker daemon is available here");
    assertThat(backend).isEqualTo(ScyllaExtension.Backend.EMULATION);
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty(CassandraExtension.CONTACT_POINTS_PROPERTY);
    } else {
      System.setProperty(CassandraExtension.CONTACT_POINTS_PROPERTY, before);
    }
  }

  @CassandraTest(nodes = 3)
  static class ThreeNodeSample {
    @Test
    void receivesTheExternalCluster(TestCluster cluster) {
      SEEN.add(cluster);
    }
  }

  @CassandraTest(passwordAuthentication = true)
  static class AuthSample {
    @Test
    void needsAManagedNode(TestCluster cluster) {
      SEEN.add(cluster);
    }
  }
}
