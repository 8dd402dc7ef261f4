package org.cql4j.session.internal.request;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.Prepare;
import org.cql4j.protocol.message.Request;
import org.cql4j.protocol.message.VoidResult;
import org.cql4j.session.Node;
import org.cql4j.session.QueryPage;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.context.SessionContext;
import org.cql4j.session.internal.metadata.DefaultClusterState;
import org.cql4j.session.internal.policy.QueryPlan;
import org.cql4j.session.internal.pool.NodeConnectionPool;
import org.cql4j.session.internal.prepare.Preparer;
import org.cql4j.session.internal.profile.EffectiveSettings;
import org.cql4j.session.internal.result.QueryResults;
import org.cql4j.session.internal.routing.Routing;
import org.cql4j.session.internal.routing.SerializedValues;
import org.cql4j.session.internal.statement.PreparedStatements;
import org.cql4j.session.observability.QueryKind;
import org.cql4j.session.observability.RequestDescription;
import org.cql4j.session.policy.NoSpeculativeExecution;
import org.cql4j.session.policy.RoutingInfo;
import org.cql4j.session.policy.SpeculativeExecutionContext;
import org.cql4j.session.policy.SpeculativeExecutionPolicy;
import org.cql4j.session.statement.PreparedStatement;

/**
 * One request to completion: the user's future, the request timeout, the load-balancing plan its
 * executions share, and the speculative executions. Thread-safe: its first execution is itself (see
 * {@link Execution}); speculative executions run concurrently on other event loops, so the plan,
 * the errors and the execution count are guarded by this object's lock, and completion happens
 * once, first answer wins.
 *
 * <p>The request timeout covers the whole request, retries and speculative executions included:
 * each attempt gets what is left of it. Speculative executions start, for idempotent requests only,
 * after the policy's delay without an answer, up to its maximum; the first answer completes the
 * request, and the answers of the others free their stream ids when they arrive (they are not
 * orphans). The request fails at once when the retry policy decides not to retry an error, and with
 * a {@link NoHostAvailableException} when every execution ran out of nodes.
 *
 * @param <T> what the request completes with
 */
public final class CqlRequest<T> extends Execution
    implements RequestDescription,
        SpeculativeExecutionContext,
        SpeculativeTimers.Target,
        ConcurrencyLimiter.Waiter,
        RequestFuture.Owner {
  private static final long FIRST_ATTEMPT_GRACE_NANOS = 1_000_000;

  final SessionContext context;
  final EffectiveSettings settings;
  final RoutingInfo routing;
  private final Request message;
  private final PreparedStatement prepared;
  private final SerializedValues values;
  private final Function<byte[], Prepare> prepareOfBatchId;
  private final Function<QueryPage, T> finish;
  private final DefaultClusterState clusterState;
  private final History history;
  private final long startNanos = System.nanoTime();
  private final CompletableFuture<T> result = new RequestFuture<>(this);
  // guarded by this
  private boolean picked;
  private Node pickedNode;
  private QueryPlan fallback;
  private Map<Node, Throwable> errors;
  private int running = 1;
  private int started = 1;
  private SpeculativeTimers.Timer speculativeTimer;
  private Throwable lastError;
  private boolean done;
  private boolean holdsPermit; // of the session's ConcurrencyLimiter
  // read by the caller once the request completed
  private volatile Node coordinator;
  private volatile Connection answeredOn;

  /**
   * Prepares a request; {@link #run()} starts it.
   *
   * @param context the session's components
   * @param settings the request's effective settings
   * @param message the message, at the settings' consistency: a QUERY, EXECUTE, BATCH or PREPARE
   * @param prepared the prepared statement of an EXECUTE (its result columns decode rows sent
   *     without metadata, its keyspace routes), else null
   * @param values the EXECUTE's values, serialized before routing when the statement binds its
   *     partition key (their token routes the request), else null; owned by the request from now
   *     on, released when it completes and no attempt is being written
   * @param prepareOfBatchId the PREPARE (text and keyspace) of a prepared id of a batch, to
   *     re-prepare after UNPREPARED; null when the request is not a batch of prepared statements
   * @param finish what the request completes with, from the page (a static method reference costs
   *     no allocation)
   */
  public CqlRequest(
      SessionContext context,
      EffectiveSettings settings,
      Request message,
      PreparedStatement prepared,
      SerializedValues values,
      Function<byte[], Prepare> prepareOfBatchId,
      Function<QueryPage, T> finish) {
    super(null, 0, message, settings.consistency());
    this.context = context;
    this.settings = settings;
    this.message = message;
    this.prepared = prepared;
    this.values = values;
    this.prepareOfBatchId = prepareOfBatchId;
    this.finish = finish;
    this.clusterState = context.metadata().state();
    this.routing =
        Routing.of(context, settings, prepared, values, RequestMessages.keyspaceOf(message));
    this.history = History.of(settings.history());
  }

  /**
   * Starts the request.
   *
   * @param kind the kind of call it serves, for the metrics
   * @return completes with the finished page on the event loop of the answering connection; fails
   *     with the server's {@link DbException}, a {@link RequestTimeoutException}, a {@link
   *     NoHostAvailableException} when every node of the plan failed, or a serialization error
   */
  public CompletableFuture<T> run(QueryKind kind) {
    context.metrics().requestStarted(kind);
    if (!observers().isEmpty()) {
      observers().onStart(this);
    }
    ConcurrencyLimiter limiter = context.limiter();
    if (limiter != null) {
      switch (limiter.admit(this)) {
        case QUEUED:
          return result;
        case REJECTED:
          fail(limiter.refusal());
          return result;
        default:
          synchronized (this) {
            holdsPermit = true;
          }
      }
    }
    begin();
    return result;
  }

  /** A request that waited for a permit of the session's limiter starts (or gives it back). */
  @Override
  public void admitted() {
    boolean start;
    synchronized (this) {
      start = !done;
      holdsPermit = start;
    }
    if (start) {
      begin(); // its timeout counts from its submission: the first attempt checks what is left
    } else {
      context.limiter().release();
    }
  }

  private void begin() {
    try {
      start();
      if (settings.idempotent()
          && !(settings.speculativeExecutionPolicy() instanceof NoSpeculativeExecution)) {
        scheduleSpeculative();
      }
    } catch (RuntimeException e) {
      fail(e);
    }
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

  // ---- what executions share ----

  Observers observers() {
    return context.observers();
  }

  History history() {
    return history;
  }

  boolean isDone() {
    return result.isDone();
  }

  synchronized Node nextNode() {
    if (!picked) {
      // the policy's first choice, without a plan object: most requests end on it
      picked = true;
      pickedNode = settings.loadBalancingPolicy().pick(routing, clusterState);
      if (pickedNode != null) {
        return pickedNode;
      }
    }
    if (fallback == null) {
      fallback = QueryPlan.after(settings.loadBalancingPolicy(), routing, clusterState, pickedNode);
    }
    return fallback.hasNext() ? fallback.next() : null;
  }

  synchronized void recordError(Node node, Throwable error) {
    if (errors == null) {
      errors = new LinkedHashMap<>();
    }
    errors.put(node, error);
  }

  // a known tablet names the shard of each replica; else the token's shard, or any connection
  Connection connectionFor(NodeConnectionPool pool, Node node) {
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

  /**
   * Keeps the serialized values alive while an attempt's frame is encoded from them.
   *
   * @return false when the request completed and released them: do not send
   */
  boolean beginSend() {
    return values == null ? !isDone() : values.tryRetain();
  }

  void endSend() {
    if (values != null) {
      values.release();
    }
  }

  Duration remaining() {
    Duration timeout = settings.requestTimeout();
    if (timeout == null) {
      return null;
    }
    long elapsed = System.nanoTime() - startNanos;
    // the first attempt starts microseconds after the request: give it the whole timeout rather
    // than allocate two Durations per request
    return elapsed < FIRST_ATTEMPT_GRACE_NANOS ? timeout : timeout.minusNanos(elapsed);
  }

  void timedOut() {
    fail(RequestTimeoutException.after(description(), settings.requestTimeout()));
  }

  void onRetry() {
    context.metrics().requestRetried();
  }

  boolean canReprepare() {
    return prepared != null || prepareOfBatchId != null;
  }

  void reprepare(
      Connection connection,
      DbError.Unprepared unprepared,
      DbException error,
      Consumer<Throwable> then) {
    // in the keyspace it was prepared in: the server's id depends on it
    Prepare prepare =
        prepared != null
            ? PreparedStatements.prepareAgain(prepared)
            : prepareOfBatchId.apply(unprepared.id());
    if (prepare == null) {
      fail(error);
      return;
    }
    Preparer.reprepare(connection, prepare, prepared, unprepared, error, remaining(), then);
  }

  void planExhausted() {
    Throwable error;
    synchronized (this) {
      error =
          errors == null
              ? new NoHostAvailableException(
                  description() + ": the load-balancing policy planned no node", Map.of())
              : new NoHostAvailableException(description(), errors);
    }
    executionEnded(error);
  }

  /**
   * An execution stopped without completing the request: the request fails once every execution
   * stopped.
   *
   * @param error why it gave up, or null when the request completed elsewhere
   */
  void executionEnded(Throwable error) {
    Throwable last;
    synchronized (this) {
      running--;
      if (error != null) {
        lastError = error;
      }
      if (running > 0 || done) {
        return;
      }
      last = lastError;
    }
    if (last != null) {
      fail(last);
    }
  }

  // ---- speculative executions ----

  private void scheduleSpeculative() {
    SpeculativeExecutionPolicy policy = settings.speculativeExecutionPolicy();
    int max = policy.maxSpeculativeExecutions(this);
    synchronized (this) {
      if (done || started > max) {
        return;
      }
      long delay = policy.delay(this).toNanos();
      speculativeTimer = context.speculativeTimers().arm(this, delay);
    }
  }

  @Override
  public void speculate() {
    int number;
    synchronized (this) {
      if (done) {
        return;
      }
      number = started++;
      running++;
    }
    context.metrics().speculativeExecutionStarted();
    observers().onSpeculativeExecution(this, number);
    try {
      new Execution(this, number, message, settings.consistency()).start();
      scheduleSpeculative();
    } catch (RuntimeException e) {
      fail(e); // a policy threw: as when the request starts
    }
  }

  @Override
  public RoutingInfo request() {
    return routing;
  }

  @Override
  public Optional<Duration> latencyPercentile(double percentile) {
    return context.latencies().percentile(percentile);
  }

  // ---- answers ----

  void onAnswer(Node node, Connection connection, ResponseEnvelope response) {
    Answers.handle(this, node, connection, response);
  }

  // the first answer only: two executions may answer at once on different event loops
  void answeredBy(Node node, Connection connection) {
    synchronized (this) {
      if (coordinator != null) {
        return;
      }
      coordinator = node;
      answeredOn = connection;
    }
    settings.loadBalancingPolicy().onRequestSuccess(routing, System.nanoTime() - startNanos, node);
  }

  PreparedStatement prepared() {
    return prepared;
  }

  void succeedIgnoringError(Node node) {
    synchronized (this) {
      if (coordinator == null) {
        coordinator = node;
      }
    }
    complete(QueryResults.page(VoidResult.INSTANCE, null, List.of(), null, node));
  }

  // ---- completion: once ----

  void complete(QueryPage page) {
    T finished;
    try {
      finished = finish.apply(page);
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    if (!markDone()) {
      return;
    }
    long nanos = System.nanoTime() - startNanos;
    context.latencies().record(nanos);
    context.metrics().requestSucceeded(nanos);
    if (!observers().isEmpty()) {
      observers().onSuccess(this, Duration.ofNanos(nanos), page.result().coordinator());
    }
    history.requestSuccess();
    result.complete(finished);
  }

  void fail(Throwable error) {
    if (!markDone()) {
      return;
    }
    context.metrics().requestFailed(error);
    if (!observers().isEmpty()) {
      observers().onError(this, elapsed(), error);
    }
    history.requestError(error);
    result.completeExceptionally(error);
  }

  /** The caller completed the future before the request did: release what it holds. */
  @Override
  public void futureCompleted() {
    markDone();
  }

  // the first completion wins; it stops the speculative timer and releases the values
  private boolean markDone() {
    SpeculativeTimers.Timer timer;
    boolean permit;
    synchronized (this) {
      if (done) {
        return false;
      }
      done = true;
      timer = speculativeTimer;
      permit = holdsPermit;
      holdsPermit = false;
    }
    if (permit) {
      context.limiter().release();
    }
    if (timer != null) {
      context.speculativeTimers().disarm(timer);
    }
    if (values != null) {
      values.release();
    }
    return true;
  }

  // ---- RequestDescription ----

  @Override
  public String kind() {
    return message.opcode().name();
  }

  @Override
  public String cql() {
    return RequestMessages.cqlOf(message, prepared);
  }

  @Override
  public Optional<String> keyspace() {
    return Optional.ofNullable(routing.keyspace());
  }

  @Override
  public Consistency consistency() {
    return settings.consistency();
  }

  @Override
  public RoutingInfo routing() {
    return routing;
  }

  @Override
  public boolean idempotent() {
    return settings.idempotent();
  }

  // built only when an error needs it: a request that succeeds never formats its CQL
  private String description() {
    return RequestMessages.describe(message, prepared);
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Override
  public String toString() {
    return "Request[" + description() + "]";
  }
}
