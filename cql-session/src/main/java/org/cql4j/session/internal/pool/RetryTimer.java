package org.cql4j.session.internal.pool;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.cql4j.session.policy.ReconnectionPolicy;

/**
 * When one node's pool tries again after a failure: one pending retry at a time, after the
 * reconnection policy's next delay, the delays growing until {@link #reset} (a connection opened,
 * or the node was reported up). Not thread-safe: the pool calls it under its lock, and the retry
 * task it schedules takes that lock to call {@link #fired}.
 */
final class RetryTimer {
  private final ScheduledExecutorService scheduler;
  private final ReconnectionPolicy policy;
  private ScheduledFuture<?> pending;
  private ReconnectionPolicy.Schedule backoff;

  /**
   * Creates a timer with nothing scheduled.
   *
   * @param scheduler runs the retries
   * @param policy gives the delays
   */
  RetryTimer(ScheduledExecutorService scheduler, ReconnectionPolicy policy) {
    this.scheduler = scheduler;
    this.policy = policy;
  }

  /**
   * Schedules a retry after the next delay, unless one is pending already.
   *
   * @param retry what to run; it must call {@link #fired} under the pool's lock
   */
  void schedule(Runnable retry) {
    if (pending != null) {
      return;
    }
    if (backoff == null) {
      backoff = policy.newSchedule();
    }
    pending = scheduler.schedule(retry, backoff.nextDelay().toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The pending retry runs: another may be scheduled. */
  void fired() {
    pending = null;
  }

  /** Cancels the pending retry, if any. */
  void cancel() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  /** Starts the delays anew at the next failure. */
  void reset() {
    backoff = null;
  }

  @Override
  public String toString() {
    return "RetryTimer[" + (pending == null ? "idle" : "pending") + "]";
  }
}
