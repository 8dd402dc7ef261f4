package org.cql4j.session.internal.pool;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses local ports for connections to ScyllaDB's shard-aware port, where the server puts a
 * connection on shard {@code localPort % shards} (scylla-protocol-extensions.md, "Intranode
 * sharding"). Thread-safe: one cursor, shared by every pool of a session, walks the range so that
 * pools rarely ask for the same port.
 */
public final class ShardAwarePorts {
  /** The default range: the upper half of the ports, below the usual ephemeral range's top. */
  public static final int DEFAULT_LOW = 10_000;

  /** The default range's upper bound (inclusive). */
  public static final int DEFAULT_HIGH = 65_535;

  private final int low;
  private final int high;
  private final AtomicInteger cursor;

  /**
   * Creates a chooser over {@code [low, high]}.
   *
   * @param low the lowest port, at least 1024
   * @param high the highest port, at most 65535
   * @throws IllegalArgumentException if the range is empty or outside those bounds
   */
  public ShardAwarePorts(int low, int high) {
    if (low < 1024 || high > 65_535 || low > high) {
      throw new IllegalArgumentException(
          "the shard-aware port range must lie within [1024, 65535], not ["
              + low
              + ", "
              + high
              + "]");
    }
    this.low = low;
    this.high = high;
    this.cursor = new AtomicInteger(ThreadLocalRandom.current().nextInt(high - low + 1));
  }

  /**
   * The next local port of the range that lands on a shard.
   *
   * @param shard the wanted shard
   * @param shards the node's shard count
   * @return a port {@code p} with {@code p % shards == shard}, or -1 if the range has none
   */
  public int next(int shard, int shards) {
    int span = high - low + 1;
    int base = low + Math.floorMod(cursor.getAndAdd(shards), span);
    // the first port at or after base with the right remainder, wrapping inside the range
    int port = base + Math.floorMod(shard - base, shards);
    if (port > high) {
      port = low + Math.floorMod(shard - low, shards);
    }
    return port <= high ? port : -1;
  }

  @Override
  public String toString() {
    return "ShardAwarePorts[" + low + ", " + high + "]";
  }
}
