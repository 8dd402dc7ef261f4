package org.cql4j.session.observability;

import java.time.Duration;
import org.cql4j.session.Node;

/**
 * Told about every request of a session and each of its attempts (the Java driver's {@code
 * RequestTracker}); registered with {@code SessionBuilder.requestListener}. Implementations must be
 * thread-safe, quick and non-blocking: they run on the driver's event loops. Every method defaults
 * to doing nothing. A listener that throws is logged (once) and never fails the request.
 *
 * <p>A request runs one or more executions (the first, then speculative ones), each one or more
 * attempts (retries move to the same or the next node). Callbacks of one request may come from
 * different threads when executions overlap.
 */
public interface RequestListener {

  /**
   * A request starts, on the caller's thread.
   *
   * @param request the request
   */
  default void onStart(RequestDescription request) {}

  /**
   * The request succeeded.
   *
   * @param request the request
   * @param latency from its start to its result
   * @param coordinator the node that answered
   */
  default void onSuccess(RequestDescription request, Duration latency, Node coordinator) {}

  /**
   * The request failed.
   *
   * @param request the request
   * @param latency from its start to its failure
   * @param error what it failed with, as the caller sees it
   */
  default void onError(RequestDescription request, Duration latency, Throwable error) {}

  /**
   * An attempt is sent to a node.
   *
   * @param request the request
   * @param node the node
   * @param execution 0 for the first execution, 1 and up for speculative ones
   */
  default void onAttemptStart(RequestDescription request, Node node, int execution) {}

  /**
   * An attempt got the answer that completes the request.
   *
   * @param request the request
   * @param node the node that answered
   * @param execution the execution the attempt belongs to
   * @param latency from the attempt's sending to its answer
   */
  default void onAttemptSuccess(
      RequestDescription request, Node node, int execution, Duration latency) {}

  /**
   * An attempt failed (the retry policy then decided what comes next).
   *
   * @param request the request
   * @param node the node
   * @param execution the execution the attempt belongs to
   * @param latency from the attempt's sending to its failure
   * @param error what it failed with
   */
  default void onAttemptError(
      RequestDescription request, Node node, int execution, Duration latency, Throwable error) {}

  /**
   * A speculative execution starts because the earlier ones were slow.
   *
   * @param request the request
   * @param execution its number, 1 and up
   */
  default void onSpeculativeExecution(RequestDescription request, int execution) {}
}
