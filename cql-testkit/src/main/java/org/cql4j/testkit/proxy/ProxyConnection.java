package org.cql4j.testkit.proxy;

import java.net.InetSocketAddress;
import java.util.OptionalInt;

/** One client connection through the proxy and its connection to the node; thread-safe. */
public interface ProxyConnection {
  /** The proxied node's number, counted from 1. */
  int node();

  /** The connection's number among this node's connections, counted from 1 in accept order. */
  int number();

  /** The client's address and source port. */
  InetSocketAddress clientAddress();

  /** The shard the ScyllaDB emulation assigned, empty without the emulation. */
  OptionalInt shard();

  /** Whether the client connected to the emulated shard-aware port. */
  boolean viaShardAwarePort();

  /** Whether this connection sent REGISTER (a driver's control connection does). */
  boolean isControl();

  /** Whether both sides are still open. */
  boolean isOpen();

  /** What crossed this connection. */
  ProxyCounters counters();
}
