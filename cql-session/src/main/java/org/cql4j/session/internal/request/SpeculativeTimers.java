package org.cql4j.session.internal.request;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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

  /** One armed timer: a request waiting for its next speculative execution. */
  static final class Timer {
    private final CqlRequest<?> request;
    private final long deadline;
    // guarded by the timers' lock
    private Queue queue;
    private Timer previous;
    private Timer next;
    private ScheduledFuture<?> own;

    private Timer(CqlRequest<?> request, long deadline) {
      this.request = request;
      this.deadline = deadline;
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
  Timer arm(CqlRequest<?> request, long delayNanos) {
    Timer timer = new Timer(request, System.nanoTime() + delayNanos);
    synchronized (this) {
      Queue queue = queueFor(delayNanos);
      if (queue == null) {
        timer.own = scheduler.schedule(request::speculate, delayNanos, TimeUnit.NANOSECONDS);
        return timer;
      }
      queue.add(timer);
      if (wakeUp == null || timer.deadline - wakeUpAt < 0) {
        schedule(timer.deadline, delayNanos);
      }
    }
    return timer;
  }

  /**
   * Disarms a timer; nothing happens if it fired already.
   *
   * @param timer the timer
   */
  void disarm(Timer timer) {
    ScheduledFuture<?> own;
    synchronized (this) {
      own = timer.own;
      if (timer.queue != null) {
        remove(timer);
      }
    }
    if (own != null) {
      own.cancel(false);
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
        while ((head = queue.head) != null && head.deadline - now <= 0) {
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
      timer.request.speculate(); // may arm the request's next timer
    }
  }

  // under the lock
  private void remove(Timer timer) {
    Queue queue = timer.queue;
    Timer previous = timer.previous;
    Timer next = timer.next;
    if (previous == null) {
      queue.head = next;
    } else {
      previous.next = next;
    }
    if (next == null) {
      queue.tail = previous;
    } else {
      next.previous = previous;
    }
    timer.previous = null;
    timer.next = null;
    timer.queue = null;
  }

  // under the lock: a percentile policy's delay changes from window to window
  private void dropEmptyQueues() {
    for (int i = queueCount - 1; i >= 0; i--) {
      if (queues[i].head == null) {
        queues[i] = queues[--queueCount];
        queues[queueCount] = null;
      }
    }
  }

  /** The timers of one delay, oldest first, linked through {@link Timer}. */
  private static final class Queue {
    final long delayNanos;
    Timer head;
    Timer tail;

    Queue(long delayNanos) {
      this.delayNanos = delayNanos;
    }

    void add(Timer timer) {
      timer.queue = this;
      timer.previous = tail;
      if (tail == null) {
        head = timer;
      } else {
        tail.next = timer;
      }
      tail = timer;
    }
  }
}
