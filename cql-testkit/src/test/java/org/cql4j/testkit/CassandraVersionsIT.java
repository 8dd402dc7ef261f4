package org.cql4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Cassandra 4.1 beside 5.0 on Java 17, on 127.N.101.x ({@code -Dcql4j.test.addressBlock=N},
 * default 0), away from the addresses the extension and {@link CassandraNodeIT} use.
 */
class CassandraVersionsIT {
  private static final Logger LOG = LoggerFactory.getLogger(CassandraVersionsIT.class);
  private static final String RELEASE = "SELECT release_version FROM system.local";

  private static String address(int host) {
    int block = Integer.getInteger(CassandraExtension.ADDRESS_BLOCK_PROPERTY, 0);
    return "127." + block + ".101." + host;
  }

  @Test
  void startsCassandra41OnJava17AnswersCqlAndStops() throws Exception {
    try (CassandraNode node = CassandraNode.builder().version("4.1").address(address(1)).build()) {
      assertThat(node.version()).isEqualTo("4.1");
      long started = System.nanoTime();
      node.start();
      LOG.info("Cassandra 4.1 answered CQL after {} ms", (System.nanoTime() - started) / 1_000_000);

      Map<String, List<String>> supported = node.supportedOptions();
      assertThat(supported.get("CQL_VERSION")).containsExactly("3.4.6");
      assertThat(supported.get("PROTOCOL_VERSIONS")).contains("4/v4", "5/v5");
      assertThat(supported.get("COMPRESSION")).contains("lz4", "snappy");
      assertThat(node.releaseVersion()).startsWith("4.1.");
      assertThat(node.countRows("SELECT peer FROM system.peers")).isZero();
      assertThat(Files.readString(node.systemLog()))
          .contains("Starting listening for CQL clients on /" + address(1) + ":9042")
          .doesNotContain("Exception encountered during startup");

      long pid = node.pid().orElseThrow();
      node.stop();
      assertThat(node.isRunning()).isFalse();
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }
  }

  @Test
  void startsCassandra50WhenAskedAndSaysWhichReleaseItRuns() {
    try (CassandraNode node = CassandraNode.builder().version("5.0").address(address(2)).build()) {
      long started = System.nanoTime();
      node.start();
      LOG.info("Cassandra 5.0 answered CQL after {} ms", (System.nanoTime() - started) / 1_000_000);

      assertThat(node.version()).isEqualTo("5.0");
      assertThat(node.releaseVersion()).startsWith("5.0.");
      assertThat(node.supportedOptions().get("CQL_VERSION")).containsExactly("3.4.7");
    }
  }

  @Test
  void cassandra41RequiresTlsAndALoginWhenAsked() throws Exception {
    try (CassandraNode node =
        CassandraNode.builder()
            .version("4.1")
            .address(address(3))
            .passwordAuthentication(true)
            .clientTls(true)
            .build()) {
      node.start();
      InetSocketAddress address = node.nativeAddress();
      TrustStore trust = node.clientTrustStore().orElseThrow();

      assertThatThrownBy(
              () -> NativeProtocolProbe.supportedOptions(address, null, Duration.ofSeconds(2)))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(
              () ->
                  NativeProtocolProbe.countRows(
                      address, trust.sslContext(), null, RELEASE, Duration.ofSeconds(5)))
          .hasMessageContaining("requires authentication");
      assertThat(node.releaseVersion()).startsWith("4.1."); // over TLS, logged in
    }
  }

  @Test
  void buildsARingOfTheAskedVersion() {
    try (CassandraCluster cluster =
        CassandraCluster.builder()
            .version("4.1")
            .addresses(List.of(address(11), address(12)))
            .build()) {
      assertThat(cluster.version()).isEqualTo("4.1");
      assertThat(cluster.nodes()).allMatch(n -> n.version().equals("4.1"));
      cluster.start();
      for (CassandraNode node : cluster.nodes()) {
        assertThat(node.releaseVersion()).startsWith("4.1.");
      }
    }
  }

  @Test
  void refusesAVersionItCannotStart() {
    assertThatThrownBy(() -> CassandraNode.builder().version("3.11"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'3.11'")
        .hasMessageContaining("5.0 or 4.1");
  }
}
