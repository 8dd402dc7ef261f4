package org.cql4j.session.policy;

/** A retry policy that never retries: every error reaches the caller. Immutable and thread-safe. */
public final class FallthroughRetryPolicy implements RetryPolicy {
  /** The shared instance. */
  public static final FallthroughRetryPolicy INSTANCE = new FallthroughRetryPolicy();

  private static final RetrySession SESSION =
      new RetrySession() {
        @Override
        public RetryDecision decide(RequestInfo info) {
          return RetryDecision.DONT_RETRY;
        }
      };

  private FallthroughRetryPolicy() {}

  @Override
  public RetrySession newSession() {
    return SESSION;
  }
}
