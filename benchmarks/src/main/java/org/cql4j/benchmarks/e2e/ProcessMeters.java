package org.cql4j.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads this JVM's CPU time and the bytes allocated by each of its threads; not thread-safe (one
 * caller takes snapshots).
 *
 * <p>CPU time is {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime} (all threads,
 * user and system, including GC and JIT). Allocation is the sum of {@code
 * com.sun.management.ThreadMXBean#getThreadAllocatedBytes} over live threads, taken per thread id
 * so that a thread started during the interval counts from zero; a thread that dies during the
 * interval takes its allocation with it, which {@link Delta#threadsDied()} reports.
 */
final class ProcessMeters {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** The process's meters at one instant. */
  record Snapshot(long nanoTime, long cpuNanos, Map<Long, Long> allocatedByThread) {}

  /**
   * The change between two snapshots.
   *
   * @param elapsedNanos wall-clock time
   * @param cpuNanos process CPU time
   * @param allocatedBytes bytes allocated by the threads alive at the end
   * @param threadsDied threads alive at the start and gone at the end (allocation not counted)
   */
  record Delta(long elapsedNanos, long cpuNanos, long allocatedBytes, int threadsDied) {}

  ProcessMeters() {
    if (!threads.isThreadAllocatedMemorySupported()) {
      throw new IllegalStateException("This JVM cannot measure per-thread allocation");
    }
    threads.setThreadAllocatedMemoryEnabled(true);
  }

  Snapshot snapshot() {
    long[] ids = threads.getAllThreadIds();
    long[] bytes = threads.getThreadAllocatedBytes(ids);
    Map<Long, Long> byThread = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) {
        byThread.put(ids[i], bytes[i]);
      }
    }
    return new Snapshot(System.nanoTime(), os.getProcessCpuTime(), byThread);
  }

  static Delta between(Snapshot before, Snapshot after) {
    long allocated = 0;
    for (Map.Entry<Long, Long> e : after.allocatedByThread().entrySet()) {
      allocated += e.getValue() - before.allocatedByThread().getOrDefault(e.getKey(), 0L);
    }
    int died = 0;
    for (Long id : before.allocatedByThread().keySet()) {
      if (!after.allocatedByThread().containsKey(id)) {
        died++;
      }
    }
    return new Delta(
        after.nanoTime() - before.nanoTime(),
        after.cpuNanos() - before.cpuNanos(),
        allocated,
        died);
  }
}
