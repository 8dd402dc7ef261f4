package org.cql4j.session.internal.prepare;

import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.session.Node;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.pool.NodeConnectionPool;
import org.cql4j.session.internal.pool.PoolManager;
import org.cql4j.session.internal.session.BlockingCalls;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.cql4j.session.statement.PreparedStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Preparing outside a request: on every other node after a statement was prepared on one, again on
 * a connection that answered UNPREPARED, and again on a node that comes back up. Stateless and
 * thread-safe.
 */
public final class Preparer {
  private static final Logger LOG = LoggerFactory.getLogger(Preparer.class);

  /** PREPAREs in flight at once when a node comes back up (the Java driver's default). */
  static final int PARALLELISM = 100;

  private Preparer() {}

  /**
   * Prepares a statement on one connection of every node but one, so that the first EXECUTE on
   * another node does not meet UNPREPARED.
   *
   * @param pools the pools
   * @param prepare the PREPARE that prepared it (its text and keyspace)
   * @param prepared the node it was prepared on already, or null
   * @param timeout each PREPARE's timeout, or zero for none
   * @return completes when every node answered or failed (failures are logged, never raised)
   */
  public static CompletableFuture<Void> onOtherNodes(
      PoolManager pools, Prepare prepare, Node prepared, Duration timeout) {
    List<CompletableFuture<?>> others = new ArrayList<>();
    for (NodeConnectionPool pool : pools.pools()) {
      if (prepared != null && pool.address().equals(prepared.address())) {
        continue;
      }
      Connection connection = pool.connection();
      if (connection != null) {
        others.add(prepareQuietly(connection, prepare, timeout));
      }
    }
    return CompletableFuture.allOf(others.toArray(CompletableFuture[]::new));
  }

  /**
   * Prepares statements on one connection, ignoring failures: a node that came back up gets the
   * session's statements before requests are routed to it. At most {@value #PARALLELISM} are in
   * flight at once. An unqualified statement is prepared in the keyspace its PREPARE named, else in
   * the session's current keyspace; one that fails here is prepared again when an EXECUTE meets
   * UNPREPARED.
   *
   * @param connection a connection of the node
   * @param statements the PREPAREs (texts and keyspaces)
   * @param timeout each PREPARE's timeout
   * @return completes when every statement was answered or failed
   */
  public static CompletableFuture<Void> onConnection(
      Connection connection, List<Prepare> statements, Duration timeout) {
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    for (int from = 0; from < statements.size(); from += PARALLELISM) {
      List<Prepare> wave =
          statements.subList(from, Math.min(from + PARALLELISM, statements.size()));
      done = done.thenCompose(v -> wave(connection, wave, timeout));
    }
    return done;
  }

  private static CompletableFuture<Void> wave(
      Connection connection, List<Prepare> statements, Duration timeout) {
    List<CompletableFuture<?>> answers = new ArrayList<>(statements.size());
    for (Prepare prepare : statements) {
      answers.add(prepareQuietly(connection, prepare, timeout));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
  }

  private static CompletableFuture<Void> prepareQuietly(
      Connection connection, Prepare prepare, Duration timeout) {
    return connection
        .send(prepare, timeout)
        .handle(
            (response, error) -> {
              if (error != null) {
                LOG.debug("could not prepare on {}: {}", connection.address(), error.toString());
              } else {
                ReferenceCountUtil.release(response.message());
              }
              return null;
            });
  }

  /**
   * Prepares a statement again on the connection that answered UNPREPARED (native_protocol_v4.spec
   * §4.2.5.4: the node restarted or evicted it); a new result metadata is adopted.
   *
   * @param connection the connection
   * @param prepare the PREPARE to send again: the statement's text, in the keyspace it was first
   *     prepared in
   * @param statement the prepared statement to update, or null (a batch's statement)
   * @param unprepared the error's details
   * @param error the UNPREPARED error, added to a failure of the PREPARE
   * @param timeout the PREPARE's timeout, or null for none
   * @param then told null once prepared, or the failure
   */
  public static void reprepare(
      Connection connection,
      Prepare prepare,
      PreparedStatement statement,
      DbError.Unprepared unprepared,
      DbException error,
      Duration timeout,
      Consumer<Throwable> then) {
    connection
        .send(prepare, timeout == null ? Duration.ZERO : timeout)
        .whenComplete(
            (response, prepareError) -> {
              if (prepareError != null) {
                Throwable cause = BlockingCalls.unwrap(prepareError);
                cause.addSuppressed(error);
                then.accept(cause);
                return;
              }
              if (response.message() instanceof PreparedResult p
                  && statement != null
                  && Arrays.equals(p.id(), unprepared.id())) {
                PreparedStatements.access()
                    .updateResultMetadata(statement, p.resultMetadataId(), p.resultMetadata());
              }
              ReferenceCountUtil.release(response.message());
              then.accept(null);
            });
  }
}
