package org.cql4j.session;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A node of the cluster as the driver knows it. Thread-safe: the identity (address, host id,
 * datacenter, rack, tokens) never changes; {@link #isUp()} is updated by the driver and may be read
 * from any thread.
 *
 * <p>The driver keeps one instance per node for as long as the node's identity stays the same; a
 * topology change that moves a node to another address, datacenter, rack or token set yields a new
 * instance in the next {@link ClusterState}. Nodes compare by identity.
 */
public interface Node {

  /** The address the driver connects to (the node's {@code rpc_address} and native port). */
  InetSocketAddress address();

  /**
   * The datacenter the node reported in {@code system.local}/{@code system.peers}, or {@code null}
   * while not yet known (a contact point before the first topology refresh).
   */
  String datacenter();

  /** The rack the node reported, or {@code null} while not yet known. */
  String rack();

  /** The node's host id ({@code host_id}), or {@code null} while not yet known. */
  UUID hostId();

  /**
   * Whether the driver currently considers the node up: it has an open connection pool to it or has
   * been told so by a status event. Reads are cheap (a volatile read).
   */
  boolean isUp();

  /**
   * The node's tokens on the Murmur3 ring, sorted ascending, unmodifiable; empty while unknown.
   * Used by token-aware routing.
   */
  List<Long> tokens();

  /**
   * The shard of this node that owns a token, on ScyllaDB (the Rust driver's {@code
   * sharder().shard_of(token)}): {@code biased-token-round-robin} over the node's shard count, as
   * its connections reported it.
   *
   * @param token the token
   * @return the shard, 0 to the shard count - 1; empty on Cassandra, or before the driver's first
   *     connection to the node told its sharding
   */
  OptionalInt shardOf(Token token);

  /**
   * The node's shard count on ScyllaDB.
   *
   * @return the number of shards; empty on Cassandra or while unknown
   */
  OptionalInt shardCount();
}
