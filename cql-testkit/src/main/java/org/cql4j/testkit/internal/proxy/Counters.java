package org.cql4j.testkit.internal.proxy;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.testkit.proxy.ProxyCounters;

/**
 * Counters of one connection or one node; thread-safe. A connection's counters add to their node's
 * as well.
 */
final class Counters implements ProxyCounters {
  private final Counters parent;
  private final AtomicLongArray frames = new AtomicLongArray(0x11);
  private final LongAdder requests = new LongAdder();
  private final LongAdder responses = new LongAdder();
  private final LongAdder bytesFromClients = new LongAdder();
  private final LongAdder bytesFromNode = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder malformedBytes = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder forged = new LongAdder();
  private final LongAdder connections = new LongAdder();

  Counters(Counters parent) {
    this.parent = parent;
  }

  void frame(RawFrame frame) {
    Opcode opcode = frame.opcode();
    if (opcode != null) {
      frames.incrementAndGet(opcode.code());
    }
    (frame.isResponse() ? responses : requests).increment();
    if (parent != null) {
      parent.frame(frame);
    }
  }

  void bytes(boolean fromClient, int n) {
    (fromClient ? bytesFromClients : bytesFromNode).add(n);
    if (parent != null) {
      parent.bytes(fromClient, n);
    }
  }

  void malformed(int bytes) {
    malformed.increment();
    malformedBytes.add(bytes);
    if (parent != null) {
      parent.malformed(bytes);
    }
  }

  void countDropped() {
    dropped.increment();
    if (parent != null) {
      parent.countDropped();
    }
  }

  void countForged() {
    forged.increment();
    if (parent != null) {
      parent.countForged();
    }
  }

  void connectionOpened() {
    connections.increment();
    if (parent != null) {
      parent.connectionOpened();
    }
  }

  void reset() {
    for (int i = 0; i < frames.length(); i++) {
      frames.set(i, 0);
    }
    for (LongAdder a :
        new LongAdder[] {
          requests,
          responses,
          bytesFromClients,
          bytesFromNode,
          malformed,
          malformedBytes,
          dropped,
          forged,
          connections
        }) {
      a.reset();
    }
  }

  @Override
  public long frames(Opcode opcode) {
    return frames.get(opcode.code());
  }

  @Override
  public long requests() {
    return requests.sum();
  }

  @Override
  public long responses() {
    return responses.sum();
  }

  @Override
  public long bytesFromClients() {
    return bytesFromClients.sum();
  }

  @Override
  public long bytesFromNode() {
    return bytesFromNode.sum();
  }

  @Override
  public long malformed() {
    return malformed.sum();
  }

  @Override
  public long malformedBytes() {
    return malformedBytes.sum();
  }

  @Override
  public long dropped() {
    return dropped.sum();
  }

  @Override
  public long forged() {
    return forged.sum();
  }

  @Override
  public long connectionsOpened() {
    return connections.sum();
  }

  @Override
  public String toString() {
    return "ProxyCounters[requests="
        + requests()
        + ", responses="
        + responses()
        + ", bytesFromClients="
        + bytesFromClients()
        + ", bytesFromNode="
        + bytesFromNode()
        + ", malformed="
        + malformed()
        + ", dropped="
        + dropped()
        + ", forged="
        + forged()
        + ", connections="
        + connectionsOpened()
        + "]";
  }
}
