package org.cql4j.cli.stress;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  @Test
  void intervalsGatherEveryThreadsLatenciesOnce() throws Exception {
    LatencyRecorder recorder = new LatencyRecorder(1_000_000_000L);
    for (int round = 1; round <= 3; round++) {
      Thread[] threads = new Thread[3];
      for (int t = 0; t < threads.length; t++) {
        long value = (t + 1) * 1000L;
        threads[t] =
            new Thread(
                () -> {
                  for (int i = 0; i < 1000; i++) {
                    recorder.record(value);
                  }
                });
        threads[t].start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      Histogram interval = recorder.takeInterval();
      assertThat(interval.getTotalCount()).as("round " + round).isEqualTo(3 * 1000);
      assertThat(interval.getMaxValue()).isBetween(3 * 1000L, 3 * 1001L);
      assertThat(recorder.takeInterval().getTotalCount()).as("taken once").isZero();
    }
  }

  @Test
  void latenciesAreClampedToTheRange() {
    LatencyRecorder recorder = new LatencyRecorder(1_000_000L);
    recorder.record(0);
    recorder.record(5_000_000L);
    Histogram interval = recorder.takeInterval();
    assertThat(interval.getMinValue()).isEqualTo(1);
    assertThat(interval.getMaxValue()).isBetween(999_000L, 1_000_500L);
  }
}
