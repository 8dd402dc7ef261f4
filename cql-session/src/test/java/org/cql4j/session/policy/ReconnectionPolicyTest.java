package org.cql4j.session.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectionPolicyTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void exponentialDoublesUpToTheMaximumWithJitterAndANewScheduleStartsOver() {
    ReconnectionPolicy policy =
        new ExponentialReconnectionPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8));
    ReconnectionPolicy.Schedule schedule = policy.newSchedule();
    assertThat(nanos(schedule)).isBetween(85 * SECOND / 100, 115 * SECOND / 100);
    assertThat(nanos(schedule)).isBetween(170 * SECOND / 100, 230 * SECOND / 100);
    assertThat(nanos(schedule)).isBetween(340 * SECOND / 100, 460 * SECOND / 100);
    for (int i = 0; i < 100; i++) {
      assertThat(nanos(schedule)).isBetween(680 * SECOND / 100, 920 * SECOND / 100);
    }
    assertThat(nanos(policy.newSchedule())).isBetween(85 * SECOND / 100, 115 * SECOND / 100);
  }

  @Test
  void constantWaitsTheSameEachTime() {
    ReconnectionPolicy.Schedule schedule =
        new ConstantReconnectionPolicy(Duration.ofMillis(250)).newSchedule();
    for (int i = 0; i < 10; i++) {
      assertThat(schedule.nextDelay()).isEqualTo(Duration.ofMillis(250));
    }
  }

  @Test
  void refusesDelaysThatAreNotPositive() {
    assertThatThrownBy(() -> new ConstantReconnectionPolicy(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ExponentialReconnectionPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long nanos(ReconnectionPolicy.Schedule schedule) {
    return schedule.nextDelay().toNanos();
  }
}
