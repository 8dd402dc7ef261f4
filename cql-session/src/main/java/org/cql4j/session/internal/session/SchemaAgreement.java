package org.cql4j.session.internal.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.value.CqlRow;
import org.cql4j.session.Node;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.SystemQueries;
import org.cql4j.session.internal.metadata.MetadataManager;
import org.cql4j.session.internal.pool.NodeConnectionPool;
import org.cql4j.session.internal.pool.PoolManager;

/**
 * Awaits schema agreement the way the Rust driver does: asks every reachable node for its own
 * {@code system.local.schema_version}, over that node's pool, until all answers are equal.
 * Thread-safe (immutable); each {@link #await()} runs independently.
 */
public final class SchemaAgreement {
  static final String VERSION_COLUMN = "schema_version";
  static final String QUERY = "SELECT " + VERSION_COLUMN + " FROM system.local WHERE key='local'";

  private final MetadataManager metadata;
  private final PoolManager pools;
  private final ScheduledExecutorService scheduler;
  private final Duration interval;
  private final Duration timeout;

  /**
   * Creates the poller.
   *
   * @param metadata the nodes to ask
   * @param pools their connections
   * @param scheduler runs the polls
   * @param interval the delay between polls
   * @param timeout how long to wait for agreement
   */
  public SchemaAgreement(
      MetadataManager metadata,
      PoolManager pools,
      ScheduledExecutorService scheduler,
      Duration interval,
      Duration timeout) {
    this.metadata = metadata;
    this.pools = pools;
    this.scheduler = scheduler;
    this.interval = interval;
    this.timeout = timeout;
  }

  /**
   * Polls until the nodes agree.
   *
   * @return completes with the agreed version; fails with {@link RequestTimeoutException} naming
   *     each node's version when the timeout elapses first
   */
  public CompletableFuture<UUID> await() {
    CompletableFuture<UUID> result = new CompletableFuture<>();
    poll(System.nanoTime() + timeout.toNanos(), result);
    return result;
  }

  private void poll(long deadline, CompletableFuture<UUID> result) {
    versions()
        .whenComplete(
            (versions, error) -> {
              Set<UUID> distinct = versions == null ? Set.of() : new HashSet<>(versions.values());
              if (error == null && distinct.size() == 1 && !distinct.contains(null)) {
                result.complete(distinct.iterator().next());
              } else if (System.nanoTime() - deadline >= 0) {
                result.completeExceptionally(
                    new RequestTimeoutException(
                        "schema agreement not reached within "
                            + timeout.toMillis()
                            + " ms; "
                            + (error != null
                                ? "last error: " + BlockingCalls.unwrap(error).getMessage()
                                : "schema versions: " + versions),
                        timeout));
              } else {
                scheduler.schedule(
                    () -> poll(deadline, result), interval.toNanos(), TimeUnit.NANOSECONDS);
              }
            });
  }

  private CompletableFuture<Map<Node, UUID>> versions() {
    List<Node> nodes = new ArrayList<>();
    List<CompletableFuture<List<CqlRow>>> answers = new ArrayList<>();
    for (Node node : metadata.state().nodes()) {
      NodeConnectionPool pool = node.isUp() ? pools.pool(node) : null;
      Connection connection = pool == null ? null : pool.connection();
      if (connection != null) {
        nodes.add(node);
        answers.add(SystemQueries.rows(connection, QUERY, interval.plus(Duration.ofSeconds(5))));
      }
    }
    if (nodes.isEmpty()) {
      return CompletableFuture.failedFuture(
          new NoHostAvailableException("schema agreement: no node is reachable", Map.of()));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              Map<Node, UUID> versions = new LinkedHashMap<>();
              for (int i = 0; i < nodes.size(); i++) {
                // by name: a server or proxy may answer with more columns than selected
                List<CqlRow> rows = answers.get(i).join();
                versions.put(
                    nodes.get(i), rows.isEmpty() ? null : rows.get(0).getUuid(VERSION_COLUMN));
              }
              return versions;
            });
  }
}
