package org.cql4j.benchmarks.e2e;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cql4j.testkit.NullCqlServer;

/**
 * Creates {@code bench.items} on a real target and writes the partitions the reads read, through
 * the Java driver (so that a cql4j bug cannot spoil the data both drivers read); stateless and
 * thread-safe, run once by the coordinator before the first measurement.
 */
final class BenchLoader {
  private BenchLoader() {}

  /**
   * Creates the keyspace and table and loads the partitions.
   *
   * @param contactPoints the target's nodes
   * @param localDc their data center
   * @param keyspaceCql the {@code CREATE KEYSPACE} of {@code bench}, which sets its replication
   * @param partitions how many partitions of {@link BenchData#ROWS_PER_PARTITION} rows to write
   */
  static void load(
      List<InetSocketAddress> contactPoints, String localDc, String keyspaceCql, int partitions) {
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
      session.execute(keyspaceCql);
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
}
