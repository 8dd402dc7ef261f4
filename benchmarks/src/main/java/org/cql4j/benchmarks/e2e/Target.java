package org.cql4j.benchmarks.e2e;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cql4j.testkit.CassandraNode;
import org.cql4j.testkit.NullCqlServer;

/**
 * What the drivers talk to, not thread-safe (the coordinator's main thread owns it): the {@link
 * NullCqlServer} in the coordinator's own JVM, a real Cassandra node in its own JVM through the
 * test kit, or an external node.
 */
final class Target implements AutoCloseable {
  private final String description;
  private final List<InetSocketAddress> contactPoints;
  private final String localDc;
  private final AutoCloseable resource;

  private Target(
      String description,
      List<InetSocketAddress> contactPoints,
      String localDc,
      AutoCloseable resource) {
    this.description = description;
    this.contactPoints = List.copyOf(contactPoints);
    this.localDc = localDc;
    this.resource = resource;
  }

  /** Starts (or reaches) the target the options name; a real node gets the schema and data. */
  static Target start(Options o) throws Exception {
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
            server);
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
                  node);
          target.load(o.partitions());
          return target;
        } catch (RuntimeException e) {
          node.close();
          throw e;
        }
      }
      default -> {
        Target target =
            new Target(
                "node " + o.target(), List.of(Options.endpoint(o.target())), o.localDc(), () -> {});
        target.load(o.partitions());
        return target;
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

  /** Creates {@code bench.items} and writes the partitions the reads read. */
  private void load(int partitions) throws Exception {
    System.err.printf(
        "Loading %d partitions of %d rows...%n", partitions, BenchData.ROWS_PER_PARTITION);
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
            .withDuration(
                DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
            .build();
    try (CqlSession session =
        CqlSession.builder()
            .addContactPoints(contactPoints)
            .withLocalDatacenter(localDc)
            .withConfigLoader(config)
            .build()) {
      session.execute(NullCqlServer.BENCH_KEYSPACE_CQL);
      session.execute(NullCqlServer.BENCH_TABLE_CQL);
      PreparedStatement insert = session.prepare(BenchData.INSERT);
      List<CompletableFuture<?>> window = new ArrayList<>();
      for (int pk = 0; pk < partitions; pk++) {
        for (int k = 0; k < BenchData.ROWS_PER_PARTITION; k++) {
          BenchData.Item row = BenchData.item(pk, k);
          window.add(
              session
                  .executeAsync(
                      insert.bind(
                          row.pk(),
                          row.ck(),
                          row.id(),
                          row.ts(),
                          row.name(),
                          row.qty(),
                          row.total()))
                  .toCompletableFuture());
          if (window.size() == 256) {
            CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
            window.clear();
          }
        }
      }
      CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
    }
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
