package org.cql4j.session.internal.request;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speculative-execution timers of a session's requests, without a scheduled task per request.
 * Thread-safe: requests arm timers from any thread and disarm them from the event loop that
 * completes them, under the lock of this object.
 *
 * <p>Requests with the same delay (a simple policy's, or a percentile policy's for a whole window)
 * expire in the order they were armed, so each distinct delay gets a first-in first-out queue of
 * timers; arming and disarming cost O(1) and one small object. One task wakes up at the earliest
 * deadline of the queue heads, fires what expired, and schedules itself again for the next head. A
 * task per request, as before, cost a cross-thread wake-up of an event loop to schedule it and
 * another to cancel it: about three times the CPU of the whole request on the null server. Timers
 * of a delay beyond the first {@value #MAX_QUEUES} distinct ones get a scheduled task of their own;
 * a queue is dropped when it empties.
 */
public final class SpeculativeTimers {
  private static final Logger LOG = LoggerFactory.getLogger(SpeculativeTimers.class);
  static final int MAX_QUEUES = 8;

  private final ScheduledExecutorService scheduler;
  private final Runnable sweep = this::sweep;
  // guarded by this
  private final Queue[] queues = new Queue[MAX_QUEUES];
  private int queueCount;
  private ScheduledFuture<?> wakeUp;
  private long wakeUpAt;

  /**
   * Creates the timers of a session.
   *
   * @param scheduler runs the wake-up task and fires the timers
   */
  public SpeculativeTimers(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /** What a timer fires: a request, which starts its next speculative execution. */
  interface Target {
    /** The delay elapsed without an answer; on the scheduler's thread. */
    void speculate();
  }

  /**
   * One armed timer: a request waiting for its next speculative execution. 32 bytes: a queue is a
   * ring around a sentinel, so a timer needs no reference to its queue.
   */
  static class Timer {
    private final Target request;
    private final long deadline;
    // guarded by the timers' lock; null when not in a queue
    private Timer previous;
    private Timer next;

    private Timer(Target request, long deadline) {
      this.request = request;
      this.deadline = deadline;
    }
  }

  // a timer of a delay beyond the queues, with a task of its own
  private static final class OwnTimer extends Timer {
    private ScheduledFuture<?> task;

    private OwnTimer(Target request, long deadline) {
      super(request, deadline);
    }
  }

  /**
   * Arms a timer.
   *
   * @param request the request to start a speculative execution of when the delay elapsed (on the
   *     scheduler's thread), unless disarmed
   * @param delayNanos the delay, positive
   * @return the timer, to disarm when the request completes first
   */
  Timer arm(Target request, long delayNanos) {
    synchronized (this) {
      // the deadline is taken under the lock: a queue's deadlines then never decrease
      long deadline = System.nanoTime() + delayNanos;
      Queue queue = queueFor(delayNanos);
      if (queue == null) {
        OwnTimer own = new OwnTimer(request, deadline);
        own.task = scheduler.schedule(() -> fire(request), delayNanos, TimeUnit.NANOSECONDS);
        return own;
      }
      Timer timer = new Timer(request, deadline);
      queue.add(timer);
      if (wakeUp == null || timer.deadline - wakeUpAt < 0) {
        schedule(timer.deadline, delayNanos);
      }
      return timer;
    }
  }

  /**
   * Disarms a timer; nothing happens if it fired already.
   *
   * @param timer the timer
   */
  void disarm(Timer timer) {
    if (timer instanceof OwnTimer own) {
      own.task.cancel(false);
      return;
    }
    synchronized (this) {
      if (timer.previous != null) {
        remove(timer);
      }
    }
  }

  // under the lock
  private Queue queueFor(long delayNanos) {
    for (int i = 0; i < queueCount; i++) {
      if (queues[i].delayNanos == delayNanos) {
        return queues[i];
      }
    }
    if (queueCount == MAX_QUEUES) {
      return null;
    }
    Queue queue = new Queue(delayNanos);
    queues[queueCount++] = queue;
    return queue;
  }

  // under the lock
  private void schedule(long deadline, long delayNanos) {
    if (wakeUp != null) {
      wakeUp.cancel(false);
    }
    wakeUpAt = deadline;
    wakeUp = scheduler.schedule(sweep, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void sweep() {
    List<Timer> expired = new ArrayList<>();
    synchronized (this) {
      wakeUp = null;
      long now = System.nanoTime();
      long next = 0;
      boolean any = false;
      for (int i = 0; i < queueCount; i++) {
        Queue queue = queues[i];
        Timer head;
        while ((head = queue.head()) != null && head.deadline - now <= 0) {
          remove(head);
          expired.add(head);
        }
        if (head != null && (!any || head.deadline - next < 0)) {
          next = head.deadline;
          any = true;
        }
      }
      dropEmptyQueues();
      if (any) {
        schedule(next, next - now);
      }
    }
    for (Timer timer : expired) {
      fire(timer.request);
    }
  }

  // one target that throws must not keep the others from firing
  private static void fire(Target request) {
    try {
      request.speculate(); // may arm the request's next timer
    } catch (RuntimeException | Error e) {
      LOG.warn("A speculative execution failed to start", e);
    }
  }

  // under the lock
  private static void remove(Timer timer) {
    timer.previous.next = timer.next;
    timer.next.previous = timer.previous;
    timer.previous = null;
    timer.next = null;
  }

  // under the lock: a percentile policy's delay changes from window to window
  private void dropEmptyQueues() {
    for (int i = queueCount - 1; i >= 0; i--) {
      if (queues[i].head() == null) {
        queues[i] = queues[--queueCount];
        queues[queueCount] = null;
      }
    }
  }

  /** The timers of one delay, oldest first: a ring of {@link Timer}s around a sentinel. */
  private static final class Queue {
    final long delayNanos;
    private final Timer sentinel = new Timer(null, 0);

    Queue(long delayNanos) {
      this.delayNanos = delayNanos;
      sentinel.previous = sentinel;
      sentinel.next = sentinel;
    }

    Timer head() {
      return sentinel.next == sentinel ? null : sentinel.next;
    }

    void add(Timer timer) {
      Timer last = sentinel.previous;
      timer.previous = last;
      timer.next = sentinel;
      last.next = timer;
      sentinel.previous = timer;
    }
  }
}
