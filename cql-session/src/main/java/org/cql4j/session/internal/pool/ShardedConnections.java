package org.cql4j.session.internal.pool;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.cql4j.protocol.scylla.ShardingInfo;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.policy.RoutingInfo;

/**
 * The open connections of one node's pool, grouped by shard: an immutable snapshot, hence
 * thread-safe. The pool publishes a new snapshot with one volatile write for each change ({@link
 * #with}, {@link #without}, {@link #reshard}) and requests read whichever snapshot is current, with
 * no lock and no allocation ({@link #connection()}, {@link #connection(RoutingInfo)}, {@link
 * #connectionToShard}).
 *
 * <p>Until a node says how it is sharded (always, on Apache Cassandra) there is one slot, shard 0;
 * once it has (ScyllaDB, scylla-protocol-extensions.md, "Intranode sharding") there is one slot per
 * shard. A pool that was closed keeps its sharding over one empty slot ({@link #cleared()}).
 */
final class ShardedConnections {
  private static final Connection[] NONE = new Connection[0];

  /** No connection and no sharding: a new pool's snapshot. */
  static final ShardedConnections EMPTY = new ShardedConnections(new Connection[][] {NONE}, null);

  // by shard; never modified once the snapshot is published
  private final Connection[][] byShard;
  private final ShardingInfo sharding;

  private ShardedConnections(Connection[][] byShard, ShardingInfo sharding) {
    this.byShard = byShard;
    this.sharding = sharding;
  }

  /** The node's sharding, once a connection told it; null on Cassandra. */
  ShardingInfo sharding() {
    return sharding;
  }

  /**
   * The open connection with the fewest requests in flight or waiting, or null when none is open.
   * Allocation-free.
   *
   * @return a connection or null
   */
  Connection connection() {
    Connection[][] slots = byShard;
    if (slots.length == 1) {
      return leastLoaded(slots[0], null);
    }
    Connection best = null;
    for (Connection[] connections : slots) {
      best = leastLoaded(connections, best);
    }
    return best;
  }

  /**
   * The connection for a request: on ScyllaDB, the least loaded one of the shard that owns the
   * request's token, else (no token, no sharding, or no open connection on that shard) the least
   * loaded one of the node. Allocation-free.
   *
   * @param routing the request's routing information
   * @return a connection, or null when none is open
   */
  Connection connection(RoutingInfo routing) {
    ShardingInfo s = sharding;
    if (s != null && routing.hasToken()) {
      Connection c = connectionToShard(s.shardOf(routing.tokenValue()));
      if (c != null) {
        return c;
      }
    }
    return connection();
  }

  /**
   * The least loaded open connection of one shard. Allocation-free.
   *
   * @param shard the shard
   * @return a connection of that shard, or null when it has none open or there is no such shard
   */
  Connection connectionToShard(int shard) {
    Connection[][] slots = byShard;
    return shard >= 0 && shard < slots.length ? leastLoaded(slots[shard], null) : null;
  }

  // what connections are compared by: requests in flight plus requests waiting to be written
  private static int load(Connection c) {
    return c.inFlight() + c.waiting();
  }

  // the open connection of connections less loaded than best (null: any), else best
  private static Connection leastLoaded(Connection[] connections, Connection best) {
    int bestLoad = best == null ? Integer.MAX_VALUE : load(best);
    for (Connection c : connections) {
      if (c.isOpen()) {
        int load = load(c);
        if (load < bestLoad) {
          best = c;
          bestLoad = load;
        }
      }
    }
    return best;
  }

  /**
   * How many connections a shard has, open or closing.
   *
   * @param shard a shard: below the shard count, or 0 without sharding
   * @return its connection count
   */
  int count(int shard) {
    return byShard[shard].length;
  }

  /** How many connections there are in all, open or closing. */
  int total() {
    int n = 0;
    for (Connection[] connections : byShard) {
      n += connections.length;
    }
    return n;
  }

  /** How many connections each shard has (one entry on Cassandra); a new array on each call. */
  int[] perShard() {
    int[] counts = new int[byShard.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = byShard[i].length;
    }
    return counts;
  }

  /**
   * Whether a connection is part of this snapshot.
   *
   * @param connection a connection
   * @return true if one of the shards holds it
   */
  boolean contains(Connection connection) {
    for (Connection[] connections : byShard) {
      for (Connection c : connections) {
        if (c == connection) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Runs an action on every connection, shard by shard.
   *
   * @param action what to do with each connection
   */
  void forEach(Consumer<? super Connection> action) {
    for (Connection[] connections : byShard) {
      for (Connection c : connections) {
        action.accept(c);
      }
    }
  }

  /**
   * This snapshot with one more connection, after the others of its shard.
   *
   * @param shard a shard: below the shard count, or 0 without sharding
   * @param connection the connection
   * @return a new snapshot
   */
  ShardedConnections with(int shard, Connection connection) {
    Connection[][] grown = byShard.clone();
    grown[shard] = append(grown[shard], Objects.requireNonNull(connection, "connection"));
    return new ShardedConnections(grown, sharding);
  }

  /**
   * This snapshot without a connection.
   *
   * @param connection the connection to remove
   * @return a new snapshot, or this one if it does not hold the connection
   */
  ShardedConnections without(Connection connection) {
    for (int shard = 0; shard < byShard.length; shard++) {
      Connection[] connections = byShard[shard];
      for (int i = 0; i < connections.length; i++) {
        if (connections[i] == connection) {
          Connection[] shrunk = new Connection[connections.length - 1];
          System.arraycopy(connections, 0, shrunk, 0, i);
          System.arraycopy(connections, i + 1, shrunk, i, shrunk.length - i);
          Connection[][] slots = byShard.clone();
          slots[shard] = shrunk;
          return new ShardedConnections(slots, sharding);
        }
      }
    }
    return this;
  }

  /**
   * This snapshot laid out for a node's (new) sharding: one slot per shard, holding the connections
   * that reported the same shard count, each on the shard it reported. The others belong to an
   * older layout and are handed to {@code dropped}, for the caller to close.
   *
   * @param info the node's sharding
   * @param dropped receives each connection the new layout has no place for
   * @return a new snapshot
   */
  ShardedConnections reshard(ShardingInfo info, Consumer<? super Connection> dropped) {
    Connection[][] slots = new Connection[info.nrShards()][];
    Arrays.fill(slots, NONE);
    for (Connection[] connections : byShard) {
      for (Connection c : connections) {
        ShardingInfo theirs = c.scyllaExtensions().sharding().orElse(null);
        if (theirs != null && theirs.nrShards() == info.nrShards()) {
          slots[theirs.shard()] = append(slots[theirs.shard()], c);
        } else {
          dropped.accept(c);
        }
      }
    }
    return new ShardedConnections(slots, info);
  }

  /**
   * No connection, the sharding kept: the snapshot of a closed pool.
   *
   * @return a new snapshot
   */
  ShardedConnections cleared() {
    return new ShardedConnections(new Connection[][] {NONE}, sharding);
  }

  private static Connection[] append(Connection[] connections, Connection c) {
    Connection[] grown = Arrays.copyOf(connections, connections.length + 1);
    grown[connections.length] = c;
    return grown;
  }

  @Override
  public String toString() {
    return "ShardedConnections["
        + total()
        + " over "
        + (sharding == null ? "no shards" : sharding.nrShards() + " shards")
        + " "
        + Arrays.toString(perShard())
        + "]";
  }
}
