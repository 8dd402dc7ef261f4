package org.cql4j.session.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits {@code base}, then twice as long after each failed attempt, up to {@code max}, each delay
 * varied by ±15% so that many clients do not retry in lockstep. Immutable and thread-safe.
 */
public final class ExponentialReconnectionPolicy implements ReconnectionPolicy {
  /** The default: from 500 ms to 16 s. */
  public static final ExponentialReconnectionPolicy DEFAULT =
      new ExponentialReconnectionPolicy(Duration.ofMillis(500), Duration.ofSeconds(16));

  private final long baseNanos;
  private final long maxNanos;

  /**
   * Creates the policy.
   *
   * @param base the first delay, positive
   * @param max the longest delay, at least {@code base}
   */
  public ExponentialReconnectionPolicy(Duration base, Duration max) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "need 0 < base <= max, got base " + base + " and max " + max);
    }
    this.baseNanos = base.toNanos();
    this.maxNanos = max.toNanos();
  }

  @Override
  public Schedule newSchedule() {
    return new Schedule() {
      private int failures;

      @Override
      public Duration nextDelay() {
        long delay = baseNanos << Math.min(failures, 30);
        failures++;
        delay = delay <= 0 || delay > maxNanos ? maxNanos : delay;
        double jitter = 0.85 + 0.3 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofNanos(Math.max(1, (long) (delay * jitter)));
      }
    };
  }

  @Override
  public String toString() {
    return "ExponentialReconnectionPolicy["
        + Duration.ofNanos(baseNanos)
        + " to "
        + Duration.ofNanos(maxNanos)
        + "]";
  }
}
