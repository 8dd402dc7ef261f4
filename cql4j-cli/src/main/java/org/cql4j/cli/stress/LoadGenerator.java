package org.cql4j.cli.stress;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

  /**
   * Operation indexes a chain claims at once: one atomic operation per block, not per operation.
   */
  private static final int BLOCK = 64;

  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger activeChains = new AtomicInteger();
  private final Semaphore slots;
  private volatile boolean running;
  private volatile boolean dispatching;

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
    Runnable load;
    if (settings.rateLimited()) {
      dispatching = true;
      load = this::dispatch;
    } else {
      activeChains.set(settings.concurrency());
      load =
          () -> {
            for (int c = 0; c < settings.concurrency(); c++) {
              runChain(new Chain(), System.nanoTime());
            }
          };
    }
    Thread thread = new Thread(load, "cql4j-stress-load");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops starting operations; those in flight complete. */
  void stop() {
    running = false;
  }

  /**
   * Whether no operation is left to start (stopped, or the count reached) and none is in flight.
   */
  boolean finished() {
    return settings.rateLimited()
        ? !dispatching && slots.availablePermits() == settings.concurrency()
        : activeChains.get() == 0;
  }

  /** Operations in flight now (in a closed loop, the chains not yet ended). */
  int inFlight() {
    return settings.rateLimited()
        ? settings.concurrency() - slots.availablePermits()
        : activeChains.get();
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

  /**
   * One closed-loop chain's claimed indexes. Confined: a chain has one operation at a time, and is
   * handed from thread to thread by that operation's completion.
   */
  private final class Chain {
    private long next;
    private long end;

    /** Whether an index is left, claiming a new block when this one is used up. */
    boolean claim() {
      if (next < end) {
        return true;
      }
      long first = sequence.getAndAdd(BLOCK);
      if (first >= settings.count()) {
        return false;
      }
      next = first;
      end = Math.min(first + BLOCK, settings.count());
      return true;
    }
  }

  /**
   * Starts a chain's operations one after the other until one is still pending; {@code startNanos}
   * is when the next one starts (the previous one's completion time, so that one clock read serves
   * both).
   */
  private void runChain(Chain chain, long startNanos) {
    // a loop, not recursion, when an operation completes at once (no-op mode, a fast failure)
    long start = startNanos;
    while (running && chain.claim()) {
      long k = chain.next++;
      int op = pick(k);
      CompletableFuture<QueryResult> future = call(op, k);
      if (!future.isDone()) {
        long issued = start;
        future.whenComplete((result, error) -> runChain(chain, done(op, issued, result, error)));
        return;
      }
      start = doneNow(op, start, future);
    }
    activeChains.decrementAndGet();
  }

  private void dispatch() {
    long begin = System.nanoTime();
    double interval = 1e9 / settings.rate();
    try {
      for (long k = 0; running && k < settings.count(); k++) {
        long due = begin + (long) (k * interval);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        slots.acquireUninterruptibly();
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
    } finally {
      dispatching = false;
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
    return now;
  }
}
