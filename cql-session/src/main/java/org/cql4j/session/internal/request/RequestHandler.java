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
import org.cql4j.protocol.ProtocolException;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.Batch;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.message.PreparedResult;
import org.cql4j.protocol.message.Query;
import org.cql4j.protocol.message.Request;
import org.cql4j.protocol.message.Result;
import org.cql4j.protocol.message.SchemaChangeResult;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.protocol.scylla.TabletRouting;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.session.Node;
import org.cql4j.session.QueryPage;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ResponseCallback;
import org.cql4j.session.internal.context.SessionContext;
import org.cql4j.session.internal.metadata.DefaultClusterState;
import org.cql4j.session.internal.metadata.FrozenColumns;
import org.cql4j.session.internal.policy.QueryPlan;
import org.cql4j.session.internal.pool.NodeConnectionPool;
import org.cql4j.session.internal.profile.EffectiveSettings;
import org.cql4j.session.internal.result.QueryResults;
import org.cql4j.session.internal.routing.SerializedValues;
import org.cql4j.session.internal.session.BlockingCalls;
import org.cql4j.session.internal.session.SessionChanges;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.cql4j.session.policy.LoadBalancingPolicy;
import org.cql4j.session.policy.RequestInfo;
import org.cql4j.session.policy.RetryDecision;
import org.cql4j.session.policy.RetryPolicy;
import org.cql4j.session.policy.RoutingInfo;
import org.cql4j.session.statement.PreparedStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
  private static final int DESCRIPTION_LENGTH = 120;
  private static final long FIRST_ATTEMPT_GRACE_NANOS = 1_000_000;
  private final SessionContext context;
  private final EffectiveSettings settings;
  private final PreparedStatement prepared;
  private final SerializedValues values;
  private final Function<byte[], String> cqlOfBatchId;
  private final Function<QueryPage, T> finish;
  private final RoutingInfo routing;
  private final DefaultClusterState clusterState;
  private final LoadBalancingPolicy balancing;
  private final long startNanos = System.nanoTime();
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private RetryPolicy.RetrySession retry; // created by the first error
  private Map<Node, Throwable> errors;
  private boolean picked;
  private Node pickedNode;
  private QueryPlan fallback; // built only when the picked node fails
  private volatile Node coordinator;
  private volatile Connection answeredOn;
  private Consistency consistency;
  private Request message;
  // the attempt in flight (one at a time)
  private Node attemptNode;
  private Connection attemptConnection;

  /**
   * Prepares a request; {@link #run()} starts it.
   *
   * @param context the session's components
   * @param settings the request's effective settings
   * @param message the message, at the settings' consistency: a QUERY, EXECUTE, BATCH or PREPARE
   * @param prepared the prepared statement of an EXECUTE (its result columns decode rows sent
   *     without metadata, its keyspace routes), else null
   * @param values the EXECUTE's values, serialized before routing when the statement binds its
   *     partition key (their token routes the request), else null; owned by the handler from now
   *     on, released when the request completes
   * @param cqlOfBatchId the CQL text of a prepared id of a batch, to re-prepare after UNPREPARED;
   *     null when the request is not a batch of prepared statements
   * @param finish what the request completes with, from the page (a static method reference costs
   *     no allocation)
   */
  public RequestHandler(
      SessionContext context,
      EffectiveSettings settings,
      Request message,
      PreparedStatement prepared,
      SerializedValues values,
      Function<byte[], String> cqlOfBatchId,
      Function<QueryPage, T> finish) {
    this.context = context;
    this.settings = settings;
    this.message = message;
    this.prepared = prepared;
    this.values = values;
    this.cqlOfBatchId = cqlOfBatchId;
    this.finish = finish;
    this.balancing = settings.loadBalancingPolicy();
    this.clusterState = context.metadata().state();
    this.consistency = settings.consistency();
    this.routing = routing(context, settings, prepared, values);
  }

  private static RoutingInfo routing(
      SessionContext context,
      EffectiveSettings settings,
      PreparedStatement statement,
      SerializedValues values) {
    if (statement == null) {
      return RoutingInfo.withoutToken(
          context.keyspace().name().orElse(null),
          null,
          settings.consistency(),
          settings.serialConsistency(),
          false);
    }
    String keyspace = statement.keyspace().orElse(null);
    String table = statement.table().orElse(null);
    // a serial read completes any Paxos round in progress: as contended as an LWT
    boolean lwt = statement.isLwt() || settings.consistency().isSerial();
    long token = values == null ? Long.MIN_VALUE : values.token(statement.partitionKeyIndexes());
    return token == Long.MIN_VALUE
        ? RoutingInfo.withoutToken(
            keyspace != null ? keyspace : context.keyspace().name().orElse(null),
            table,
            settings.consistency(),
            settings.serialConsistency(),
            lwt)
        : RoutingInfo.withToken(
            keyspace, table, token, settings.consistency(), settings.serialConsistency(), lwt);
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
      fail(e);
    }
    return result;
  }

  /**
   * The connection that answered, once the request succeeded (its negotiated extensions tell how to
   * read the answer); null before or after a failure.
   */
  public Connection answeredOn() {
    return answeredOn;
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
    fail(
        errors == null
            ? new NoHostAvailableException(
                description() + ": the load-balancing policy planned no node", Map.of())
            : new NoHostAvailableException(description(), errors));
  }

  private boolean trySend(Node node) {
    NodeConnectionPool pool = context.pools().pool(node);
    Connection connection = pool == null ? null : connectionFor(pool, node);
    if (connection == null) {
      recordError(node, noConnection(node, pool));
      return false;
    }
    send(node, connection);
    return true;
  }

  // a known tablet names the shard of each replica; else the token's shard, or any connection
  private Connection connectionFor(NodeConnectionPool pool, Node node) {
    if (routing.hasToken()) {
      int shard =
          clusterState.tabletShard(routing.keyspace(), routing.table(), routing.tokenValue(), node);
      Connection c = shard < 0 ? null : pool.connectionToShard(shard);
      if (c != null) {
        return c;
      }
    }
    return pool.connection(routing);
  }

  private void send(Node node, Connection connection) {
    Duration remaining = remaining();
    if (remaining != null && (remaining.isNegative() || remaining.isZero())) {
      fail(timedOut());
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
    if (!response.customPayload().isEmpty()) {
      learnTablet(response.customPayload());
    }
    try {
      QueryPage page =
          QueryResults.page(
              protocolResult,
              prepared == null ? null : prepared.resultColumns(),
              response.warnings(),
              response.tracingId(),
              node);
      coordinator = node;
      answeredOn = attemptConnection;
      balancing.onRequestSuccess(routing, elapsed(), node);
      if (protocolResult instanceof SchemaChangeResult change) {
        context.frozenColumns().onSchemaChange(change.change());
      }
      if (SessionChanges.changesSession(protocolResult)) {
        context
            .sessionChanges()
            .apply(page)
            .whenComplete(
                (p, e) -> {
                  if (e == null) {
                    complete(p);
                  } else {
                    fail(e);
                  }
                });
      } else {
        completeWithFrozenColumns(page);
      }
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  // rows decode a null collection by whether its column is frozen, which only the schema says
  private void completeWithFrozenColumns(QueryPage page) {
    List<ColumnSpec> columns = QueryResults.columnsOf(page);
    FrozenColumns frozen = context.frozenColumns();
    List<ColumnSpec> marked = columns == null ? columns : frozen.resolveNow(columns);
    if (marked == columns) {
      complete(page);
    } else if (marked != null) {
      complete(QueryResults.withColumns(page, marked));
    } else {
      frozen.resolve(columns).thenAccept(m -> complete(QueryResults.withColumns(page, m)));
    }
  }

  // ScyllaDB announces the tablet of a request that reached a wrong node or shard
  private void learnTablet(Map<String, byte[]> payload) {
    try {
      TabletRouting tablet = TabletRouting.from(payload);
      if (tablet != null && routing.keyspace() != null && routing.table() != null) {
        context
            .metadata()
            .tablets()
            .add(routing.keyspace(), routing.table(), tablet, context.metadata().state());
      }
    } catch (ProtocolException e) {
      LOG.warn("ignoring a tablet announcement that does not parse: {}", e.getMessage());
    }
  }

  private void onError(Node node, Connection connection, Throwable error) {
    if (error instanceof RequestTimeoutException) {
      fail(timedOut());
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
      fail(e);
      return;
    }
    if (decision instanceof RetryDecision.RetrySameTarget same) {
      rebuildAt(same.consistency());
      NodeConnectionPool pool = context.pools().pool(node);
      Connection again = pool == null ? null : connectionFor(pool, node);
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
      complete(QueryResults.page(VoidResult.INSTANCE, null, List.of(), null, node));
    } else {
      fail(error);
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
      fail(error);
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
      fail(e);
      return;
    }
    succeed(finished);
  }

  private void succeed(T finished) {
    releaseValues();
    result.complete(finished);
  }

  private void fail(Throwable error) {
    releaseValues();
    result.completeExceptionally(error);
  }

  private void releaseValues() {
    if (values != null && !result.isDone()) {
      values.release();
    }
  }

  private void recordError(Node node, Throwable error) {
    if (errors == null) {
      errors = new LinkedHashMap<>();
    }
    errors.put(node, error);
  }

  // built only when an error needs it: a request that succeeds never formats its CQL
  private String description() {
    String cql;
    if (message instanceof Query q) {
      cql = q.query();
    } else if (message instanceof Prepare p) {
      cql = p.query();
    } else if (message instanceof Batch b) {
      cql = "of " + b.statements().size() + " statements";
    } else {
      cql = prepared == null ? "" : prepared.cql();
    }
    String oneLine = cql.strip().replaceAll("\\s+", " ");
    return message.opcode()
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
