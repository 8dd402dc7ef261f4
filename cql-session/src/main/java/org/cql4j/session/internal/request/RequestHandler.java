package org.cql4j.session.internal.request;

import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.protocol.message.Request;
import org.cql4j.protocol.message.Result;
import org.cql4j.protocol.message.SchemaChangeResult;
import org.cql4j.protocol.message.SetKeyspaceResult;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.session.ClusterState;
import org.cql4j.session.Node;
import org.cql4j.session.QueryPage;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.internal.cluster.Cluster;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ResponseCallback;
import org.cql4j.session.internal.metadata.FrozenColumns;
import org.cql4j.session.internal.policy.QueryPlan;
import org.cql4j.session.internal.pool.NodeConnectionPool;
import org.cql4j.session.internal.profile.EffectiveSettings;
import org.cql4j.session.internal.result.QueryResults;
import org.cql4j.session.internal.session.BlockingCalls;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.cql4j.session.policy.LoadBalancingPolicy;
import org.cql4j.session.policy.RequestInfo;
import org.cql4j.session.policy.RetryDecision;
import org.cql4j.session.policy.RetryPolicy;
import org.cql4j.session.policy.RoutingInfo;
import org.cql4j.session.statement.PreparedStatement;

/**
 * Runs one request to completion: walks the load-balancing plan lazily, sends to the first node
 * with an open connection, and on an error asks the retry policy whether to try the same node, the
 * next one, or give up. An UNPREPARED error (the node restarted or evicted the statement) is
 * answered by preparing the statement on that connection and sending again, which does not count as
 * a retry. Confined to one request: callbacks run one after the other on the event loop of the
 * connection that answered.
 *
 * <p>The request timeout covers the whole request, retries included: each attempt gets what is left
 * of it.
 */
public final class RequestHandler<T> implements ResponseCallback {
  private static final int DESCRIPTION_LENGTH = 120;
  private static final long FIRST_ATTEMPT_GRACE_NANOS = 1_000_000;
  private final Cluster cluster;
  private final EffectiveSettings settings;
  private final PreparedStatement prepared;
  private final Function<byte[], String> cqlOfBatchId;
  private final String kind;
  private final String cql;
  private final Function<QueryPage, CompletableFuture<QueryPage>> sessionChange;
  private final Function<QueryPage, T> finish;
  private final RoutingInfo routing;
  private final ClusterState clusterState;
  private final LoadBalancingPolicy balancing;
  private final long startNanos = System.nanoTime();
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private RetryPolicy.RetrySession retry; // created by the first error
  private Map<Node, Throwable> errors;
  private boolean picked;
  private Node pickedNode;
  private QueryPlan fallback; // built only when the picked node fails
  private volatile Node coordinator;
  private Consistency consistency;
  private Request message;
  // the attempt in flight (one at a time)
  private Node attemptNode;
  private Connection attemptConnection;

  /**
   * Prepares a request; {@link #run()} starts it.
   *
   * @param cluster the cluster (pools and topology)
   * @param settings the request's effective settings
   * @param routing what the load-balancing policy sees
   * @param message the message, at the settings' consistency
   * @param prepared the prepared statement of an EXECUTE (its result columns decode rows sent
   *     without metadata), else null
   * @param cqlOfBatchId the CQL text of a prepared id of a batch, to re-prepare after UNPREPARED;
   *     null when the request is not a batch of prepared statements
   * @param kind the request kind for error messages: {@code "QUERY"}, {@code "EXECUTE"}...
   * @param cql the request's CQL text for error messages, or a summary (a batch)
   * @param sessionChange applied to a SET_KEYSPACE or SCHEMA_CHANGE result before the request
   *     completes (switching keyspaces, awaiting schema agreement); other results skip it
   * @param finish what the request completes with, from the page (a static method reference costs
   *     no allocation)
   */
  public RequestHandler(
      Cluster cluster,
      EffectiveSettings settings,
      RoutingInfo routing,
      Request message,
      PreparedStatement prepared,
      Function<byte[], String> cqlOfBatchId,
      String kind,
      String cql,
      Function<QueryPage, CompletableFuture<QueryPage>> sessionChange,
      Function<QueryPage, T> finish) {
    this.cluster = cluster;
    this.settings = settings;
    this.routing = routing;
    this.message = message;
    this.prepared = prepared;
    this.cqlOfBatchId = cqlOfBatchId;
    this.kind = kind;
    this.cql = cql;
    this.sessionChange = sessionChange;
    this.finish = finish;
    this.balancing = settings.loadBalancingPolicy();
    this.clusterState = cluster.state();
    this.consistency = settings.consistency();
  }

  /**
   * Starts the request.
   *
   * @return completes with the finished page on the event loop of the answering connection; fails
   *     with the server's {@link DbException}, a {@link RequestTimeoutException}, a {@link
   *     NoHostAvailableException} when every node of the plan failed, or a serialization error
   */
  public CompletableFuture<T> run() {
    try {
      sendToNextNode();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /** The node that answered, once the request succeeded; null before or after a failure. */
  public Node coordinator() {
    return coordinator;
  }

  private void sendToNextNode() {
    if (!picked) {
      // the policy's first choice, without a plan object: most requests end on it
      picked = true;
      pickedNode = balancing.pick(routing, clusterState);
      if (pickedNode != null && trySend(pickedNode)) {
        return;
      }
    }
    if (fallback == null) {
      fallback = QueryPlan.after(balancing, routing, clusterState, pickedNode);
    }
    while (fallback.hasNext()) {
      if (trySend(fallback.next())) {
        return;
      }
    }
    result.completeExceptionally(
        errors == null
            ? new NoHostAvailableException(
                description() + ": the load-balancing policy planned no node", Map.of())
            : new NoHostAvailableException(description(), errors));
  }

  private boolean trySend(Node node) {
    NodeConnectionPool pool = cluster.pool(node);
    Connection connection = pool == null ? null : pool.connection();
    if (connection == null) {
      recordError(node, noConnection(node, pool));
      return false;
    }
    send(node, connection);
    return true;
  }

  private void send(Node node, Connection connection) {
    Duration remaining = remaining();
    if (remaining != null && (remaining.isNegative() || remaining.isZero())) {
      result.completeExceptionally(timedOut());
      return;
    }
    attemptNode = node;
    attemptConnection = connection;
    connection.send(
        message, settings.tracing(), Map.of(), remaining == null ? Duration.ZERO : remaining, this);
  }

  /** The attempt's response; on the connection's event loop. */
  @Override
  public void onResponse(ResponseEnvelope response) {
    onResponse(attemptNode, response);
  }

  /** The attempt failed; on the connection's event loop or the sending thread. */
  @Override
  public void onFailure(Throwable error) {
    onError(attemptNode, attemptConnection, BlockingCalls.unwrap(error));
  }

  private void onResponse(Node node, ResponseEnvelope response) {
    if (!(response.message() instanceof Result protocolResult)) {
      ReferenceCountUtil.release(response.message());
      onError(node, null, new ConnectionException("unexpected response " + response.message()));
      return;
    }
    try {
      QueryPage page =
          QueryResults.page(
              protocolResult,
              prepared == null ? null : prepared.resultColumns(),
              response.warnings(),
              response.tracingId());
      coordinator = node;
      balancing.onRequestSuccess(routing, elapsed(), node);
      if (protocolResult instanceof SchemaChangeResult change) {
        cluster.frozenColumns().forget(change.change());
      }
      if (protocolResult instanceof SetKeyspaceResult
          || protocolResult instanceof SchemaChangeResult) {
        sessionChange
            .apply(page)
            .whenComplete(
                (p, e) -> {
                  if (e == null) {
                    complete(p);
                  } else {
                    result.completeExceptionally(e);
                  }
                });
      } else {
        completeWithFrozenColumns(page);
      }
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  // rows decode a null collection by whether its column is frozen, which only the schema says
  private void completeWithFrozenColumns(QueryPage page) {
    List<ColumnSpec> columns = QueryResults.columnsOf(page);
    FrozenColumns frozen = cluster.frozenColumns();
    List<ColumnSpec> marked = columns == null ? columns : frozen.resolveNow(columns);
    if (marked == columns) {
      complete(page);
    } else if (marked != null) {
      complete(QueryResults.withColumns(page, marked));
    } else {
      frozen.resolve(columns).thenAccept(m -> complete(QueryResults.withColumns(page, m)));
    }
  }

  private void onError(Node node, Connection connection, Throwable error) {
    if (error instanceof RequestTimeoutException) {
      result.completeExceptionally(timedOut());
      return;
    }
    if (error instanceof DbException db
        && db.error() instanceof DbError.Unprepared unprepared
        && (prepared != null || cqlOfBatchId != null)
        && connection != null) {
      reprepareAndResend(node, connection, unprepared, db);
      return;
    }
    balancing.onRequestFailure(routing, elapsed(), node, error);
    RetryDecision decision;
    try {
      if (retry == null) {
        retry = settings.retryPolicy().newSession();
      }
      decision = retry.decide(new RequestInfo(error, settings.idempotent(), consistency));
    } catch (RuntimeException e) {
      e.addSuppressed(error);
      result.completeExceptionally(e);
      return;
    }
    if (decision instanceof RetryDecision.RetrySameTarget same) {
      rebuildAt(same.consistency());
      NodeConnectionPool pool = cluster.pool(node);
      Connection again = pool == null ? null : pool.connection();
      if (again != null) {
        send(node, again);
      } else {
        recordError(node, error);
        sendToNextNode();
      }
    } else if (decision instanceof RetryDecision.RetryNextTarget next) {
      rebuildAt(next.consistency());
      recordError(node, error);
      sendToNextNode();
    } else if (decision instanceof RetryDecision.IgnoreWriteError) {
      complete(QueryResults.page(VoidResult.INSTANCE, null, List.of(), null));
    } else {
      result.completeExceptionally(error);
    }
  }

  private void rebuildAt(Consistency newConsistency) {
    if (newConsistency != null && newConsistency != consistency) {
      consistency = newConsistency;
      message = RequestMessages.atConsistency(message, consistency);
    }
  }

  private void reprepareAndResend(
      Node node, Connection connection, DbError.Unprepared unprepared, DbException error) {
    String cql = prepared != null ? prepared.cql() : cqlOfBatchId.apply(unprepared.id());
    if (cql == null) {
      result.completeExceptionally(error);
      return;
    }
    Duration remaining = remaining();
    connection
        .send(new Prepare(cql), remaining == null ? Duration.ZERO : remaining)
        .whenComplete(
            (response, prepareError) -> {
              if (prepareError != null) {
                Throwable cause = BlockingCalls.unwrap(prepareError);
                cause.addSuppressed(error);
                onError(node, null, cause);
                return;
              }
              if (response.message() instanceof PreparedResult p
                  && prepared != null
                  && Arrays.equals(p.id(), unprepared.id())) {
                PreparedStatements.access()
                    .updateResultMetadata(prepared, p.resultMetadataId(), p.resultMetadata());
              }
              ReferenceCountUtil.release(response.message());
              send(node, connection);
            });
  }

  private void complete(QueryPage page) {
    T finished;
    try {
      finished = finish.apply(page);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    result.complete(finished);
  }

  private void recordError(Node node, Throwable error) {
    if (errors == null) {
      errors = new LinkedHashMap<>();
    }
    errors.put(node, error);
  }

  // built only when an error needs it: a request that succeeds never formats its CQL
  private String description() {
    String oneLine = cql.strip().replaceAll("\\s+", " ");
    return kind
        + " "
        + (oneLine.length() <= DESCRIPTION_LENGTH
            ? oneLine
            : oneLine.substring(0, DESCRIPTION_LENGTH) + "...");
  }

  private Duration remaining() {
    Duration timeout = settings.requestTimeout();
    if (timeout == null) {
      return null;
    }
    long elapsed = System.nanoTime() - startNanos;
    // the first attempt starts microseconds after the request: give it the whole timeout rather
    // than allocate two Durations per request
    return elapsed < FIRST_ATTEMPT_GRACE_NANOS ? timeout : timeout.minusNanos(elapsed);
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private RequestTimeoutException timedOut() {
    return RequestTimeoutException.after(description(), settings.requestTimeout());
  }

  private static Throwable noConnection(Node node, NodeConnectionPool pool) {
    Throwable last = pool == null ? null : pool.lastError();
    return new ConnectionException(
        "no open connection to "
            + node
            + (last == null ? "" : " (last error: " + last.getMessage() + ")"),
        last);
  }
}
