package org.cql4j.session.internal.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void recordsOnlyOnceAPercentileWasAskedForAndAnswersFromTheLastCompleteWindow()
      throws InterruptedException {
    Latencies latencies = new Latencies();
    for (int i = 0; i < 1_000; i++) {
      latencies.record(TimeUnit.MILLISECONDS.toNanos(500)); // nobody wants them yet: dropped
    }
    assertThat(latencies.percentile(99.0)).as("nothing recorded yet").isEmpty();

    for (int i = 1; i <= 1_000; i++) {
      latencies.record(TimeUnit.MICROSECONDS.toNanos(i * 10L)); // 10 µs to 10 ms
    }
    TimeUnit.MILLISECONDS.sleep(1_100); // the window is over once a second old
    Duration p99 = latencies.percentile(99.0).orElseThrow();
    assertThat(p99).isBetween(Duration.ofMillis(9), Duration.ofMillis(11));
    assertThat(latencies.percentile(50.0).orElseThrow())
        .isBetween(Duration.ofMillis(4), Duration.ofMillis(6));
  }

  @Test
  void aWindowWithFewerThanAHundredRequestsGivesNoPercentile() throws InterruptedException {
    Latencies latencies = new Latencies();
    latencies.percentile(99.0);
    for (int i = 0; i < 99; i++) {
      latencies.record(TimeUnit.MILLISECONDS.toNanos(1));
    }
    TimeUnit.MILLISECONDS.sleep(1_100);
    assertThat(latencies.percentile(99.0)).isEmpty();
  }
}
