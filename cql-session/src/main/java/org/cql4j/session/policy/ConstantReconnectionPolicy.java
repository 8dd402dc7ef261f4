package org.cql4j.session.policy;

import java.time.Duration;
import java.util.Objects;

/** Waits the same delay before every attempt. Immutable and thread-safe. */
public final class ConstantReconnectionPolicy implements ReconnectionPolicy {
  private final Duration delay;

  /**
   * Creates the policy.
   *
   * @param delay the delay between attempts, positive
   */
  public ConstantReconnectionPolicy(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.isZero()) {
      throw new IllegalArgumentException("delay must be positive, got " + delay);
    }
    this.delay = delay;
  }

  @Override
  public Schedule newSchedule() {
    return () -> delay;
  }

  @Override
  public String toString() {
    return "ConstantReconnectionPolicy[" + delay + "]";
  }
}
