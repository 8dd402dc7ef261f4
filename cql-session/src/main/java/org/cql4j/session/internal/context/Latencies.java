package org.cql4j.session.internal.context;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The latencies of a session's successful requests, for the percentile speculative execution
 * policy: an HdrHistogram {@link Recorder} (wait-free recording from any thread, no allocation)
 * whose interval histogram is swapped at most once a second, by whichever reader finds it stale.
 * Nothing is recorded until the first percentile is asked for (a session without a percentile
 * policy pays nothing for it). Thread-safe.
 */
public final class Latencies {
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(2);
  private static final int MIN_COUNT = 100;

  private final Recorder recorder = new Recorder(TimeUnit.MICROSECONDS.toNanos(1), MAX_NANOS, 3);
  private Histogram interval; // guarded by this
  private Histogram previous; // guarded by this: the last full interval
  private long swappedAt = System.nanoTime(); // guarded by this
  private volatile boolean wanted;

  /**
   * Records a successful request's latency.
   *
   * @param nanos how long it took
   */
  public void record(long nanos) {
    if (wanted) {
      recorder.recordValue(Math.max(1_000, Math.min(nanos, MAX_NANOS)));
    }
  }

  /**
   * A percentile of the latencies of the latest complete window: the window in progress ends here
   * once it is a second old.
   *
   * @param percentile between 0 and 100
   * @return the latency, or empty when that window holds fewer than 100 requests
   */
  public synchronized Optional<Duration> percentile(double percentile) {
    wanted = true;
    long now = System.nanoTime();
    if (now - swappedAt >= INTERVAL_NANOS) {
      interval = recorder.getIntervalHistogram(interval);
      Histogram full = interval;
      interval = previous;
      previous = full;
      swappedAt = now;
    }
    Histogram h = previous;
    return h == null || h.getTotalCount() < MIN_COUNT
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(h.getValueAtPercentile(percentile)));
  }
}
