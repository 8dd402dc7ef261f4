package org.cql4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starts real Cassandra nodes on 127.0.100.x, away from the addresses the extensions use. */
class CassandraNodeIT {

  @Test
  void startsAnswersOptionsStopsAndRestarts() throws Exception {
    try (CassandraNode node = CassandraNode.builder().address("127.0.100.1").build()) {
      node.start();

      Map<String, List<String>> supported = node.supportedOptions();
      assertThat(supported).containsKey("CQL_VERSION");
      assertThat(supported.get("CQL_VERSION")).allMatch(v -> v.startsWith("3."));
      assertThat(supported.get("COMPRESSION")).contains("lz4", "snappy");
      assertThat(node.countRows("SELECT release_version FROM system.local")).isEqualTo(1);

      long pid = node.pid().orElseThrow();
      node.stop();
      assertThat(node.isRunning()).isFalse();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
          .isNotEqualTo(java.util.Optional.of(true));
      assertThatThrownBy(node::supportedOptions).isInstanceOf(IllegalStateException.class);

      node.start(); // same folder, same data: a node that comes back
      assertThat(node.supportedOptions()).containsKey("CQL_VERSION");
    }
  }

  @Test
  void failsWithinSecondsWithTheLogTailWhenItsStoragePortIsTaken() throws IOException {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("127.0.100.2", 7000));
      CassandraNode node = CassandraNode.builder().address("127.0.100.2").build();
      long started = System.nanoTime();
      try {
        assertThatThrownBy(node::start)
            .isInstanceOf(CassandraStartException.class)
            .hasMessageContaining("exited with")
            .hasMessageContaining("last")
            .hasMessageContaining("7000");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isLessThan(Duration.ofSeconds(60));
        assertThat(node.isRunning()).isFalse();
      } finally {
        node.close();
      }
    }
  }

  @Test
  void refusesAtOnceWhenItsCqlPortIsTaken() throws IOException {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("127.0.100.3", 9042));
      try (CassandraNode node = CassandraNode.builder().address("127.0.100.3").build()) {
        assertThatThrownBy(node::start)
            .isInstanceOf(CassandraStartException.class)
            .hasMessageContaining("127.0.100.3:9042 is not free");
        assertThat(node.isRunning()).isFalse();
      }
    }
  }

  @Test
  void requiresTlsAndALoginWhenAsked() throws Exception {
    try (CassandraNode node =
        CassandraNode.builder()
            .address("127.0.100.4")
            .passwordAuthentication(true)
            .clientTls(true)
            .build()) {
      node.start();
      InetSocketAddress address = node.nativeAddress();
      TrustStore trust = node.clientTrustStore().orElseThrow();

      assertThat(
              NativeProtocolProbe.supportedOptions(
                  address, trust.sslContext(), Duration.ofSeconds(5)))
          .containsKey("CQL_VERSION");
      assertThatThrownBy(
              () -> NativeProtocolProbe.supportedOptions(address, null, Duration.ofSeconds(2)))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(
              () ->
                  NativeProtocolProbe.countRows(
                      address,
                      trust.sslContext(),
                      null,
                      "SELECT release_version FROM system.local",
                      Duration.ofSeconds(5)))
          .hasMessageContaining("requires authentication");
      assertThatThrownBy(
              () ->
                  NativeProtocolProbe.countRows(
                      address,
                      trust.sslContext(),
                      new NativeProtocolProbe.Credentials("cassandra", "wrong"),
                      "SELECT release_version FROM system.local",
                      Duration.ofSeconds(5)))
          .hasMessageContaining("server error 0x100");
      assertThat(node.countRows("SELECT release_version FROM system.local")).isEqualTo(1);
    }
  }
}
