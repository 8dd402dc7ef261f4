package org.cql4j.session;

/**
 * How many connections the session keeps to each node (Rust: {@code PoolSize}). Immutable and
 * thread-safe.
 *
 * <p>{@link #perHost(int)} opens that many connections per node; {@link #perShard(int)} opens that
 * many per shard of a ScyllaDB node (so a 16-shard node gets 16 × n connections, each bound to its
 * shard), and behaves as {@code perHost(n)} on Cassandra, which has no shards. The default is
 * {@code perShard(1)}, as in the Rust driver.
 *
 * @param connections the number of connections per host or per shard, at least 1
 * @param perShard whether the count is per shard rather than per host
 */
public record PoolSize(int connections, boolean perShard) {

  /** Checks the arguments. */
  public PoolSize {
    if (connections < 1) {
      throw new IllegalArgumentException(
          "a pool needs at least 1 connection per "
              + (perShard ? "shard" : "host")
              + ", got "
              + connections);
    }
  }

  /**
   * A fixed number of connections per node.
   *
   * @param connections at least 1
   * @return the pool size
   */
  public static PoolSize perHost(int connections) {
    return new PoolSize(connections, false);
  }

  /**
   * A number of connections per shard of each ScyllaDB node (per node on Cassandra).
   *
   * @param connections at least 1
   * @return the pool size
   */
  public static PoolSize perShard(int connections) {
    return new PoolSize(connections, true);
  }

  /** The default pool size: one connection per shard. */
  public static PoolSize defaultSize() {
    return perShard(1);
  }

  /**
   * How many connections to open to a node with the given number of shards.
   *
   * @param shards the node's shard count (1 for Cassandra or unknown)
   * @return the target number of connections
   */
  public int connectionsFor(int shards) {
    return perShard ? connections * Math.max(1, shards) : connections;
  }
}
