package org.cql4j.session.internal.connection;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The timeouts of one connection's requests, without a scheduled task per request. Confined to the
 * connection's event loop.
 *
 * <p>Requests with the same timeout (almost all of them: the profile's) expire in the order they
 * started, so each distinct timeout gets a first-in first-out queue, linked through the requests
 * themselves (adding and removing allocate nothing and cost O(1)). One task per connection wakes up
 * at the earliest deadline of the queue heads, fails what expired, and schedules itself again for
 * the next head; a request that completes first just leaves its queue. Requests of a timeout beyond
 * the first {@value #MAX_QUEUES} distinct ones (a retry gets what is left of its timeout) get a
 * scheduled task of their own, as before.
 *
 * <p>Time comes from the event loop's ticker, so tests can move it with {@code
 * EmbeddedChannel.advanceTimeBy}.
 */
final class RequestTimeouts {
  static final int MAX_QUEUES = 8;

  private final EventExecutor loop;
  private final Consumer<PendingRequest> onTimeout;
  private final Queue[] queues = new Queue[MAX_QUEUES];
  private final Runnable sweep = this::sweep;
  private int queueCount;
  private ScheduledFuture<?> wakeUp;
  private long wakeUpAt;

  /**
   * Creates the timeouts of one connection.
   *
   * @param loop the connection's event loop
   * @param onTimeout called, on the event loop, with each request whose timeout elapsed
   */
  RequestTimeouts(EventExecutor loop, Consumer<PendingRequest> onTimeout) {
    this.loop = loop;
    this.onTimeout = onTimeout;
  }

  /**
   * Starts the timeout of a request that has one, counted from when the request was created.
   *
   * @param request a request about to be written or to wait for a stream id
   */
  void start(PendingRequest request) {
    long remaining = request.timeoutNanos - (System.nanoTime() - request.createdNanos);
    if (remaining <= 0) {
      onTimeout.accept(request);
      return;
    }
    Queue queue = queueFor(request.timeoutNanos);
    if (queue == null) {
      request.timeout =
          loop.schedule(
              () -> {
                request.timeout = null;
                onTimeout.accept(request);
              },
              remaining,
              TimeUnit.NANOSECONDS);
      return;
    }
    long deadline = loop.ticker().nanoTime() + remaining;
    queue.add(request, deadline);
    if (wakeUp == null || deadline - wakeUpAt < 0) {
      schedule(deadline, remaining);
    }
  }

  private Queue queueFor(long timeoutNanos) {
    for (int i = 0; i < queueCount; i++) {
      if (queues[i].timeoutNanos == timeoutNanos) {
        return queues[i];
      }
    }
    if (queueCount == MAX_QUEUES) {
      return null;
    }
    Queue queue = new Queue(timeoutNanos);
    queues[queueCount++] = queue;
    return queue;
  }

  private void schedule(long deadline, long delay) {
    if (wakeUp != null) {
      wakeUp.cancel(false);
    }
    wakeUpAt = deadline;
    wakeUp = loop.schedule(sweep, delay, TimeUnit.NANOSECONDS);
  }

  private void sweep() {
    wakeUp = null;
    long now = loop.ticker().nanoTime();
    long next = 0;
    boolean any = false;
    for (int i = 0; i < queueCount; i++) {
      Queue queue = queues[i];
      PendingRequest head;
      // a timeout can close the connection, which removes requests from the queues: re-read head
      while ((head = queue.head) != null && head.deadlineNanos - now <= 0) {
        queue.remove(head);
        onTimeout.accept(head);
      }
      if (head != null && (!any || head.deadlineNanos - next < 0)) {
        next = head.deadlineNanos;
        any = true;
      }
    }
    // a request started by a timeout's callback may have scheduled a later wake-up already
    if (any && (wakeUp == null || next - wakeUpAt < 0)) {
      schedule(next, next - now);
    }
  }

  /** The requests of one timeout, oldest first, linked through {@link PendingRequest}. */
  static final class Queue {
    final long timeoutNanos;
    PendingRequest head;
    PendingRequest tail;

    Queue(long timeoutNanos) {
      this.timeoutNanos = timeoutNanos;
    }

    void add(PendingRequest request, long deadline) {
      request.deadlineNanos = deadline;
      request.timeoutQueue = this;
      request.previousInQueue = tail;
      request.nextInQueue = null;
      if (tail == null) {
        head = request;
      } else {
        tail.nextInQueue = request;
      }
      tail = request;
    }

    void remove(PendingRequest request) {
      PendingRequest previous = request.previousInQueue;
      PendingRequest next = request.nextInQueue;
      if (previous == null) {
        head = next;
      } else {
        previous.nextInQueue = next;
      }
      if (next == null) {
        tail = previous;
      } else {
        next.previousInQueue = previous;
      }
      request.previousInQueue = null;
      request.nextInQueue = null;
      request.timeoutQueue = null;
    }
  }
}
