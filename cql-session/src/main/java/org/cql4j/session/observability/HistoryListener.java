package org.cql4j.session.observability;

import java.net.InetSocketAddress;
import org.cql4j.session.policy.RetryDecision;

/**
 * Records what happened to the requests of one statement, attempt by attempt (the Rust driver's
 * {@code HistoryListener}); set with {@code statement.setHistoryListener(listener)}.
 * Implementations must be thread-safe (speculative executions log concurrently) and quick: they run
 * on the driver's event loops. {@link HistoryCollector} is the shipped one.
 *
 * <p>Ids are the listener's own: the session passes back what the listener returned.
 */
public interface HistoryListener {

  /**
   * A request starts.
   *
   * @return the request's id
   */
  long onRequestStart();

  /**
   * The request succeeded.
   *
   * @param requestId its id
   */
  void onRequestSuccess(long requestId);

  /**
   * The request failed.
   *
   * @param requestId its id
   * @param error what the caller gets
   */
  void onRequestError(long requestId, Throwable error);

  /**
   * A speculative execution (a "fiber") of the request starts.
   *
   * @param requestId the request's id
   * @return the fiber's id
   */
  long onSpeculativeFiberStart(long requestId);

  /**
   * An attempt is sent.
   *
   * @param requestId the request's id
   * @param fiberId the speculative fiber's id, or -1 for the first execution
   * @param node the node's address
   * @return the attempt's id
   */
  long onAttemptStart(long requestId, long fiberId, InetSocketAddress node);

  /**
   * The attempt succeeded.
   *
   * @param attemptId its id
   */
  void onAttemptSuccess(long attemptId);

  /**
   * The attempt failed.
   *
   * @param attemptId its id
   * @param error what it failed with
   * @param decision what the retry policy decided, or null when it was not asked (a timeout of the
   *     whole request, a re-prepare)
   */
  void onAttemptError(long attemptId, Throwable error, RetryDecision decision);
}
