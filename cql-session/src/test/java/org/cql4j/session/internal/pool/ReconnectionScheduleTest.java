package org.cql4j.session.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectionScheduleTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void doublesUpToTheMaximumWithJitterAndStartsOverAfterReset() {
    ReconnectionSchedule schedule =
        new ReconnectionSchedule(Duration.ofSeconds(1), Duration.ofSeconds(8));
    assertThat(schedule.nextDelayNanos()).isBetween(85 * SECOND / 100, 115 * SECOND / 100);
    assertThat(schedule.nextDelayNanos()).isBetween(170 * SECOND / 100, 230 * SECOND / 100);
    assertThat(schedule.nextDelayNanos()).isBetween(340 * SECOND / 100, 460 * SECOND / 100);
    for (int i = 0; i < 100; i++) {
      assertThat(schedule.nextDelayNanos()).isBetween(680 * SECOND / 100, 920 * SECOND / 100);
    }
    schedule.reset();
    assertThat(schedule.nextDelayNanos()).isBetween(85 * SECOND / 100, 115 * SECOND / 100);
  }
}
