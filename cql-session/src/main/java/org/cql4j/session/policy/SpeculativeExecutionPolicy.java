package org.cql4j.session.policy;

import java.time.Duration;

/**
 * Decides whether the session sends extra copies of a slow idempotent request to other nodes, to
 * cut tail latency; implementations must be thread-safe. The first answer wins, the others are
 * discarded.
 *
 * <p>Only idempotent statements are executed speculatively. After each {@link #delay} without an
 * answer, the session sends one more execution to the next node of the plan, up to {@link
 * #maxSpeculativeExecutions}.
 */
public interface SpeculativeExecutionPolicy {

  /**
   * How many executions may be started in addition to the first one. Thread-safe.
   *
   * @param context what is known about the request and the recent latencies
   * @return zero or more
   */
  int maxSpeculativeExecutions(SpeculativeExecutionContext context);

  /**
   * How long to wait for an answer before starting the next execution. Thread-safe.
   *
   * @param context what is known about the request and the recent latencies
   * @return a positive delay
   */
  Duration delay(SpeculativeExecutionContext context);
}
