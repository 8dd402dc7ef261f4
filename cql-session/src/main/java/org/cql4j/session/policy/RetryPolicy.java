package org.cql4j.session.policy;

/**
 * Decides whether and where a failed request attempt is retried; implementations must be
 * thread-safe, as one instance serves every request of every session using its profile.
 *
 * <p>Per-execution state (such as "already retried once") lives in the {@link RetrySession} that
 * {@link #newSession()} returns for each execution of a request: the first one and each speculative
 * execution have their own, as in the Rust driver, so "once" is once per execution.
 */
public interface RetryPolicy {

  /**
   * Starts the retry bookkeeping of one execution of a request. Thread-safe.
   *
   * @return a new session, used by that execution only
   */
  RetrySession newSession();

  /**
   * The retry bookkeeping of one execution; confined to it (never used concurrently: the session
   * calls it for one failed attempt at a time).
   */
  interface RetrySession {
    /**
     * Decides what to do after a failed attempt.
     *
     * @param info the error, the idempotence and the consistency of the attempt
     * @return the decision
     */
    RetryDecision decide(RequestInfo info);
  }
}
