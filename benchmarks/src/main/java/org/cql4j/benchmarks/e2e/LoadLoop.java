package org.cql4j.benchmarks.e2e;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Keeps a fixed number of requests in flight through a driver's asynchronous API, thread-safely:
 * {@code concurrency} chains, each issuing its next request when the previous one completes (on the
 * driver's completing thread).
 *
 * <p>Each request's latency, from just before the driver call to its completion (rows consumed), is
 * recorded in nanoseconds into an HdrHistogram {@link Recorder}, which is wait-free for the
 * recording threads.
 */
final class LoadLoop {
  /** Latencies above this are recorded as this (the histogram's range). */
  private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final DriverUnderTest driver;
  private final Workload workload;
  private final BenchData data;
  private final int concurrency;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder completed = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicReference<Throwable> firstError = new AtomicReference<>();
  private final Recorder latencies = new Recorder(1, MAX_LATENCY_NANOS, 3);
  private volatile boolean running;
  // a sink for the rows' checksums, so reading the cells cannot be optimized away
  private volatile long checksum;

  LoadLoop(DriverUnderTest driver, Workload workload, BenchData data, int concurrency) {
    this.driver = driver;
    this.workload = workload;
    this.data = data;
    this.concurrency = concurrency;
  }

  /** Starts the chains. */
  void start() {
    running = true;
    for (int c = 0; c < concurrency; c++) {
      issue();
    }
  }

  /** Stops issuing and waits (up to {@code timeoutMillis}) for the requests in flight. */
  boolean stopAndDrain(long timeoutMillis) throws InterruptedException {
    running = false;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (inFlight.get() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  /** Requests completed so far (successes and failures). */
  long completed() {
    return completed.sum();
  }

  /** Requests failed so far. */
  long errors() {
    return errors.sum();
  }

  /** The first failure, or {@code null}. */
  Throwable firstError() {
    return firstError.get();
  }

  /** The latencies recorded since the previous call (the first call covers the warm-up). */
  Histogram takeLatencies() {
    return latencies.getIntervalHistogram();
  }

  /** The checksum sink's value (printed, so it is observably used). */
  long checksum() {
    return checksum;
  }

  private void issue() {
    // a loop, not recursion, when the driver completes synchronously (e.g. a fast failure)
    while (running) {
      long i = sequence.getAndIncrement();
      inFlight.incrementAndGet();
      long start = System.nanoTime();
      CompletableFuture<Long> future;
      try {
        future = workload.issue(driver, data, i).toCompletableFuture();
      } catch (RuntimeException e) {
        future = CompletableFuture.failedFuture(e);
      }
      if (!future.isDone()) {
        future.whenComplete(
            (value, error) -> {
              done(start, value, error);
              issue();
            });
        return;
      }
      try {
        done(start, future.join(), null);
      } catch (CompletionException e) {
        done(start, null, e.getCause());
      }
    }
  }

  private void done(long start, Long value, Throwable error) {
    long latency = System.nanoTime() - start;
    latencies.recordValue(Math.min(Math.max(latency, 1), MAX_LATENCY_NANOS));
    if (error != null) {
      errors.increment();
      firstError.compareAndSet(null, error);
    } else {
      checksum += value;
    }
    completed.increment();
    inFlight.decrementAndGet();
  }
}
