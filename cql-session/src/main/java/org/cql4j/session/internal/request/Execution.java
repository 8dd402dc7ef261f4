package org.cql4j.session.internal.request;

import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.Map;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.Request;
import org.cql4j.session.Node;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ResponseCallback;
import org.cql4j.session.internal.pool.NodeConnectionPool;
import org.cql4j.session.internal.session.BlockingCalls;
import org.cql4j.session.policy.RequestInfo;
import org.cql4j.session.policy.RetryDecision;
import org.cql4j.session.policy.RetryPolicy;

/**
 * One execution of a request (a "fiber"): attempts sent one after the other, to the next node of
 * the request's shared plan or, when the retry policy says so, to the same node again. The first
 * execution is the request itself ({@link CqlRequest} extends this class, which saves an object per
 * request); speculative ones are separate instances. Confined to one attempt at a time: its
 * callbacks run one after the other, on the event loop of the connection that answered.
 *
 * <p>An UNPREPARED answer (the node restarted or evicted the statement) is answered by preparing
 * the statement on that connection and sending again, which does not count as a retry.
 */
class Execution implements ResponseCallback {
  private final CqlRequest<?> request;
  private final int number;
  private RetryPolicy.RetrySession retry; // created by the first error
  private Consistency consistency;
  private Request message;
  // with a history listener only: the ids of this execution's fiber and of its attempt in flight
  private long[] historyIds;
  // the attempt in flight
  private Node node;
  private Connection connection;
  private long attemptStartNanos;

  /**
   * Creates an execution; {@link #start()} sends its first attempt.
   *
   * @param request the request it belongs to; null for the request itself (its own first execution)
   * @param number 0 for the first execution, 1 and up for speculative ones
   * @param message the message, at its consistency
   * @param consistency the message's consistency
   */
  Execution(CqlRequest<?> request, int number, Request message, Consistency consistency) {
    this.request = request == null ? (CqlRequest<?>) this : request;
    this.number = number;
    this.message = message;
    this.consistency = consistency;
  }

  /** Starts the execution on the next node of the plan. */
  final void start() {
    if (request.history() != History.NONE) {
      historyIds = new long[] {-1, -1};
      if (number > 0) {
        historyIds[0] = request.history().speculativeFiberStart();
      }
    }
    sendToNextNode();
  }

  private void sendToNextNode() {
    while (!request.isDone()) {
      Node next = request.nextNode();
      if (next == null) {
        request.planExhausted();
        return;
      }
      if (trySend(next)) {
        return;
      }
    }
    request.executionEnded(null);
  }

  private boolean trySend(Node target) {
    NodeConnectionPool pool = request.context.pools().pool(target);
    Connection c = pool == null ? null : request.connectionFor(pool, target);
    if (c == null) {
      request.recordError(target, noConnection(target, pool));
      return false;
    }
    send(target, c);
    return true;
  }

  private void send(Node target, Connection c) {
    Duration remaining = request.remaining();
    if (remaining != null && (remaining.isNegative() || remaining.isZero())) {
      request.timedOut();
      return;
    }
    if (!request.beginSend()) {
      request.executionEnded(null); // the request completed meanwhile
      return;
    }
    try {
      node = target;
      connection = c;
      attemptStartNanos = System.nanoTime();
      c.counters().attemptStarted(number > 0);
      request.observers().onAttemptStart(request, target, number);
      if (historyIds != null) {
        historyIds[1] = request.history().attemptStart(historyIds[0], target);
      }
      c.send(
          message,
          request.settings.tracing(),
          Map.of(),
          remaining == null ? Duration.ZERO : remaining,
          this);
    } finally {
      request.endSend();
    }
  }

  /** A request that completed elsewhere is not written at all, if it is still queued. */
  @Override
  public final boolean isCancelled() {
    return request.isDone();
  }

  /** The attempt's response; on the connection's event loop. */
  @Override
  public final void onResponse(ResponseEnvelope response) {
    long latencyNanos = System.nanoTime() - attemptStartNanos;
    if (request.isDone()) {
      // another execution answered first: this stream id is free again, nothing to do
      connection.counters().attemptEnded();
      ReferenceCountUtil.release(response.message());
      request.executionEnded(null);
      return;
    }
    connection.counters().attemptAnswered(latencyNanos);
    if (!request.observers().isEmpty()) {
      request.observers().onAttemptSuccess(request, node, number, Duration.ofNanos(latencyNanos));
    }
    request.history().attemptSuccess(historyAttempt());
    request.onAnswer(node, connection, response);
  }

  /** The attempt failed; on the connection's event loop or the sending thread. */
  @Override
  public final void onFailure(Throwable failure) {
    Throwable error = BlockingCalls.unwrap(failure);
    if (request.isDone()) {
      connection.counters().attemptEnded();
      request.executionEnded(null);
      return;
    }
    long latencyNanos = System.nanoTime() - attemptStartNanos;
    if (!request.observers().isEmpty()) {
      request
          .observers()
          .onAttemptError(request, node, number, Duration.ofNanos(latencyNanos), error);
    }
    if (error instanceof RequestTimeoutException) {
      connection.counters().attemptFailed(error, false);
      request.history().attemptError(historyAttempt(), error, null);
      request.timedOut();
      return;
    }
    if (error instanceof DbException db
        && db.error() instanceof DbError.Unprepared unprepared
        && request.canReprepare()) {
      connection.counters().attemptFailed(error, false);
      request.history().attemptError(historyAttempt(), error, null);
      request.reprepare(connection, unprepared, db, this::resendAfterReprepare);
      return;
    }
    request
        .settings
        .loadBalancingPolicy()
        .onRequestFailure(request.routing, latencyNanos, node, error);
    RetryDecision decision;
    try {
      if (retry == null) {
        retry = request.settings.retryPolicy().newSession();
      }
      decision = retry.decide(new RequestInfo(error, request.settings.idempotent(), consistency));
    } catch (RuntimeException e) {
      e.addSuppressed(error);
      connection.counters().attemptFailed(error, false);
      request.history().attemptError(historyAttempt(), error, null);
      request.fail(e);
      return;
    }
    connection
        .counters()
        .attemptFailed(
            error,
            decision instanceof RetryDecision.RetrySameTarget
                || decision instanceof RetryDecision.RetryNextTarget);
    request.history().attemptError(historyAttempt(), error, decision);
    if (decision instanceof RetryDecision.RetrySameTarget same) {
      request.onRetry();
      rebuildAt(same.consistency());
      NodeConnectionPool pool = request.context.pools().pool(node);
      Connection again = pool == null ? null : request.connectionFor(pool, node);
      if (again != null) {
        send(node, again);
      } else {
        request.recordError(node, error);
        sendToNextNode();
      }
    } else if (decision instanceof RetryDecision.RetryNextTarget next) {
      request.onRetry();
      rebuildAt(next.consistency());
      request.recordError(node, error);
      sendToNextNode();
    } else if (decision instanceof RetryDecision.IgnoreWriteError) {
      request.succeedIgnoringError(node);
    } else {
      // the retry policy's verdict is final, as the Java driver's RETHROW: no waiting for slower
      // executions that would most likely meet the same error
      request.fail(error);
    }
  }

  // after a successful re-prepare (or its failure, then as an attempt error)
  private void resendAfterReprepare(Throwable prepareError) {
    if (prepareError != null) {
      onFailure(prepareError);
    } else {
      send(node, connection);
    }
  }

  private void rebuildAt(Consistency newConsistency) {
    if (newConsistency != null && newConsistency != consistency) {
      consistency = newConsistency;
      message = RequestMessages.atConsistency(message, consistency);
    }
  }

  private static Throwable noConnection(Node node, NodeConnectionPool pool) {
    Throwable last = pool == null ? null : pool.lastError();
    return new ConnectionException(
        "no open connection to "
            + node
            + (last == null ? "" : " (last error: " + last.getMessage() + ")"),
        last);
  }

  private long historyAttempt() {
    return historyIds == null ? -1 : historyIds[1];
  }
}
