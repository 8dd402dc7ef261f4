package org.cql4j.testkit.proxy;

/**
 * The ScyllaDB emulation's routing accounting for one node; thread-safe and live.
 *
 * <p>For every QUERY, EXECUTE or BATCH whose partition key the proxy can read (bound values of a
 * statement it saw prepared), it computes the Murmur3 token and checks whether the request arrived
 * at a node that owns the token (a replica from the table's tablet map, or from the token ring and
 * the keyspace's replication) and on the shard that owns it (the tablet replica's shard, or {@code
 * biased-token-round-robin} over the node's shards).
 */
public interface RoutingCounters {
  /** Requests that reached a replica, on the owning shard. */
  long correct();

  /** Requests that reached a node that is not a replica, or the wrong shard of a replica. */
  long misrouted();

  /** Of the misrouted requests, those that reached a node that is not a replica. */
  long wrongNode();

  /** Of the misrouted requests, those that reached a replica on the wrong shard. */
  long wrongShard();

  /**
   * Requests whose owner could not be computed: no partition key on the wire (a QUERY with
   * literals, a statement prepared before the proxy saw it), or a keyspace whose replication the
   * proxy does not know.
   */
  long unroutable();

  /** Requests that arrived on {@code shard} and belonged there. */
  long correct(int shard);

  /** Requests that arrived on {@code shard} and belonged elsewhere. */
  long misrouted(int shard);
}
