package org.cql4j.session.internal.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.cql4j.session.observability.LatencySnapshot;
import org.cql4j.session.observability.LatencyWindow;

/**
 * Latencies of one session or node: an HdrHistogram {@link SingleWriterRecorder} per recording
 * thread (wait-free and allocation-free, and no cache line shared with another thread: the event
 * loops record without contending), drained into the minute in progress, the minute before it and
 * the lifetime by the metrics tick and by readers. Histograms resize to the latencies seen, so an
 * idle node costs little memory. Thread-safe: recording is lock-free, draining and reading lock
 * this.
 */
final class LatencyWindows {
  private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);
  private static final int DIGITS = 2;

  private final List<ThreadRecorder> recorders = new CopyOnWriteArrayList<>();
  private final ThreadLocal<SingleWriterRecorder> local =
      ThreadLocal.withInitial(
          () -> {
            ThreadRecorder recorder = new ThreadRecorder(new SingleWriterRecorder(DIGITS));
            recorders.add(recorder);
            return recorder.recorder;
          });
  // guarded by this
  private Histogram current = new Histogram(DIGITS);
  private Histogram previous = new Histogram(DIGITS);
  private final Histogram lifetime = new Histogram(DIGITS);

  /**
   * Records one latency, on the calling thread's recorder.
   *
   * @param nanos the latency
   */
  void record(long nanos) {
    local.get().recordValue(Math.max(1, Math.min(nanos / 1_000, MAX_MICROS)));
  }

  /** How many latencies were recorded in all. */
  synchronized long count() {
    drain();
    return lifetime.getTotalCount();
  }

  /** The minute in progress ends: it becomes the previous one. On the metrics tick. */
  synchronized void rotate() {
    drain();
    Histogram ended = current;
    current = previous;
    current.reset();
    previous = ended;
  }

  /** A copy of a window. */
  synchronized LatencySnapshot snapshot(LatencyWindow window) {
    drain();
    Histogram copy;
    if (window == LatencyWindow.LIFETIME) {
      copy = lifetime.copy();
    } else {
      copy = current.copy();
      copy.add(previous);
    }
    return new Snapshot(copy);
  }

  // under the lock: what was recorded since the last drain goes to the minute and the lifetime
  private void drain() {
    for (ThreadRecorder r : recorders) {
      Histogram interval = r.recorder.getIntervalHistogram(r.spare);
      r.spare = interval; // a recorder takes back only the histograms it gave
      if (interval.getTotalCount() > 0) {
        current.add(interval);
        lifetime.add(interval);
      }
    }
  }

  // one thread's recorder, with the histogram it gave last, to recycle at the next drain
  private static final class ThreadRecorder {
    final SingleWriterRecorder recorder;
    Histogram spare; // guarded by the windows' lock

    ThreadRecorder(SingleWriterRecorder recorder) {
      this.recorder = recorder;
    }
  }

  private record Snapshot(Histogram h) implements LatencySnapshot {
    private static final double MICROS_PER_MS = 1_000.0;

    @Override
    public long count() {
      return h.getTotalCount();
    }

    @Override
    public double averageMs() {
      return h.getTotalCount() == 0 ? 0 : h.getMean() / MICROS_PER_MS;
    }

    @Override
    public double maxMs() {
      return h.getTotalCount() == 0 ? 0 : h.getMaxValue() / MICROS_PER_MS;
    }

    @Override
    public double percentileMs(double percentile) {
      if (percentile < 0 || percentile > 100) {
        throw new IllegalArgumentException("a percentile is between 0 and 100, got " + percentile);
      }
      return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / MICROS_PER_MS;
    }
  }
}
