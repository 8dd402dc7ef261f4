package org.cql4j.leakcheck;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process-wide record of Netty's leak detectors and of the leaks they reported; thread-safe.
 *
 * <p>{@link #assertNoLeaks(String, boolean)} forces detection: it runs the GC until the reference
 * handler has queued the unreachable tracked resources, makes every detector poll its queue, and
 * fails with the leaks reported since the previous call, whichever thread reported them.
 */
final class LeakRecorder {

  static final String DETECTOR_PROPERTY = "io.netty.customResourceLeakDetector";

  /** Most leaks a failure message shows in full; the rest are counted. */
  private static final int LEAKS_SHOWN = 10;

  private static final long GC_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** How long a quick check lets the reference handler finish queueing the GC's batch. */
  private static final long BATCH_PAUSE_MILLIS = 5;

  // Weak: a detector that is garbage can report nothing more (its queue went with it).
  private static final Set<RecordingLeakDetector<?>> DETECTORS =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private static final Queue<ReportedLeak> LEAKS = new ConcurrentLinkedQueue<>();

  /** Resources tracked so far, by every detector; the probes of the checks included. */
  private static final AtomicLong TRACKED = new AtomicLong();

  /** {@link #TRACKED} when the last check began, plus its probes. */
  private static volatile long trackedWhenChecked;

  private static volatile boolean verified;

  private LeakRecorder() {}

  static void register(RecordingLeakDetector<?> detector) {
    DETECTORS.add(detector);
  }

  static void record(ReportedLeak leak) {
    LEAKS.add(leak);
  }

  static void tracked() {
    TRACKED.incrementAndGet();
  }

  /**
   * Fails unless Netty creates {@link RecordingLeakDetector}s at the PARANOID level in this JVM:
   * when the detector class is missing, Netty logs an error and falls back to its own detector,
   * which would let every leak pass unnoticed.
   */
  static void assertActive() {
    if (verified) {
      return;
    }
    ResourceLeakDetector<?> detector =
        ResourceLeakDetectorFactory.instance().newResourceLeakDetector(LeakRecorder.class);
    assertActive(detector, ResourceLeakDetector.getLevel());
    verified = true;
  }

  static void assertActive(ResourceLeakDetector<?> detector, ResourceLeakDetector.Level level) {
    if (!(detector instanceof RecordingLeakDetector)) {
      throw new AssertionError(
          "The leak check is not active: Netty created a "
              + detector.getClass().getName()
              + ", not a "
              + RecordingLeakDetector.class.getName()
              + " (system property "
              + DETECTOR_PROPERTY
              + "="
              + System.getProperty(DETECTOR_PROPERTY)
              + "). Run the tests with the root pom's cql4j.test.argLine, and with cql-leak-check"
              + " on the test classpath.");
    }
    if (level != ResourceLeakDetector.Level.PARANOID) {
      throw new AssertionError(
          "Netty's leak detection level is "
              + level
              + ", the leak check needs PARANOID: run the tests with the root pom's"
              + " cql4j.test.argLine (-Dio.netty.leakDetection.level=paranoid).");
    }
  }

  /**
   * Forces detection and fails with every leak reported since the previous call.
   *
   * @param when when the check runs, for the message ("by the end of org.example.SomeTest")
   * @param thorough whether to wait for the GC's reference processing until it is certainly done
   *     (two full GCs) rather than almost certainly (one), and to run the GC even when no resource
   *     was tracked since the previous check; what a quick check misses sits in its detector's
   *     queue until a later check
   * @throws AssertionError naming each leaked resource with its access records
   */
  static void assertNoLeaks(String when, boolean thorough) {
    // Nothing tracked since the last check began, nothing new to collect: a class that allocates
    // no buffer costs no GC. What became garbage only now was tracked earlier, and the thorough
    // check at the end of the run still finds it.
    boolean quiet = TRACKED.get() == trackedWhenChecked;
    List<ReportedLeak> leaks = thorough || !quiet ? detect(thorough ? 2 : 1) : drain();
    if (leaks.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder()
            .append("Netty reported ")
            .append(leaks.size())
            .append(" leaked resource(s) ")
            .append(when)
            .append(": garbage-collected without release(). The records show where each was")
            .append(
                " last touched (newest first) and created; see docs/testing.md, \"Leak checks\".");
    for (int i = 0; i < Math.min(leaks.size(), LEAKS_SHOWN); i++) {
      message
          .append(System.lineSeparator())
          .append("LEAK ")
          .append(i + 1)
          .append(" of ")
          .append(leaks.size())
          .append(": ")
          .append(leaks.get(i).describe());
    }
    if (leaks.size() > LEAKS_SHOWN) {
      message
          .append(System.lineSeparator())
          .append("... and ")
          .append(leaks.size() - LEAKS_SHOWN)
          .append(" more (each is also logged as \"LEAK:\" by Netty).");
    }
    throw new AssertionError(message.toString());
  }

  /**
   * Forces detection and returns, and forgets, every leak reported since the previous call.
   *
   * @param gcRounds how many full GCs to run first, 1 or 2 (see {@link #collectGarbage(int)})
   */
  static List<ReportedLeak> detect(int gcRounds) {
    long tracked = TRACKED.get();
    collectGarbage(gcRounds);
    List<RecordingLeakDetector<?>> detectors;
    synchronized (DETECTORS) {
      detectors = new ArrayList<>(DETECTORS);
    }
    for (RecordingLeakDetector<?> detector : detectors) {
      detector.poll();
    }
    // Allocations made meanwhile by other threads leave the count above this: the next check runs.
    trackedWhenChecked = tracked + detectors.size();
    return drain();
  }

  private static List<ReportedLeak> drain() {
    List<ReportedLeak> leaks = new ArrayList<>();
    for (ReportedLeak leak = LEAKS.poll(); leak != null; leak = LEAKS.poll()) {
      leaks.add(leak);
    }
    return leaks;
  }

  /**
   * Runs full GCs, each until a sentinel of its own is queued. The reference handler queues the
   * references a GC cleared as one batch, in no particular order, and finishes it before it takes
   * the next: after one round a few of the batch may still be on their way (a short pause covers
   * them in practice), after two every resource that was unreachable at the first GC is certainly
   * in its detector's queue. A full GC costs tens of milliseconds.
   */
  private static void collectGarbage(int rounds) {
    for (int round = 0; round < rounds; round++) {
      ReferenceQueue<Object> queue = new ReferenceQueue<>();
      WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
      long deadline = System.nanoTime() + GC_TIMEOUT_NANOS;
      try {
        do {
          System.gc();
          if (queue.remove(100) != null) {
            break;
          }
        } while (System.nanoTime() < deadline);
        if (!sentinel.refersTo(null)) {
          throw new AssertionError(
              "The leak check could not make the GC run within 10 s"
                  + " (is -XX:+DisableExplicitGC set?)");
        }
        if (rounds == 1) {
          Thread.sleep(BATCH_PAUSE_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for the GC of the leak check", e);
      } finally {
        Reference.reachabilityFence(sentinel);
      }
    }
  }
}
