package org.cql4j.session.policy;

import java.time.Duration;

/**
 * How long the session waits before it tries again to connect to a node it lost, or to move its
 * control connection (the Rust and Java drivers' {@code ReconnectionPolicy}); implementations must
 * be thread-safe. Set with {@code SessionBuilder.reconnectionPolicy}; the default is {@link
 * ExponentialReconnectionPolicy} from 500 ms to 16 s.
 */
public interface ReconnectionPolicy {

  /**
   * Starts the delays of one series of attempts (a node's pool, the control connection), used until
   * an attempt succeeds. Thread-safe.
   *
   * @return a new schedule
   */
  Schedule newSchedule();

  /** The delays of one series of attempts; confined to its owner (one pool or the control). */
  interface Schedule {
    /**
     * The delay before the next attempt; each call counts one more failed attempt.
     *
     * @return a positive delay
     */
    Duration nextDelay();
  }
}
