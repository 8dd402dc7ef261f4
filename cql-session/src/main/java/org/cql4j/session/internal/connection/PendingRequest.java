package org.cql4j.session.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.frame.ResponseEnvelope;
import org.cql4j.protocol.message.ErrorMessage;

/**
 * One request on its way through a connection, created on the caller's thread then confined to the
 * event loop (only its future is shared): its encoded frame, its result future, its stream id and
 * its timeout.
 *
 * <p>States: {@code QUEUED} (not written; owns {@link #frame}) → {@code WRITTEN} (holds a stream
 * id) → {@code DONE}; or {@code WRITTEN} → {@code ORPHANED} when it timed out, until the late
 * response frees the id; or {@code QUEUED} → {@code DONE} when it timed out or failed before being
 * written.
 */
final class PendingRequest implements Runnable {
  enum State {
    QUEUED,
    WRITTEN,
    ORPHANED,
    DONE
  }

  final CompletableFuture<ResponseEnvelope> result = new CompletableFuture<>();
  final Opcode opcode;
  final long timeoutNanos;
  final long createdNanos;
  final InFlightRequests owner;

  /** The encoded frame with a placeholder stream id; owned here until written, then null. */
  ByteBuf frame;

  int streamId = -1;
  State state = State.QUEUED;
  ScheduledFuture<?> timeout;

  PendingRequest(
      InFlightRequests owner, Opcode opcode, ByteBuf frame, long timeoutNanos, long createdNanos) {
    this.owner = owner;
    this.opcode = opcode;
    this.frame = frame;
    this.timeoutNanos = timeoutNanos;
    this.createdNanos = createdNanos;
  }

  /** The timeout task: runs on the event loop when the timeout elapses. */
  @Override
  public void run() {
    timeout = null;
    owner.onTimeout(this);
  }

  /** Cancels the timeout task, if scheduled. */
  void cancelTimeout() {
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
   * Completes with a response: an ERROR fails the future with its {@code DbException}; anything
   * else completes it. When the caller already gave up (cancelled), the response is released.
   */
  void complete(ResponseEnvelope response) {
    state = State.DONE;
    cancelTimeout();
    if (response.message() instanceof ErrorMessage error) {
      result.completeExceptionally(error.toException());
    } else if (!result.complete(response)) {
      ReferenceCountUtil.release(response.message());
    }
  }

  /** Fails the request, releasing whatever it still owns. */
  void fail(Throwable cause) {
    state = State.DONE;
    cancelTimeout();
    releaseFrame();
    result.completeExceptionally(cause);
  }

  @Override
  public String toString() {
    return opcode + " (stream " + streamId + ", " + state + ")";
  }
}
