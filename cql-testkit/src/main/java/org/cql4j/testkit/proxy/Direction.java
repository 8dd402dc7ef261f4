package org.cql4j.testkit.proxy;

/** Which way a frame crosses the proxy. Immutable and thread-safe. */
public enum Direction {
  /** From the client to the node: a request. */
  REQUEST,
  /** From the node to the client: a response or an event. */
  RESPONSE
}
