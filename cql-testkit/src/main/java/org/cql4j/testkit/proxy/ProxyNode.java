package org.cql4j.testkit.proxy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One proxied node: where the proxy listens for it, its rules and counters; thread-safe. */
public interface ProxyNode {
  /** The node's number, counted from 1 in the order the proxy was given the nodes. */
  int number();

  /** The real node's CQL address. */
  InetSocketAddress nodeAddress();

  /** Where clients connect instead. */
  InetSocketAddress proxyAddress();

  /** {@link #proxyAddress()} as {@code host:port}, the form drivers take as a contact point. */
  String contactPoint();

  /** The emulated shard-aware port's address, when the ScyllaDB emulation has one. */
  Optional<InetSocketAddress> shardAwareAddress();

  /** The node's host id, once the proxy has read it from the node. */
  Optional<UUID> hostId();

  /** The rules for this node's frames, evaluated before the proxy-wide rules. */
  Rules rules();

  /** What crossed this node's connections, together. */
  ProxyCounters counters();

  /** The connections accepted so far (closed ones included), in accept order. */
  List<ProxyConnection> connections();

  /** The emulation's routing accounting; all zero without the emulation. */
  RoutingCounters routing();

  /** Reads again from every side that a {@link Action#stopReading} rule stopped. */
  void resumeReading();

  /** Closes every open connection of this node (a FIN to each client); the listener stays. */
  void closeConnections();
}
