package org.cql4j.cli.stress;

import java.util.concurrent.CompletableFuture;
import org.cql4j.session.QueryResult;

/**
 * Starts one operation of a workload and returns without waiting; thread-safe (called from the load
 * generator's threads and the driver's completion threads at once).
 */
interface OperationRunner {

  /**
   * Starts operation {@code op} with the values of index {@code index}.
   *
   * @param op the operation's position in the workload
   * @param index the operation's sequence number in the run
   * @return completes with the result ({@code null} in no-op mode) or the failure
   */
  CompletableFuture<QueryResult> run(int op, long index);
}
