package org.cql4j.session.internal.pool;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff between reconnection attempts: the base delay, doubled after each failure up
 * to the maximum, with ±15% jitter so that many clients do not retry in lockstep. Not thread-safe:
 * the owning pool calls it under its lock.
 */
final class ReconnectionSchedule {
  static final Duration BASE = Duration.ofMillis(500);
  static final Duration MAX = Duration.ofSeconds(16);

  private final long baseNanos;
  private final long maxNanos;
  private int failures;

  ReconnectionSchedule(Duration base, Duration max) {
    this.baseNanos = base.toNanos();
    this.maxNanos = max.toNanos();
  }

  /** The delay before the next attempt; each call counts one more failure. */
  long nextDelayNanos() {
    long delay = baseNanos << Math.min(failures, 30);
    failures++;
    delay = delay <= 0 || delay > maxNanos ? maxNanos : delay;
    double jitter = 0.85 + 0.3 * ThreadLocalRandom.current().nextDouble();
    return (long) (delay * jitter);
  }

  /** Starts over at the base delay (after a success). */
  void reset() {
    failures = 0;
  }
}
