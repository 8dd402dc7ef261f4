package org.cql4j.benchmarks.e2e;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cql4j.testkit.CassandraNode;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.NullCqlServer;
import org.cql4j.testkit.proxy.ProxyConnection;
import org.cql4j.testkit.proxy.ProxyNode;

/**
 * What the drivers talk to, not thread-safe (the coordinator's main thread owns it): the {@link
 * NullCqlServer} in the coordinator's own JVM, a real Cassandra node in its own JVM through the
 * test kit, a ring of three, alone or behind the ScyllaDB emulation ({@link RingTargets}), or an
 * external node.
 */
final class Target implements AutoCloseable {
  private final String description;
  private final List<InetSocketAddress> contactPoints;
  private final String localDc;
  private final Topology topology;
  private final AutoCloseable resource;
  private final CqlProxy proxy;
  private int[] connectionsBefore;

  Target(
      String description,
      List<InetSocketAddress> contactPoints,
      String localDc,
      Topology topology,
      AutoCloseable resource,
      CqlProxy proxy) {
    this.description = description;
    this.contactPoints = List.copyOf(contactPoints);
    this.localDc = localDc;
    this.topology = topology;
    this.resource = resource;
    this.proxy = proxy;
  }

  /** Starts (or reaches) the target the options name; a real node gets the schema and data. */
  static Target start(Options o) throws Exception {
    if (o.pinned()) {
      // before anything starts: the server threads, nodes and proxy inherit these CPUs
      CpuPinning.pinThisProcess(o.serverCpus());
    }
    switch (o.target()) {
      case "null" -> {
        NullCqlServer server =
            NullCqlServer.builder()
                .eventLoopThreads(o.serverThreads())
                .rowsPerPartition(BenchData.ROWS_PER_PARTITION)
                .start();
        return new Target(
            "NullCqlServer (in the coordinator JVM, "
                + o.serverThreads()
                + " event loop thread(s))",
            List.of(server.address()),
            NullCqlServer.DATA_CENTER,
            Topology.NODE,
            server,
            null);
      }
      case "cassandra" -> {
        defaultCassandraClasspath();
        CassandraNode node = CassandraNode.builder().address(o.cassandraAddress()).build();
        try {
          node.start();
          Target target =
              new Target(
                  "Cassandra 5.0.9 node " + node.contactPoint() + " (its own JVM, 1 GiB heap)",
                  List.of(node.nativeAddress()),
                  "datacenter1",
                  Topology.NODE,
                  node,
                  null);
          BenchLoader.load(
              target.contactPoints,
              "datacenter1",
              NullCqlServer.BENCH_KEYSPACE_CQL,
              o.partitions());
          return target;
        } catch (RuntimeException e) {
          node.close();
          throw e;
        }
      }
      case "ring" -> {
        defaultCassandraClasspath();
        return RingTargets.ring(o);
      }
      case "scylla" -> {
        defaultCassandraClasspath();
        return RingTargets.scylla(o);
      }
      default -> {
        List<InetSocketAddress> node = List.of(Options.endpoint(o.target()));
        BenchLoader.load(node, o.localDc(), NullCqlServer.BENCH_KEYSPACE_CQL, o.partitions());
        return new Target("node " + o.target(), node, o.localDc(), Topology.NODE, () -> {}, null);
      }
    }
  }

  String description() {
    return description;
  }

  /** Where the drivers start: the one node, or every node of a ring. */
  List<InetSocketAddress> contactPoints() {
    return contactPoints;
  }

  String localDc() {
    return localDc;
  }

  Topology topology() {
    return topology;
  }

  /** Zeroes the proxy's counters before a child JVM runs; nothing without a proxy. */
  void beforeRun() {
    if (proxy != null) {
      proxy.resetCounters();
      connectionsBefore = proxy.nodes().stream().mapToInt(n -> n.connections().size()).toArray();
    }
  }

  /**
   * What the proxy saw since {@link #beforeRun()}: the connections opened and where the requests
   * whose partition key it could read landed (warm-up included); empty without a proxy.
   */
  Optional<String> afterRun() {
    if (proxy == null) {
      return Optional.empty();
    }
    long connections = 0;
    long shardAwarePort = 0;
    long control = 0;
    long correct = 0;
    long wrongNode = 0;
    long wrongShard = 0;
    long unroutable = 0;
    for (ProxyNode node : proxy.nodes()) {
      connections += node.counters().connectionsOpened();
      List<ProxyConnection> all = node.connections();
      // the list keeps every connection ever accepted; counters start again at beforeRun
      for (ProxyConnection connection :
          all.subList(connectionsBefore[node.number() - 1], all.size())) {
        shardAwarePort += connection.viaShardAwarePort() ? 1 : 0;
        control += connection.isControl() ? 1 : 0;
      }
      correct += node.routing().correct();
      wrongNode += node.routing().wrongNode();
      wrongShard += node.routing().wrongShard();
      unroutable += node.routing().unroutable();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "proxy: %d connection(s) opened (%d through the shard-aware port, %d control);"
                + " requests on the owning shard of a replica %d,"
                + " on a node that is not a replica %d, on a replica's wrong shard %d,"
                + " unroutable %d",
            connections,
            shardAwarePort,
            control,
            correct,
            wrongNode,
            wrongShard,
            unroutable));
  }

  /** Points the test kit at the classpath file of a local build when no property names one. */
  private static void defaultCassandraClasspath() {
    String property = "cql4j.cassandra.classpath";
    if (System.getProperty(property) == null
        && System.getenv("CQL4J_CASSANDRA_CLASSPATH") == null) {
      Path built = Path.of("cassandra-server", "target", "cassandra.classpath");
      if (Files.isRegularFile(built)) {
        System.setProperty(property, built.toAbsolutePath().toString());
      }
    }
  }

  @Override
  public void close() throws Exception {
    resource.close();
  }
}
