package org.cql4j.testkit.proxy;

import org.cql4j.protocol.frame.Opcode;

/**
 * What crossed one proxied node or one proxied connection, counted since the proxy started or since
 * the last reset; thread-safe, and live (each call reads the current value).
 */
public interface ProxyCounters {
  /**
   * Frames with an opcode: requests from clients for request opcodes, answers and events from the
   * node for response opcodes. Forged answers are not counted here (see {@link #forged()}).
   */
  long frames(Opcode opcode);

  /** Request frames read from clients. */
  long requests();

  /** Response and event frames read from the node. */
  long responses();

  /** Bytes read from clients, as on the wire. */
  long bytesFromClients();

  /** Bytes read from the node, as on the wire. */
  long bytesFromNode();

  /**
   * Runs of bytes that could not be parsed (a malformed or truncated frame, an unknown opcode, a
   * segment with a bad CRC); they are forwarded as they are.
   */
  long malformed();

  /** The bytes of those runs. */
  long malformedBytes();

  /** Frames a rule dropped. */
  long dropped();

  /** Frames the proxy forged (a rule's answer, an emulated error). */
  long forged();

  /** Client connections accepted (1 for a connection's own counters). */
  long connectionsOpened();
}
