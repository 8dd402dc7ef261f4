package org.cql4j.cli.stress;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.cql4j.session.Node;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.Token;
import org.cql4j.session.statement.PreparedStatement;

/**
 * Runs operations through a cql4j session: each is its prepared statement executed with values
 * generated into the frame, routed by the driver (token- and shard-aware, tablets, LWT). One
 * operation in {@value #CHECK_EVERY} of a token-aware statement is checked afterwards: was its
 * coordinator a replica of its partition? Thread-safe.
 */
final class DriverRunner implements OperationRunner {
  /** How often the routing check samples an operation (a power of two). */
  static final int CHECK_EVERY = 1024;

  private final Session session;
  private final PreparedOperation[] operations;
  private final LongAdder checked = new LongAdder();
  private final LongAdder onReplica = new LongAdder();

  DriverRunner(Session session, List<PreparedOperation> operations) {
    this.session = session;
    this.operations = operations.toArray(new PreparedOperation[0]);
  }

  @Override
  public CompletableFuture<QueryResult> run(int op, long index) {
    PreparedOperation operation = operations[op];
    GeneratedRow row = operation.row(index);
    CompletableFuture<QueryResult> future = session.executeUnpagedAsync(operation.statement(), row);
    if ((index & (CHECK_EVERY - 1)) == 0 && operation.statement().isTokenAware()) {
      future.thenAccept(result -> checkRouting(operation.statement(), row, result));
    }
    return future;
  }

  private void checkRouting(PreparedStatement statement, GeneratedRow row, QueryResult result) {
    Token token = statement.computeToken(row).orElse(null);
    String keyspace = statement.keyspace().orElse(null);
    String table = statement.table().orElse(null);
    Node coordinator = result.coordinator();
    if (token == null || keyspace == null || table == null || coordinator == null) {
      return;
    }
    List<Node> replicas = session.getClusterState().replicas(keyspace, table, token);
    if (replicas.isEmpty()) {
      return; // no replication known (no schema metadata): nothing to check against
    }
    checked.increment();
    if (replicas.contains(coordinator)) {
      onReplica.increment();
    }
  }

  /** Operations whose routing was checked. */
  long routingChecked() {
    return checked.sum();
  }

  /** Checked operations whose coordinator was a replica of their partition. */
  long routedToReplica() {
    return onReplica.sum();
  }
}
