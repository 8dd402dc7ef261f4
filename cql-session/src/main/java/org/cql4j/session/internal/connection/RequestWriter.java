package org.cql4j.session.internal.connection;

import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves requests from any thread (thread-safe {@link #enqueue}) onto the connection's event loop
 * (where {@link #run} is confined) and writes them with one flush per batch (write coalescing).
 *
 * <p>The first request that finds no drain scheduled schedules one on the event loop; requests
 * arriving before it runs join its batch. The drain assigns stream ids, writes every frame without
 * flushing and flushes once at the end, so a burst of N requests costs one {@code flush} (one
 * syscall) instead of N. Requests that find no free stream id, or a channel that is not writable
 * (the socket buffer is full), wait in the backlog of {@link InFlightRequests} until responses or
 * writability wake the writer up again.
 */
final class RequestWriter implements Runnable {
  private final Channel channel;
  private final InFlightRequests inFlight;
  private final Queue<PendingRequest> queue = PlatformDependent.newMpscQueue();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicInteger queued = new AtomicInteger();

  RequestWriter(Channel channel, InFlightRequests inFlight) {
    this.channel = channel;
    this.inFlight = inFlight;
  }

  /**
   * Hands a request to the event loop; any thread.
   *
   * @return {@code false} if the event loop refused the task (it is shut down); the request was not
   *     taken then, the caller fails it
   */
  boolean enqueue(PendingRequest request) {
    queued.incrementAndGet();
    queue.offer(request);
    return schedule();
  }

  /** Schedules a drain unless one is pending; any thread. */
  boolean schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        channel.eventLoop().execute(this);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
        return false;
      }
    }
    return true;
  }

  /** Requests handed over but not yet seen by the event loop; any thread. */
  int queued() {
    return queued.get();
  }

  /** The drain: on the event loop. */
  @Override
  public void run() {
    scheduled.set(false);
    Throwable closed = inFlight.closedWith();
    boolean wrote = false;
    boolean writable = closed == null && channel.isWritable();
    // the backlog first: it is older than anything in the queue
    while (writable && inFlight.hasWaiting()) {
      PendingRequest next = inFlight.pollWaiting();
      if (next == null) {
        break;
      }
      if (!inFlight.tryAssign(next)) {
        inFlight.pushBackWaiting(next);
        break;
      }
      write(next);
      wrote = true;
      writable = channel.isWritable();
    }
    PendingRequest request;
    while ((request = queue.poll()) != null) {
      queued.decrementAndGet();
      if (closed != null) {
        request.fail(closed);
        continue;
      }
      if (request.callback.isCancelled()) {
        // cancelled by the caller before it was written: nothing to send
        request.fail(new IllegalStateException("cancelled"));
        continue;
      }
      startTimeout(request);
      if (request.state == PendingRequest.State.DONE) {
        continue; // its time was already up
      }
      if (!writable || inFlight.hasWaiting() || !inFlight.tryAssign(request)) {
        inFlight.addWaiting(request);
        continue;
      }
      write(request);
      wrote = true;
      writable = channel.isWritable();
    }
    if (wrote) {
      channel.flush();
    }
  }

  private void startTimeout(PendingRequest request) {
    if (request.timeoutNanos <= 0) {
      return; // no timeout
    }
    long remaining = request.timeoutNanos - (System.nanoTime() - request.createdNanos);
    if (remaining <= 0) {
      inFlight.onTimeout(request);
    } else {
      request.timeout = channel.eventLoop().schedule(request, remaining, TimeUnit.NANOSECONDS);
    }
  }

  private void write(PendingRequest request) {
    var frame = request.frame;
    request.frame = null;
    // a failed write fires exceptionCaught, which closes the connection and fails every request
    channel.write(frame, channel.voidPromise());
  }
}
