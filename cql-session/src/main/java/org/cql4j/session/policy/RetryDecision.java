package org.cql4j.session.policy;

import org.cql4j.protocol.Consistency;

/**
 * What to do after a failed request attempt. Immutable and thread-safe.
 *
 * <p>A retry may change the consistency (a downgrading policy); {@code null} keeps the request's.
 */
public sealed interface RetryDecision {

  /** Do not retry: the error reaches the caller. */
  DontRetry DONT_RETRY = new DontRetry();

  /** Retry on the same node (and shard) with the same consistency. */
  RetrySameTarget RETRY_SAME_TARGET = new RetrySameTarget(null);

  /** Retry on the next node of the query plan with the same consistency. */
  RetryNextTarget RETRY_NEXT_TARGET = new RetryNextTarget(null);

  /**
   * Send the request again to the same node.
   *
   * @param consistency the consistency for the retry, or {@code null} to keep the request's
   */
  record RetrySameTarget(Consistency consistency) implements RetryDecision {}

  /**
   * Send the request to the next node of the query plan.
   *
   * @param consistency the consistency for the retry, or {@code null} to keep the request's
   */
  record RetryNextTarget(Consistency consistency) implements RetryDecision {}

  /** Give up and return the error. */
  record DontRetry() implements RetryDecision {}

  /** Treat a write error as success: the request completes with an empty (void) result. */
  record IgnoreWriteError() implements RetryDecision {}
}
