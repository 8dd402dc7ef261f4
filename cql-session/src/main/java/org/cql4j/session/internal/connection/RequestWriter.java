package org.cql4j.session.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.cql4j.protocol.frame.SegmentPacker;
import org.cql4j.session.internal.metrics.NodeCounters;

/**
 * Moves requests from any thread (thread-safe {@link #enqueue}) onto the connection's event loop
 * (where {@link #run} is confined) and writes them with one flush per batch (write coalescing).
 *
 * <p>The first request that finds no drain scheduled schedules one on the event loop; requests
 * arriving before it runs join its batch. The drain assigns stream ids, writes every frame without
 * flushing (small frames copied together into one buffer) and flushes once at the end, so a burst
 * of N requests costs one {@code flush} (one syscall) instead of N. Requests that find no free
 * stream id, or a channel that is not writable (the socket buffer is full), wait in the backlog of
 * {@link InFlightRequests} until responses or writability wake the writer up again.
 *
 * <p>On a v5 connection, once its handshake switched the framing, the frames of a drain are packed
 * into segments instead ({@link SegmentPacker}: one copy each, many small frames per segment).
 */
final class RequestWriter implements Runnable {
  static final int COALESCE_LIMIT = 2048;
  static final int COALESCE_CAPACITY = 16 * 1024;

  private final Channel channel;
  private final InFlightRequests inFlight;
  private final Queue<PendingRequest> queue = PlatformDependent.newMpscQueue();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicInteger queued = new AtomicInteger();
  private final RequestTimeouts timeouts;
  private final NodeCounters counters;
  private long drained; // bytes of the current drain, counted once at its flush
  // frames of the current drain held back to be written together; see write()
  private ByteBuf firstFrame;
  private ByteBuf coalesced;
  private SegmentPacker segments; // v5, after the handshake's switch
  private final Consumer<ByteBuf> writeSegments = this::writeVoid;

  RequestWriter(Channel channel, InFlightRequests inFlight, NodeCounters counters) {
    this.channel = channel;
    this.inFlight = inFlight;
    this.counters = counters;
    this.timeouts = new RequestTimeouts(channel.eventLoop(), inFlight::onTimeout);
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

  /**
   * Packs every later frame into v5 segments; on the event loop.
   *
   * @param compressed whether LZ4 was negotiated
   */
  void useSegments(boolean compressed) {
    segments = new SegmentPacker(channel.alloc(), compressed);
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
      writeCoalesced();
      channel.flush();
      counters.sent(drained);
      drained = 0;
    }
  }

  private void startTimeout(PendingRequest request) {
    if (request.timeoutNanos > 0) { // zero or less: no timeout
      timeouts.start(request);
    }
  }

  // Small frames of one drain are copied into one buffer and written together: the channel then
  // has one buffer to hand to the socket instead of one per frame (each costs NIO a ByteBuffer
  // view per flush). A frame of COALESCE_LIMIT bytes or more is written as it is.
  private void write(PendingRequest request) {
    ByteBuf frame = request.frame;
    request.frame = null;
    int size = frame.readableBytes();
    drained += size;
    if (segments != null) {
      segments.add(frame, writeSegments);
      return;
    }
    if (size >= COALESCE_LIMIT) {
      writeCoalesced();
      channel.write(frame, channel.voidPromise());
      return;
    }
    if (coalesced != null && coalesced.writableBytes() < size) {
      writeCoalesced();
    }
    if (coalesced == null) {
      if (firstFrame == null) {
        firstFrame = frame; // a frame alone is written without a copy
        return;
      }
      coalesced = channel.alloc().ioBuffer(COALESCE_CAPACITY);
      coalesced.writeBytes(firstFrame);
      firstFrame.release();
      firstFrame = null;
    }
    coalesced.writeBytes(frame);
    frame.release();
  }

  /** Writes what {@link #write} held back; a failed write closes the connection. */
  private void writeCoalesced() {
    if (segments != null) {
      segments.finish(writeSegments);
      return;
    }
    ByteBuf out = coalesced != null ? coalesced : firstFrame;
    if (out != null) {
      coalesced = null;
      firstFrame = null;
      writeVoid(out);
    }
  }

  private void writeVoid(ByteBuf out) {
    channel.write(out, channel.voidPromise());
  }
}
