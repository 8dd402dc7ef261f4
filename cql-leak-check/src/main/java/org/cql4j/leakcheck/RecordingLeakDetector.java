package org.cql4j.leakcheck;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;

/**
 * A Netty {@link ResourceLeakDetector} that hands every leak it reports to a process-wide record
 * besides logging it; thread-safe, like the detector it extends.
 *
 * <p>Netty's {@code ResourceLeakDetectorFactory} creates one per resource type ({@code ByteBuf},
 * {@code HashedWheelTimer}, ...) when the JVM runs with {@code
 * -Dio.netty.customResourceLeakDetector=org.cql4j.leakcheck.RecordingLeakDetector}, as every test
 * JVM of the build does (the root pom's {@code cql4j.test.argLine}). The two public constructors
 * are the ones the factory looks up by reflection.
 *
 * <p>A detector reports a leak only when a new resource of its type is tracked after the GC has
 * queued the leaked one; {@link #poll()} tracks a throw-away probe to make that happen on demand.
 *
 * @param <T> the type of the tracked resource
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

  /**
   * The constructor {@code ResourceLeakDetectorFactory} calls.
   *
   * @param resourceType the class of the tracked resources, named in reports
   * @param samplingInterval how often a resource is tracked below the PARANOID level
   */
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
    super(resourceType, samplingInterval);
    LeakRecorder.register(this);
  }

  /**
   * The obsolete constructor the factory also looks up (it logs an error when one is missing).
   *
   * @param resourceType the class of the tracked resources, named in reports
   * @param samplingInterval how often a resource is tracked below the PARANOID level
   * @param maxActive ignored, as Netty 4.2 ignores it
   */
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
    this(resourceType, samplingInterval);
  }

  /** Counts every tracked resource, so that a check can tell when there is nothing to collect. */
  @Override
  protected Object getInitialHint(String resourceType) {
    LeakRecorder.tracked();
    return super.getInitialHint(resourceType);
  }

  /** Reports even where the logging configuration silences Netty's leak logger. */
  @Override
  protected boolean needReport() {
    return true;
  }

  @Override
  protected void reportTracedLeak(String resourceType, String records) {
    LeakRecorder.record(new ReportedLeak(resourceType, records));
    super.reportTracedLeak(resourceType, records);
  }

  @Override
  protected void reportUntracedLeak(String resourceType) {
    LeakRecorder.record(new ReportedLeak(resourceType, ""));
    super.reportUntracedLeak(resourceType);
  }

  /**
   * Makes this detector report every leaked resource the GC has queued so far: Netty drains its
   * reference queue only when it starts tracking a new resource, so this tracks a probe and closes
   * it at once.
   */
  @SuppressWarnings("unchecked") // Erased: the probe is only a referent, never used as a T.
  void poll() {
    T probe = (T) new Object();
    ResourceLeakTracker<T> tracker = trackForcibly(probe);
    if (tracker != null) {
      tracker.close(probe);
    }
  }
}
