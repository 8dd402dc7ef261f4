package org.cql4j.session.internal.connection;

import java.time.Duration;
import java.util.ArrayDeque;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.RequestTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request registry of one connection, confined to its event loop (its counters are readable
 * from any thread): the requests that hold a stream id, the ones waiting for a free id, and the
 * orphaned ids of timed-out requests.
 *
 * <p>Backpressure: when all 32,768 ids are taken, requests wait in a FIFO backlog (their timeout
 * keeps running) and are written as soon as responses free ids. An orphaned id (its request timed
 * out after being written) stays taken until the late response arrives, because the server may
 * still answer on it; past {@code maxOrphans} orphans the connection is closed, since a server that
 * leaves that many requests unanswered is not healthy.
 */
final class InFlightRequests {
  private static final Logger LOG = LoggerFactory.getLogger(InFlightRequests.class);

  private final String node;
  private final StreamIds ids;
  private final PendingRequest[] slots;
  private final ArrayDeque<PendingRequest> backlog = new ArrayDeque<>();
  private final int maxOrphans;
  private final Owner owner;

  private volatile int inFlight;
  private volatile int orphans;
  private volatile int waiting;
  private Throwable closedWith;

  /** What the registry tells its connection; called on the event loop. */
  interface Owner {
    /** The connection must close with {@code cause} (too many orphans). */
    void fatal(Throwable cause);

    /** A request settled without a response (timeout): a closing connection may now be idle. */
    void settled();
  }

  /**
   * Creates the registry of one connection.
   *
   * @param node the node's address, for messages
   * @param ids the stream id allocator
   * @param maxOrphans how many orphaned ids are tolerated before the connection is closed
   * @param owner the connection, told when it must close and when a request timed out
   */
  InFlightRequests(String node, StreamIds ids, int maxOrphans, Owner owner) {
    this.node = node;
    this.ids = ids;
    this.slots = new PendingRequest[ids.capacity()];
    this.maxOrphans = maxOrphans;
    this.owner = owner;
  }

  /**
   * Gives the request a stream id and writes the id into its frame header.
   *
   * @return {@code false} when every id is taken (the caller queues it with {@link #addWaiting})
   */
  boolean tryAssign(PendingRequest request) {
    int id = ids.acquire();
    if (id < 0) {
      return false;
    }
    request.streamId = id;
    request.state = PendingRequest.State.WRITTEN;
    // native_protocol_v4.spec §2.3: the stream id is the [short] at offset 2 of the header
    request.frame.setShort(request.frame.readerIndex() + 2, id);
    slots[id] = request;
    inFlight = ids.taken();
    return true;
  }

  /** Queues a request that found no free id. */
  void addWaiting(PendingRequest request) {
    backlog.addLast(request);
    waiting = backlog.size();
  }

  /** The oldest waiting request that has not timed out yet, removed from the backlog, or null. */
  PendingRequest pollWaiting() {
    PendingRequest next;
    while ((next = backlog.pollFirst()) != null && next.state == PendingRequest.State.DONE) {
      // timed out while waiting: already failed and released
    }
    waiting = backlog.size();
    return next;
  }

  /** Puts back a request taken with {@link #pollWaiting} that still found no id. */
  void pushBackWaiting(PendingRequest request) {
    backlog.addFirst(request);
    waiting = backlog.size();
  }

  /** Whether requests are waiting for an id. */
  boolean hasWaiting() {
    return !backlog.isEmpty();
  }

  /**
   * Takes the request a response is for, and frees its id.
   *
   * @param streamId the response's stream id
   * @return the request (possibly {@code ORPHANED}: the caller drops the response), or {@code null}
   *     if no request holds that id
   */
  PendingRequest remove(int streamId) {
    if (streamId < 0 || streamId >= slots.length) {
      return null;
    }
    PendingRequest request = slots[streamId];
    if (request == null) {
      return null;
    }
    slots[streamId] = null;
    ids.release(streamId);
    inFlight = ids.taken();
    if (request.state == PendingRequest.State.ORPHANED) {
      orphans--;
      LOG.debug("{}: late response on orphaned stream {} dropped", node, streamId);
    }
    return request;
  }

  /** The timeout of {@code request} elapsed (on the event loop). */
  void onTimeout(PendingRequest request) {
    switch (request.state) {
      case QUEUED -> {
        if (backlog.remove(request)) { // O(backlog), but only for requests that waited too long
          waiting = backlog.size();
        }
        request.fail(timeoutOf(request, "waiting for a free stream id"));
      }
      case WRITTEN -> {
        // the server may still answer on this id: keep it taken until it does
        request.state = PendingRequest.State.ORPHANED;
        int count = ++orphans; // before completing: the caller may look at the count at once
        request.notifyFailure(timeoutOf(request, "waiting for the response"));
        if (count > maxOrphans) {
          LOG.warn(
              "{}: {} orphaned stream ids, over the limit of {}: closing", node, count, maxOrphans);
          owner.fatal(
              new ConnectionException(
                  "closing the connection to "
                      + node
                      + ": "
                      + count
                      + " requests timed out and were never answered (the limit is "
                      + maxOrphans
                      + " orphaned stream ids); the node is overloaded or unreachable"));
        }
      }
      case ORPHANED, DONE -> {
        // already completed
      }
    }
    owner.settled();
  }

  private RequestTimeoutException timeoutOf(PendingRequest request, String phase) {
    Duration timeout = Duration.ofNanos(request.timeoutNanos);
    return new RequestTimeoutException(
        request.opcode
            + " to "
            + node
            + " timed out after "
            + timeout.toMillis()
            + " ms "
            + phase
            + (request.streamId >= 0 ? " (stream " + request.streamId + ")" : ""),
        timeout);
  }

  /**
   * Fails every request, written or waiting, with {@code cause} and refuses any later request: the
   * connection is closed.
   */
  void failAll(Throwable cause) {
    if (closedWith == null) {
      closedWith = cause;
    }
    int failed = 0;
    for (int id = 0; id < slots.length && ids.taken() > 0; id++) {
      PendingRequest request = slots[id];
      if (request != null) {
        slots[id] = null;
        ids.release(id);
        if (request.state == PendingRequest.State.WRITTEN) {
          request.fail(cause);
          failed++;
        }
      }
    }
    PendingRequest request;
    while ((request = backlog.pollFirst()) != null) {
      if (request.state != PendingRequest.State.DONE) {
        request.fail(cause);
        failed++;
      }
    }
    inFlight = 0;
    orphans = 0;
    waiting = 0;
    if (failed > 0) {
      LOG.debug("{}: failed {} requests: {}", node, failed, cause.toString());
    }
  }

  /** The cause the connection was closed with, or {@code null} while it is open. */
  Throwable closedWith() {
    return closedWith;
  }

  /** How many stream ids are taken (written requests, orphans included); any thread. */
  int inFlight() {
    return inFlight;
  }

  /** How many ids are orphaned; any thread. */
  int orphans() {
    return orphans;
  }

  /** How many requests wait for a free id; any thread. */
  int waiting() {
    return waiting;
  }

  /** Written requests still expecting their response, orphans excluded. */
  int awaitingResponse() {
    return inFlight - orphans;
  }
}
