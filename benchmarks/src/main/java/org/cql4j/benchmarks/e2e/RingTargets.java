package org.cql4j.benchmarks.e2e;

import java.net.InetSocketAddress;
import java.util.List;
import org.cql4j.testkit.CassandraCluster;
import org.cql4j.testkit.CassandraNode;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.proxy.ProxyNode;
import org.cql4j.testkit.proxy.ScyllaEmulation;

/**
 * Starts the multi-node targets through the test kit; not thread-safe (the coordinator's main
 * thread calls it once). {@code ring}: three real Cassandra 5.0.9 nodes forming one ring ({@link
 * CassandraCluster}), each in its own JVM with a 1 GiB heap, on {@code --ring-addresses} (default
 * 127.0.90.1 to .3, a block no test uses), port 9042; the drivers get all three as contact points.
 * {@code scylla}: the same ring behind a {@link CqlProxy} in the coordinator JVM ({@code
 * --server-threads} event loops) with the ScyllaDB emulation: {@value #SHARDS} shards per node and
 * the shard-aware port {@value #SHARD_AWARE_PORT} on each proxy address (the proxy's derived
 * addresses, 127.0.218.1 to .3 for the default ring); the drivers get the proxy's addresses. cql4j
 * opens one connection per shard there ({@link Topology#SCYLLA}); the Java driver, which knows no
 * shards, one per node. The proxy counts where each request lands ({@link Target#afterRun()}). What
 * the emulation does not reproduce (ScyllaDB's own server, per-shard execution) is listed in
 * docs/testing.md: this target measures the clients' side of shard awareness, not ScyllaDB.
 *
 * <h2>Replication factor 3</h2>
 *
 * The single-node targets create {@code bench} with replication factor 1; the ring uses {@link
 * #KEYSPACE_CQL} (SimpleStrategy, factor 3), so that every node is a replica of every partition, as
 * in the usual production layout. Whatever node a driver picks, it holds the data: a write is
 * applied by all three nodes whichever coordinates it, and any node can answer a read from its own
 * data. Both drivers then put the same work on the cluster, and token awareness only decides which
 * node coordinates (each one is a replica of every token, so it mostly spreads the load over the
 * three). With factor 1, a driver that routed by token would save a network hop on two requests in
 * three over one that does not: a comparison of routing, not of clients. Both drivers are
 * token-aware here all the same (cql4j by default, the Java driver from its schema metadata of
 * {@code bench}; each child JVM checks that its driver knows the replicas, see {@link Topology}).
 * At LOCAL_ONE the coordinator may still read from another replica (the test kit's nodes run the
 * SimpleSnitch behind the dynamic snitch), which is the server's choice and the same for both
 * drivers.
 */
final class RingTargets {
  /** {@code bench} with a replica on each of the three nodes. */
  static final String KEYSPACE_CQL =
      "CREATE KEYSPACE IF NOT EXISTS bench WITH replication ="
          + " {'class': 'SimpleStrategy', 'replication_factor': 3}";

  /** Shards per emulated ScyllaDB node. */
  static final int SHARDS = 4;

  /** The emulated shard-aware port, ScyllaDB's default. */
  static final int SHARD_AWARE_PORT = ScyllaEmulation.DEFAULT_SHARD_AWARE_PORT;

  /** The nodes' data center (the test kit's SimpleSnitch). */
  static final String DATA_CENTER = "datacenter1";

  private RingTargets() {}

  /** Starts the ring and loads it; the returned target stops the nodes when closed. */
  static Target ring(Options o) {
    CassandraCluster cluster = startRing(o);
    return new Target(
        "Cassandra 5.0.9 ring of "
            + cluster.nodes().size()
            + " nodes "
            + cluster.contactPoints()
            + " (each in its own JVM, 1 GiB heap), replication factor 3",
        nativeAddresses(cluster),
        DATA_CENTER,
        Topology.RING,
        cluster,
        null);
  }

  /**
   * Starts and loads the ring, then the proxy with the ScyllaDB emulation in front of it; the
   * returned target stops both when closed.
   */
  static Target scylla(Options o) {
    CassandraCluster cluster = startRing(o);
    CqlProxy proxy;
    try {
      proxy =
          CqlProxy.builder()
              .cluster(cluster)
              .scylla(
                  ScyllaEmulation.builder().shards(SHARDS).shardAwarePort(SHARD_AWARE_PORT).build())
              .eventLoopThreads(o.serverThreads())
              .start();
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return new Target(
        "ScyllaDB emulation ("
            + SHARDS
            + " shards per node, shard-aware port "
            + SHARD_AWARE_PORT
            + ") on "
            + proxy.contactPoints()
            + ": CqlProxy in the coordinator JVM ("
            + o.serverThreads()
            + " event loop thread(s)) in front of a Cassandra 5.0.9 ring of "
            + cluster.nodes().size()
            + " nodes "
            + cluster.contactPoints()
            + " (each in its own JVM, 1 GiB heap), replication factor 3",
        proxy.nodes().stream().map(ProxyNode::proxyAddress).toList(),
        DATA_CENTER,
        Topology.SCYLLA,
        () -> {
          try (cluster;
              proxy) {
            // closes the proxy, then the nodes
          }
        },
        proxy);
  }

  /** Starts the nodes, waits for the ring, creates the schema with factor 3 and loads the data. */
  private static CassandraCluster startRing(Options o) {
    CassandraCluster cluster = CassandraCluster.builder().addresses(o.ringAddresses()).build();
    try {
      System.err.println("Starting a Cassandra ring on " + o.ringAddresses() + "...");
      cluster.start();
      BenchLoader.load(nativeAddresses(cluster), DATA_CENTER, KEYSPACE_CQL, o.partitions());
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static List<InetSocketAddress> nativeAddresses(CassandraCluster cluster) {
    return cluster.nodes().stream().map(CassandraNode::nativeAddress).toList();
  }
}
