package org.cql4j.session.policy;

/**
 * Decides whether and where a failed request attempt is retried; implementations must be
 * thread-safe, as one instance serves every request of every session using its profile.
 *
 * <p>Per-request state (such as "already retried once") lives in the {@link RetrySession} that
 * {@link #newSession()} returns for each request.
 */
public interface RetryPolicy {

  /**
   * Starts the retry bookkeeping of one request. Thread-safe.
   *
   * @return a new session, used by that request only
   */
  RetrySession newSession();

  /**
   * The retry bookkeeping of one request; confined to that request (never used concurrently: the
   * session calls it for one failed attempt at a time).
   */
  interface RetrySession {
    /**
     * Decides what to do after a failed attempt.
     *
     * @param info the error, the idempotence and the consistency of the attempt
     * @return the decision
     */
    RetryDecision decide(RequestInfo info);

    /** Forgets past decisions, as if the session were new (used for a new page of a pager). */
    void reset();
  }
}
