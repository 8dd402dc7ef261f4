package org.cql4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.cql4j.session.internal.request.ConcurrencyLimiter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code SessionBuilder.maxConcurrentRequests} adds to a request: taking and giving back a
 * permit of the session's limiter while it is under its limit (the common case), from one thread
 * and from two sharing it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ThrottlingBenchmark {
  private final ConcurrencyLimiter limiter = new ConcurrencyLimiter(1_024, 1_024);
  private final ConcurrencyLimiter.Waiter waiter = () -> {};

  /** A permit taken and given back, one thread. */
  @Benchmark
  public ConcurrencyLimiter.Admission admitAndRelease() {
    ConcurrencyLimiter.Admission admission = limiter.admit(waiter);
    limiter.release();
    return admission;
  }

  /** The same from two threads sharing the limiter. */
  @Benchmark
  @Threads(2)
  public ConcurrencyLimiter.Admission admitAndReleaseTwoThreads() {
    ConcurrencyLimiter.Admission admission = limiter.admit(waiter);
    limiter.release();
    return admission;
  }
}
