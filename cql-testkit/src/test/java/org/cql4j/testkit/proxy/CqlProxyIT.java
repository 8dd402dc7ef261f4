package org.cql4j.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.servererrors.ServerError;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * The Apache Java driver 4.19.3, unchanged, through the proxy in front of a real 3-node ring: it
 * negotiates protocol v5 with Cassandra 5.0, so the rules here act on v5 segments (plain and LZ4).
 */
@CassandraTest(nodes = 3, proxy = true)
class CqlProxyIT {

  private static CqlSession connect(CqlProxy proxy, String compression) {
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.PROTOCOL_COMPRESSION, compression)
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
            .build();
    return CqlSession.builder()
        .addContactPoint(proxy.node(1).proxyAddress())
        .withLocalDatacenter("datacenter1")
        .withConfigLoader(config)
        .build();
  }

  @Test
  void theDriverDiscoversOnlyProxyAddressesAndSpeaksV5(TestCluster cluster) {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    assertThat(cluster.contactPoints()).isEqualTo(proxy.contactPoints());
    try (CqlSession session = connect(proxy, "none")) {
      assertThat(session.getContext().getProtocolVersion()).isEqualTo(DefaultProtocolVersion.V5);
      List<InetSocketAddress> proxies =
          proxy.nodes().stream().map(ProxyNode::proxyAddress).toList();
      assertThat(session.getMetadata().getNodes().values())
          .hasSize(3)
          .allSatisfy(
              node ->
                  assertThat(proxies).contains((InetSocketAddress) node.getEndPoint().resolve()));
      assertThat(session.getMetadata().getNodes().values())
          .allMatch(n -> n.getOpenConnections() > 0);
      session.execute("SELECT release_version FROM system.local");
    }
    assertThat(proxy.nodes())
        .allSatisfy(n -> assertThat(n.counters().connectionsOpened()).isPositive());
    assertThat(proxy.node(1).counters().frames(Opcode.QUERY)).isPositive();
    assertThat(proxy.node(1).counters().bytesFromNode()).isPositive();
    assertThat(proxy.node(1).counters().malformed()).isZero();
  }

  @Test
  void rulesActOnV5SegmentsPlainAndCompressed(TestCluster cluster) {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    proxy
        .rules()
        .add(
            Condition.queryContains("FROM system.local WHERE key = 'forged'"),
            Action.forgeError(new DbError.ServerError(), "forged by the proxy"));
    for (String compression : List.of("none", "lz4")) {
      try (CqlSession session = connect(proxy, compression)) {
        assertThatThrownBy(
                () -> session.execute("SELECT key FROM system.local WHERE key = 'forged'"))
            .as(compression)
            .isInstanceOf(ServerError.class)
            .hasMessageContaining("forged by the proxy");
        assertThat(session.execute("SELECT key FROM system.local WHERE key = 'local'").one())
            .isNotNull();
      }
    }
    assertThat(proxy.nodes().stream().mapToLong(n -> n.counters().forged()).sum()).isEqualTo(2);
    assertThat(proxy.nodes().stream().mapToLong(n -> n.counters().malformed()).sum()).isZero();
  }

  @Test
  void rulesActOnCompressedV4Frames(TestCluster cluster) throws Exception {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    proxy
        .rules()
        .add(
            Condition.queryContains("WHERE key = 'v4'"),
            Action.forgeError(new DbError.Overloaded(), "v4 forged"));
    List<String> offered =
        org.cql4j.testkit.NativeProtocolProbe.supportedOptions(
                proxy.node(1).proxyAddress(), null, Duration.ofSeconds(5))
            .get("COMPRESSION");
    for (String compression : offered) {
      DriverConfigLoader config =
          DriverConfigLoader.programmaticBuilder()
              .withString(DefaultDriverOption.PROTOCOL_VERSION, "V4")
              .withString(DefaultDriverOption.PROTOCOL_COMPRESSION, compression)
              .build();
      try (CqlSession session =
          CqlSession.builder()
              .addContactPoint(proxy.node(1).proxyAddress())
              .withLocalDatacenter("datacenter1")
              .withConfigLoader(config)
              .build()) {
        assertThat(session.getContext().getProtocolVersion()).isEqualTo(DefaultProtocolVersion.V4);
        assertThatThrownBy(() -> session.execute("SELECT key FROM system.local WHERE key = 'v4'"))
            .as(compression)
            .hasMessageContaining("v4 forged");
        // a rewritten (compressed) system table answer still decodes: the peers are the proxies
        assertThat(session.execute("SELECT rpc_address FROM system.peers").all())
            .extracting(row -> row.getInetAddress(0))
            .allMatch(
                a -> proxy.nodes().stream().anyMatch(n -> n.proxyAddress().getAddress().equals(a)));
      }
    }
    assertThat(offered).contains("lz4");
    assertThat(proxy.nodes().stream().mapToLong(n -> n.counters().malformed()).sum()).isZero();
  }

  @Test
  void delaysAnswersOfTheRealNodes(TestCluster cluster) {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    try (CqlSession session = connect(proxy, "none")) {
      proxy
          .rules()
          .add(
              Condition.responseOpcode(Opcode.RESULT).and(Condition.queryContains("'delayed'")),
              Action.delay(Duration.ofMillis(400)));
      long start = System.nanoTime();
      session.execute("SELECT key FROM system.local WHERE key = 'delayed'");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(390));
    }
  }
}
