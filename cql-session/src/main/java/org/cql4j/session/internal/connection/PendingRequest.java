package org.cql4j.session.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.ErrorMessage;

/**
 * One request on its way through a connection, created on the caller's thread then confined to the
 * event loop: its encoded frame, its callback, its stream id and its timeout.
 *
 * <p>States: {@code QUEUED} (not written; owns {@link #frame}) → {@code WRITTEN} (holds a stream
 * id) → {@code DONE}; or {@code WRITTEN} → {@code ORPHANED} when it timed out, until the late
 * response frees the id; or {@code QUEUED} → {@code DONE} when it timed out or failed before being
 * written.
 */
final class PendingRequest {
  enum State {
    QUEUED,
    WRITTEN,
    ORPHANED,
    DONE
  }

  final ResponseCallback callback;
  final Opcode opcode;
  final long timeoutNanos;
  final long createdNanos;

  /** The encoded frame with a placeholder stream id; owned here until written, then null. */
  ByteBuf frame;

  int streamId = -1;
  State state = State.QUEUED;

  /** The task of a timeout outside {@link RequestTimeouts}' queues, or null. */
  ScheduledFuture<?> timeout;

  // the place in a RequestTimeouts queue, while the timeout runs there
  RequestTimeouts.Queue timeoutQueue;
  PendingRequest previousInQueue;
  PendingRequest nextInQueue;
  long deadlineNanos;
  private boolean notified;

  PendingRequest(
      Opcode opcode,
      ByteBuf frame,
      long timeoutNanos,
      long createdNanos,
      ResponseCallback callback) {
    this.callback = callback;
    this.opcode = opcode;
    this.frame = frame;
    this.timeoutNanos = timeoutNanos;
    this.createdNanos = createdNanos;
  }

  /** Stops the timeout, if running. */
  void cancelTimeout() {
    if (timeoutQueue != null) {
      timeoutQueue.remove(this);
    }
    ScheduledFuture<?> t = timeout;
    if (t != null) {
      timeout = null;
      t.cancel(false);
    }
  }

  /** Releases the unwritten frame, if still owned. */
  void releaseFrame() {
    ByteBuf f = frame;
    if (f != null) {
      frame = null;
      f.release();
    }
  }

  /**
   * Completes with a response: an ERROR fails the request with its {@code DbException}; anything
   * else goes to the callback. A response that comes after the callback was told (the request
   * already failed) is released.
   */
  void complete(ResponseEnvelope response) {
    state = State.DONE;
    cancelTimeout();
    if (notified) {
      ReferenceCountUtil.release(response.message());
    } else if (response.message() instanceof ErrorMessage error) {
      notifyFailure(error.toException());
    } else {
      notified = true;
      callback.onResponse(response);
    }
  }

  /** Fails the request, releasing whatever it still owns. */
  void fail(Throwable cause) {
    state = State.DONE;
    cancelTimeout();
    releaseFrame();
    notifyFailure(cause);
  }

  /** Tells the callback of a failure, unless it was already told of an outcome. */
  void notifyFailure(Throwable cause) {
    if (!notified) {
      notified = true;
      callback.onFailure(cause);
    }
  }

  @Override
  public String toString() {
    return opcode + " (stream " + streamId + ", " + state + ")";
  }
}
