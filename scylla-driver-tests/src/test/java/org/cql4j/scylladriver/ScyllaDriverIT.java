package org.cql4j.scylladriver;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.ProxyNode;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ScyllaDB Java driver 4.17.0.1, a client nobody here wrote, connected through the emulation of
 * a 3-node ring with 4 shards per node: it must take the nodes for ScyllaDB, keep a connection per
 * shard and send every prepared statement to the replica and shard that own its token.
 *
 * <p>This driver version fills its per-shard pools through the regular port only (it has no
 * shard-aware port support: SCYLLA_SHARD_AWARE_PORT appears nowhere in its sources), so the test
 * also shows that the least-connected assignment lets it reach every shard; {@link ScyllaDriver3IT}
 * covers the shard-aware port with the 3.x driver.
 */
@CassandraTest(nodes = 3, scyllaShards = 4)
class ScyllaDriverIT {
  private static final Logger LOG = LoggerFactory.getLogger(ScyllaDriverIT.class);
  private static final int SHARDS = 4;
  private static final int ROWS = 300;

  private static CqlSession connect(CqlProxy proxy) {
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, SHARDS) // one per shard
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(
                DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(20))
            .build();
    return CqlSession.builder()
        .addContactPoints(proxy.nodes().stream().map(ProxyNode::proxyAddress).toList())
        .withLocalDatacenter("datacenter1")
        .withConfigLoader(config)
        .build();
  }

  @Test
  void takesTheEmulationForScyllaKeepsAConnectionPerShardAndRoutesWithoutMisroutes(
      TestCluster cluster) throws InterruptedException {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    assertThat(cluster.description()).contains("ScyllaDB emulation");
    try (CqlSession session = connect(proxy)) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS scylla_driver WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS scylla_driver.kv (k int PRIMARY KEY, v text)");
      assertThat(session.checkSchemaAgreement()).isTrue();

      // the driver saw ScyllaDB: sharding info on every node, discovered at the proxy's addresses
      List<InetSocketAddress> proxyAddresses =
          proxy.nodes().stream().map(ProxyNode::proxyAddress).toList();
      for (Node node : session.getMetadata().getNodes().values()) {
        assertThat(node.getShardingInfo()).as("sharding info of %s", node).isNotNull();
        assertThat(node.getShardingInfo().getShardsCount()).isEqualTo(SHARDS);
        assertThat(proxyAddresses).contains((InetSocketAddress) node.getEndPoint().resolve());
      }
      assertThat(session.getMetadata().getNodes()).hasSize(3);

      PreparedStatement insert =
          session.prepare("INSERT INTO scylla_driver.kv (k, v) VALUES (?, ?)");
      PreparedStatement lwt =
          session.prepare("INSERT INTO scylla_driver.kv (k, v) VALUES (?, ?) IF NOT EXISTS");
      assertThat(lwt.isLWT()).as("the LWT metadata mark").isTrue();
      assertThat(insert.isLWT()).isFalse();

      ProxyChecks.awaitEveryShard(proxy, SHARDS);
      proxy.resetCounters();
      for (int k = 0; k < ROWS; k++) {
        session.execute(insert.bind(k, "v" + k));
      }

      ProxyChecks.assertRoutedWithoutMisroutes(proxy, ROWS);
      for (ProxyNode node : proxy.nodes()) {
        for (int shard = 0; shard < SHARDS; shard++) {
          assertThat(node.routing().correct(shard))
              .as("requests on node %d shard %d", node.number(), shard)
              .isPositive();
        }
      }
    }
  }
}
