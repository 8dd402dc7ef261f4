package org.cql4j.cli.stress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Records one operation's latencies with a {@link SingleWriterRecorder} per recording thread, so
 * that recording is two uncontended atomic increments and plain histogram writes, where a shared
 * {@code Recorder} costs several contended atomic operations per value. Thread-safe: any thread
 * records; one reader takes intervals.
 */
final class LatencyRecorder {
  private final long highestNanos;
  private final List<Slot> slots = new CopyOnWriteArrayList<>();
  private final ThreadLocal<SingleWriterRecorder> local =
      ThreadLocal.withInitial(this::newRecorder);
  private final Histogram interval;

  /** A thread's recorder, and the interval histogram it last gave (recycled by the next take). */
  private static final class Slot {
    final SingleWriterRecorder recorder;
    Histogram recycled;

    Slot(SingleWriterRecorder recorder) {
      this.recorder = recorder;
    }
  }

  LatencyRecorder(long highestNanos) {
    this.highestNanos = highestNanos;
    this.interval = new Histogram(1, highestNanos, 3);
  }

  private SingleWriterRecorder newRecorder() {
    SingleWriterRecorder recorder = new SingleWriterRecorder(1, highestNanos, 3);
    slots.add(new Slot(recorder));
    return recorder;
  }

  /** Records a latency, clamped to [1, highest]. */
  void record(long nanos) {
    local.get().recordValue(Math.min(Math.max(nanos, 1), highestNanos));
  }

  /**
   * The latencies recorded since the previous call, from every thread; valid until the next call.
   * Not thread-safe: one reader.
   */
  Histogram takeInterval() {
    interval.reset();
    for (Slot slot : slots) {
      // a recorder only takes back a histogram it gave out itself
      slot.recycled = slot.recorder.getIntervalHistogram(slot.recycled);
      interval.add(slot.recycled);
    }
    return interval;
  }
}
