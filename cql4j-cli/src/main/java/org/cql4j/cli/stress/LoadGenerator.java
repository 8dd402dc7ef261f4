package org.cql4j.cli.stress;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.cql4j.cli.stress.generate.Mix;
import org.cql4j.session.QueryResult;

/**
 * Keeps a workload's operations going, thread-safely, in one of two ways:
 *
 * <ul>
 *   <li><b>Closed loop</b>: {@code concurrency} chains, each starting its next operation when the
 *       previous one completes, on the driver's completing thread. A latency runs from the start of
 *       the driver call to its completion.
 *   <li><b>Rate-limited</b>: a dispatcher thread starts operation {@code k} at {@code start + k /
 *       rate}, waiting for a free slot when {@code concurrency} are in flight. A latency runs from
 *       the operation's scheduled start, so a slow server shows in the latencies rather than in a
 *       quietly lower rate (no coordinated omission).
 * </ul>
 *
 * <p>Operation {@code k} is picked by weight from a hash of ({@code seed}, {@code k}), so a run is
 * repeatable with its seed.
 */
final class LoadGenerator {
  private final OperationRunner runner;
  private final OperationMeters meters;
  private final RunSettings settings;
  private final int[] cumulativeWeights;
  private final long pickSalt;
  private final AtomicLong sequence = new AtomicLong();
  private final LongAdder completed = new LongAdder();
  private final Semaphore slots;
  private volatile boolean running;
  private Thread starter;

  LoadGenerator(
      OperationRunner runner, OperationMeters meters, RunSettings settings, int[] weights) {
    this.runner = runner;
    this.meters = meters;
    this.settings = settings;
    this.cumulativeWeights = new int[weights.length];
    int total = 0;
    for (int i = 0; i < weights.length; i++) {
      total += weights[i];
      cumulativeWeights[i] = total;
    }
    this.pickSalt = Mix.mix(settings.seed() ^ 0x6F70L);
    this.slots = settings.rateLimited() ? new Semaphore(settings.concurrency()) : null;
  }

  /**
   * Starts the load on a thread of its own and returns at once. In a closed loop that thread starts
   * the chains; a chain whose operations complete at once (no-op mode) keeps running on it.
   */
  void start() {
    running = true;
    Runnable load =
        settings.rateLimited()
            ? this::dispatch
            : () -> {
              for (int c = 0; c < settings.concurrency() && running; c++) {
                chain();
              }
            };
    starter = new Thread(load, "cql4j-stress-load");
    starter.setDaemon(true);
    starter.start();
  }

  /** Stops starting operations; those in flight complete. */
  void stop() {
    running = false;
  }

  /**
   * Whether no operation is left to start (stopped, or the count reached) and none is in flight.
   */
  boolean finished() {
    return (!running || sequence.get() >= settings.count()) && inFlight() == 0;
  }

  /** Operations in flight now. */
  int inFlight() {
    // started minus completed; the completed count is read after the started one, so it can only
    // be too low (never negative in flight)
    long started = Math.min(sequence.get(), settings.count());
    return (int) (started - completed.sum());
  }

  /** The operation to run at index {@code k}, by weight. */
  int pick(long k) {
    if (cumulativeWeights.length == 1) {
      return 0;
    }
    long r =
        Math.floorMod(
            Mix.bits(pickSalt, k), (long) cumulativeWeights[cumulativeWeights.length - 1]);
    int op = 0;
    while (cumulativeWeights[op] <= r) {
      op++;
    }
    return op;
  }

  private void chain() {
    chain(System.nanoTime());
  }

  /**
   * Starts operations one after the other until one is still pending; {@code startNanos} is when
   * the next one starts (the previous one's completion time, so one clock read serves both).
   */
  private void chain(long startNanos) {
    // a loop, not recursion, when an operation completes at once (no-op mode, a fast failure)
    long start = startNanos;
    while (running) {
      long k = sequence.getAndIncrement();
      if (k >= settings.count()) {
        return;
      }
      int op = pick(k);
      CompletableFuture<QueryResult> future = call(op, k);
      if (!future.isDone()) {
        long issued = start;
        future.whenComplete((result, error) -> chain(done(op, issued, result, error)));
        return;
      }
      start = doneNow(op, start, future);
    }
  }

  private void dispatch() {
    long begin = System.nanoTime();
    double interval = 1e9 / settings.rate();
    for (long k = 0; running && k < settings.count(); k++) {
      long due = begin + (long) (k * interval);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      slots.acquireUninterruptibly();
      sequence.set(k + 1);
      int op = pick(k);
      CompletableFuture<QueryResult> future = call(op, k);
      if (!future.isDone()) {
        future.whenComplete(
            (result, error) -> {
              done(op, due, result, error);
              slots.release();
            });
      } else {
        doneNow(op, due, future);
        slots.release();
      }
    }
  }

  private CompletableFuture<QueryResult> call(int op, long k) {
    try {
      return runner.run(op, k);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Records an operation that completed at once; returns the time it was recorded. */
  private long doneNow(int op, long startNanos, CompletableFuture<QueryResult> future) {
    try {
      return done(op, startNanos, future.join(), null);
    } catch (CompletionException e) {
      return done(op, startNanos, null, e.getCause());
    } catch (RuntimeException e) {
      return done(op, startNanos, null, e);
    }
  }

  /** Records a completed operation; returns the time it was recorded. */
  private long done(int op, long startNanos, QueryResult result, Throwable error) {
    long now = System.nanoTime();
    if (error == null) {
      meters.success(op, now - startNanos, result);
    } else {
      meters.failure(op, error);
    }
    completed.increment();
    return now;
  }
}
