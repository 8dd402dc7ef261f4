package org.cql4j.benchmarks.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.cql4j.mapper.Row;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.ProtocolVersion;
import org.cql4j.session.PoolSize;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.SessionBuilder;
import org.cql4j.session.policy.NoSpeculativeExecution;
import org.cql4j.session.policy.SimpleSpeculativeExecutionPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.statement.PreparedStatement;

/**
 * cql4j under test, thread-safe after {@link #prepareAll()}: protocol v4, one connection per node
 * (per shard of each node on {@link Topology#SCYLLA}, {@code PoolSize.perShard(1)}, as a
 * shard-aware driver is used there), values and rows through {@code @Row} records whose codecs the
 * mapper generates (no boxing, positional decoding), {@code executeUnpagedAsync}, the default
 * load-balancing policy (token-aware, replicas shuffled). On a ring, the child checks that the
 * session knows the replicas of {@code bench} before it is measured.
 */
final class Cql4jDriver implements DriverUnderTest {
  /** The values of the INSERT and the rows of both SELECTs, in the statements' column order. */
  @Row
  record ItemRow(long pk, int ck, UUID id, Instant ts, String name, int qty, long total) {}

  /** The bind markers of the single-row SELECT. */
  @Row
  record RowKey(long pk, int ck) {}

  /** The bind marker of the partition SELECT. */
  @Row
  record PartitionKey(long pk) {}

  private final boolean speculative;
  private final ProtocolVersion pinned;
  private Session session;
  private PreparedStatement insert;
  private PreparedStatement selectOne;
  private PreparedStatement selectPartition;

  /**
   * Creates the adapter.
   *
   * @param speculative whether the profile has a speculative policy that never fires (one extra
   *     execution after 10 s, beyond the request timeout) and the statements are idempotent, to
   *     measure what the policy costs on the request path
   * @param pinned the protocol version to pin, or null to negotiate (v5 with Cassandra 4.0+)
   */
  Cql4jDriver(boolean speculative, ProtocolVersion pinned) {
    this.speculative = speculative;
    this.pinned = pinned;
  }

  @Override
  public String description() {
    return (speculative ? "cql4j-speculative" : "cql4j")
        + (pinned == null ? "" : "-" + pinned.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public void connect(ConnectSettings settings) throws InterruptedException {
    ExecutionProfile profile =
        ExecutionProfile.builder()
            .consistency(Consistency.LOCAL_ONE)
            .requestTimeout(settings.requestTimeout())
            .speculativeExecutionPolicy(
                speculative
                    ? new SimpleSpeculativeExecutionPolicy(1, Duration.ofSeconds(10))
                    : NoSpeculativeExecution.INSTANCE)
            .build();
    SessionBuilder builder = Session.builder();
    settings.contactPoints().forEach(builder::knownNode);
    if (pinned != null) {
      builder.protocolVersion(pinned);
    }
    session =
        builder
            .poolSize(
                settings.topology() == Topology.SCYLLA ? PoolSize.perShard(1) : PoolSize.perHost(1))
            .defaultExecutionProfileHandle(profile.intoHandle())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    if (settings.topology().multiNode()) {
      // token 0 stands for any: with factor 3 on three nodes each token has the same replicas
      RoutingCheck.requireReplicas(
          description(), () -> session.getClusterState().replicas("bench", "items", 0L).size());
    }
    if (settings.topology() == Topology.SCYLLA) {
      System.err.println(
          "["
              + description()
              + "] shards per node: "
              + session.getClusterState().nodes().stream()
                  .map(node -> node.shardCount().isPresent() ? node.shardCount().getAsInt() : 0)
                  .toList());
    }
  }

  @Override
  public void prepareAll() {
    insert = session.prepare(BenchData.INSERT);
    selectOne = session.prepare(BenchData.SELECT_ONE);
    selectPartition = session.prepare(BenchData.SELECT_PARTITION);
    if (speculative) { // speculative executions run for idempotent statements only
      insert.setIdempotent(true);
      selectOne.setIdempotent(true);
      selectPartition.setIdempotent(true);
    }
  }

  @Override
  public CompletionStage<Long> insert(BenchData.Item row) {
    ItemRow values =
        new ItemRow(row.pk(), row.ck(), row.id(), row.ts(), row.name(), row.qty(), row.total());
    return session.executeUnpagedAsync(insert, values).thenApply(result -> 0L);
  }

  @Override
  public CompletionStage<Long> selectOne(long pk, int ck) {
    return session
        .executeUnpagedAsync(selectOne, new RowKey(pk, ck))
        .thenApply(Cql4jDriver::consume);
  }

  @Override
  public CompletionStage<Long> selectPartition(long pk) {
    return session
        .executeUnpagedAsync(selectPartition, new PartitionKey(pk))
        .thenApply(Cql4jDriver::consume);
  }

  private static long consume(QueryResult result) {
    long sum = 0;
    for (ItemRow row : result.intoRowsResult().rows(ItemRow.class)) {
      sum +=
          BenchData.checksum(
              row.pk(), row.ck(), row.id(), row.ts(), row.name(), row.qty(), row.total());
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
