package org.cql4j.benchmarks.e2e;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The Apache Cassandra Java driver 4.19.3 under test, thread-safe after {@link #prepareAll()}:
 * protocol v4, one connection per node, schema metadata off, prepared statements bound with typed
 * setters through {@code BoundStatementBuilder}, {@code executeAsync}, rows read positionally from
 * {@code currentPage()}.
 *
 * <p>On a ring ({@link Topology#multiNode()}), schema metadata is on for keyspace {@code bench}
 * only: the driver's token map takes each keyspace's replication from its schema metadata, so
 * without it the default load-balancing policy, token-aware otherwise, finds no replica and goes
 * round-robin. Everything else keeps the driver's defaults (token-aware routing, replicas
 * shuffled); the local data center is the target's ({@code datacenter1}).
 */
final class JavaDriver implements DriverUnderTest {
  private CqlSession session;
  private PreparedStatement insert;
  private PreparedStatement selectOne;
  private PreparedStatement selectPartition;

  @Override
  public String description() {
    return "Java driver "
        + com.datastax.oss.driver.api.core.session.Session.OSS_DRIVER_COORDINATES.getVersion();
  }

  @Override
  public void connect(ConnectSettings settings) throws InterruptedException {
    boolean ring = settings.topology().multiNode();
    ProgrammaticDriverConfigLoaderBuilder config =
        DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.PROTOCOL_VERSION, "V4")
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, settings.requestTimeout())
            .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 1)
            .withInt(DefaultDriverOption.CONNECTION_POOL_REMOTE_SIZE, 1)
            // the default 1,024 would leave no headroom at 1,024 requests in flight
            .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, 32768)
            .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, ring)
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10));
    if (ring) {
      config
          .withStringList(DefaultDriverOption.METADATA_SCHEMA_REFRESHED_KEYSPACES, List.of("bench"))
          .withDuration(
              DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(10));
    }
    session =
        CqlSession.builder()
            .addContactPoints(settings.contactPoints())
            .withLocalDatacenter(settings.localDataCenter())
            .withConfigLoader(config.build())
            .build();
    if (ring) {
      ByteBuffer pk0 = TypeCodecs.BIGINT.encode(0L, ProtocolVersion.V4);
      RoutingCheck.requireReplicas(
          description(),
          () ->
              session
                  .getMetadata()
                  .getTokenMap()
                  .map(tokens -> tokens.getReplicas("bench", pk0).size())
                  .orElse(0));
    }
  }

  @Override
  public void prepareAll() {
    insert = session.prepare(BenchData.INSERT);
    selectOne = session.prepare(BenchData.SELECT_ONE);
    selectPartition = session.prepare(BenchData.SELECT_PARTITION);
  }

  @Override
  public CompletionStage<Long> insert(BenchData.Item row) {
    return session
        .executeAsync(
            insert
                .boundStatementBuilder()
                .setLong(0, row.pk())
                .setInt(1, row.ck())
                .setUuid(2, row.id())
                .setInstant(3, row.ts())
                .setString(4, row.name())
                .setInt(5, row.qty())
                .setLong(6, row.total())
                .build())
        .thenApply(rs -> 0L);
  }

  @Override
  public CompletionStage<Long> selectOne(long pk, int ck) {
    return session
        .executeAsync(selectOne.boundStatementBuilder().setLong(0, pk).setInt(1, ck).build())
        .thenApply(JavaDriver::consume);
  }

  @Override
  public CompletionStage<Long> selectPartition(long pk) {
    return session
        .executeAsync(selectPartition.boundStatementBuilder().setLong(0, pk).build())
        .thenApply(JavaDriver::consume);
  }

  /** Reads every cell of the first page; the whole result fits in it (default page size 5000). */
  private static long consume(AsyncResultSet rs) {
    long sum = 0;
    for (Row row : rs.currentPage()) {
      sum +=
          BenchData.checksum(
              row.getLong(0),
              row.getInt(1),
              row.getUuid(2),
              row.getInstant(3),
              row.getString(4),
              row.getInt(5),
              row.getLong(6));
    }
    return sum;
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
  }
}
