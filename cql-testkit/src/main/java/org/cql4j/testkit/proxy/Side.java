package org.cql4j.testkit.proxy;

/** One end of a proxied connection. Immutable and thread-safe. */
public enum Side {
  /** The client (the driver under test). */
  CLIENT,
  /** The proxied node. */
  NODE
}
