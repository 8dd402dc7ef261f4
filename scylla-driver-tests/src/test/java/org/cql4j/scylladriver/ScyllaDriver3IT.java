package org.cql4j.scylladriver;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.Host;
import com.datastax.driver.core.HostDistance;
import com.datastax.driver.core.PoolingOptions;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Session;
import java.net.InetSocketAddress;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.ProxyConnection;
import org.cql4j.testkit.proxy.ProxyNode;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ScyllaDB Java driver 3.11.5.3, which opens its per-shard connections through the shard-aware
 * port (binding a source port with {@code port % shards == shard}), against the emulation of a
 * 3-node ring with 4 shards per node.
 */
@CassandraTest(nodes = 3, scyllaShards = 4)
class ScyllaDriver3IT {
  private static final Logger LOG = LoggerFactory.getLogger(ScyllaDriver3IT.class);
  private static final int SHARDS = 4;
  private static final int ROWS = 300;

  @Test
  void opensItsShardConnectionsThroughTheShardAwarePortAndRoutesWithoutMisroutes(
      TestCluster cluster) throws InterruptedException {
    CqlProxy proxy = cluster.proxy().orElseThrow();
    PoolingOptions pooling =
        new PoolingOptions()
            .setCoreConnectionsPerHost(HostDistance.LOCAL, SHARDS)
            .setMaxConnectionsPerHost(HostDistance.LOCAL, SHARDS);
    try (Cluster driver =
            Cluster.builder()
                .addContactPointsWithPorts(
                    proxy.nodes().stream().map(ProxyNode::proxyAddress).toList())
                .withPoolingOptions(pooling)
                .withoutJMXReporting()
                .build();
        Session session = driver.connect()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS scylla_driver3 WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS scylla_driver3.kv (k int PRIMARY KEY, v text)");

      for (Host host : driver.getMetadata().getAllHosts()) {
        assertThat(host.getShardingInfo()).as("sharding info of %s", host).isNotNull();
        assertThat(host.getShardingInfo().getShardsCount()).isEqualTo(SHARDS);
        assertThat(proxy.nodes().stream().map(ProxyNode::proxyAddress))
            .contains(new InetSocketAddress(host.getEndPoint().resolve().getAddress(), 9042));
      }
      PreparedStatement insert =
          session.prepare("INSERT INTO scylla_driver3.kv (k, v) VALUES (?, ?)");
      awaitShardAwareConnections(proxy);
      proxy.resetCounters();
      for (int k = 0; k < ROWS; k++) {
        session.execute(insert.bind(k, "v" + k));
      }

      ProxyChecks.assertRoutedWithoutMisroutes(proxy, ROWS);
    }
  }

  private static void awaitShardAwareConnections(CqlProxy proxy) throws InterruptedException {
    ProxyChecks.awaitEveryShard(proxy, SHARDS);
    for (ProxyNode node : proxy.nodes()) {
      // the pool's first connection comes through the regular port, the others choose their shard
      assertThat(ProxyChecks.shards(node, ProxyConnection::viaShardAwarePort))
          .as("shards reached through the shard-aware port on node %d", node.number())
          .hasSizeGreaterThanOrEqualTo(SHARDS - 1);
    }
  }
}
