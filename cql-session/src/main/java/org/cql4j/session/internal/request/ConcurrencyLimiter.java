package org.cql4j.session.internal.request;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.cql4j.session.errors.RequestThrottledException;

/**
 * Bounds the requests a session has in flight, as the Java driver's concurrency-limiting throttler
 * does: up to {@code maxInFlight} run at once, up to {@code maxQueued} more wait in arrival order
 * and start as others complete, any further one is refused with a {@link
 * RequestThrottledException}. Thread-safe.
 *
 * <p>A request takes a permit with one atomic increment while nobody waits; the queue and its lock
 * are touched only once the limit is reached. A waiting request is bounded in time by the requests
 * ahead of it, each bounded by its own timeout; its own timeout counts from when it was submitted.
 */
public final class ConcurrencyLimiter {
  /** A request that may have to wait for a permit. */
  public interface Waiter {
    /** Called, on the thread that freed a permit, when the waiting request may start. */
    void admitted();
  }

  /** What {@link #admit} decided. */
  public enum Admission {
    /** The request holds a permit: start it now. */
    START,
    /** The request waits; {@link Waiter#admitted()} starts it. */
    QUEUED,
    /** Refused: the limit and the queue are full. */
    REJECTED
  }

  private final int maxInFlight;
  private final int maxQueued;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger queued = new AtomicInteger(); // the queue's size, read without lock
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>(); // guarded by this
  // a request started by drain() that completes at once releases its permit inside drain(): the
  // outer loop goes on instead of a nested one, so the stack stays flat however many fail at once
  private final ThreadLocal<boolean[]> draining = ThreadLocal.withInitial(() -> new boolean[1]);

  /**
   * Creates a limiter.
   *
   * @param maxInFlight the requests allowed in flight at once, at least 1
   * @param maxQueued the requests allowed to wait for a permit, at least 0
   */
  public ConcurrencyLimiter(int maxInFlight, int maxQueued) {
    if (maxInFlight < 1 || maxQueued < 0) {
      throw new IllegalArgumentException(
          "need maxInFlight >= 1 and maxQueued >= 0, got " + maxInFlight + " and " + maxQueued);
    }
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
  }

  /**
   * Takes a permit for {@code waiter}, queues it, or refuses it.
   *
   * @param waiter the request
   * @return what to do with it
   */
  public Admission admit(Waiter waiter) {
    if (queued.get() == 0 && tryAcquire()) {
      return Admission.START;
    }
    synchronized (this) {
      if (queue.isEmpty() && tryAcquire()) {
        return Admission.START;
      }
      if (queue.size() >= maxQueued) {
        return Admission.REJECTED;
      }
      queue.add(waiter);
      queued.incrementAndGet();
    }
    drain(); // a permit may have been freed since the fast path looked
    return Admission.QUEUED;
  }

  /** Gives back the permit of a request that completed, and starts the next waiting one. */
  public void release() {
    inFlight.decrementAndGet();
    if (queued.get() > 0) {
      drain();
    }
  }

  /** The error for a refused request. */
  public RequestThrottledException refusal() {
    return new RequestThrottledException(
        "the session has "
            + maxInFlight
            + " requests in flight and "
            + maxQueued
            + " waiting, its limits (SessionBuilder.maxConcurrentRequests): slow down or raise them");
  }

  /** Requests holding a permit now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Requests waiting for a permit now. */
  public int queued() {
    return queued.get();
  }

  private boolean tryAcquire() {
    int n;
    do {
      n = inFlight.get();
      if (n >= maxInFlight) {
        return false;
      }
    } while (!inFlight.compareAndSet(n, n + 1));
    return true;
  }

  // starts waiting requests while permits are free; the starts run outside the lock
  private void drain() {
    boolean[] inDrain = draining.get();
    if (inDrain[0]) {
      return;
    }
    inDrain[0] = true;
    try {
      while (true) {
        Waiter next;
        synchronized (this) {
          if (queue.isEmpty() || !tryAcquire()) {
            return;
          }
          next = queue.poll();
          queued.decrementAndGet();
        }
        next.admitted();
      }
    } finally {
      inDrain[0] = false;
    }
  }
}
