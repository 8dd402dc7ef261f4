package org.cql4j.session.internal.pool;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.cql4j.protocol.scylla.ShardingInfo;
import org.cql4j.session.PoolSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which connections one node's pool opens next, and what it does when an attempt fails or a
 * connection lands on a shard that has enough. Not thread-safe: the pool calls it under its lock,
 * and opens the connections it plans outside it.
 *
 * <p>Until the node says it has shards, the pool opens connections to its regular port up to the
 * pool size. On ScyllaDB (scylla-protocol-extensions.md, "Intranode sharding") each shard lacks
 * some connections; each goes through the shard-aware port, from a local port that picks the shard
 * ({@code port % shards}). If that port is absent, refused, or puts connections on other shards (a
 * NAT rewrote the port), the planner gives up on it for good and asks for regular-port attempts,
 * where the server puts each connection on its least-connected shard. A connection that lands on a
 * full shard is closed and replaced at once, up to twice the shard count in a row; after that the
 * pool backs off, so that other clients' connections can move.
 */
final class ConnectPlanner {
  // logged under the pool's name, with every other message about a node's connections
  private static final Logger LOG = LoggerFactory.getLogger(NodeConnectionPool.class);
  private static final int MAX_BIND_FAILURES = 8;

  /**
   * One connection attempt: to the regular port (shard -1), or to a shard's shard-aware port from a
   * chosen local port.
   *
   * @param shard the shard the attempt is for, or -1 for the regular port
   * @param target the address to connect to
   * @param local the local address to bind, or null for any
   */
  record Attempt(int shard, InetSocketAddress target, InetSocketAddress local) {
    /** Whether the attempt goes to the shard-aware port. */
    boolean shardAware() {
      return shard >= 0;
    }
  }

  private final InetSocketAddress address;
  private final PoolSize size;
  private final ShardAwarePorts ports;
  private final boolean tls;
  private int connecting;
  private int[] connectingToShard = new int[1];
  private boolean shardAwarePortBroken;
  private int bindFailures;
  private int misplaced;

  /**
   * Creates a planner with no attempt in flight.
   *
   * @param address the node's regular CQL address
   * @param size how many connections to keep open, per node or per shard
   * @param ports chooses local ports for the shard-aware port, or null never to use it
   * @param tls whether connections use TLS (which has its own shard-aware port)
   */
  ConnectPlanner(InetSocketAddress address, PoolSize size, ShardAwarePorts ports, boolean tls) {
    this.address = address;
    this.size = size;
    this.ports = ports;
    this.tls = tls;
  }

  /**
   * The attempts that bring the pool to its size, counting those still in flight; they count as in
   * flight from now on, until each is {@link #finished}.
   *
   * @param open the pool's connections
   * @return the attempts to start, possibly none
   */
  List<Attempt> plan(ShardedConnections open) {
    List<Attempt> attempts = new ArrayList<>();
    ShardingInfo s = open.sharding();
    if (s == null) {
      int toOpen = size.connections() - open.total() - connecting;
      for (int i = 0; i < toOpen; i++) {
        attempts.add(new Attempt(-1, address, null));
      }
    } else {
      // the regular-port attempts still in flight, before this plan adds shard-aware ones
      int regularInFlight = connecting - sum(connectingToShard);
      int regular = 0;
      for (int shard = 0; shard < s.nrShards(); shard++) {
        int deficit = target(shard, s.nrShards()) - open.count(shard) - connectingToShard[shard];
        for (int i = 0; i < deficit; i++) {
          Attempt a = shardAware(shard, s);
          if (a != null) {
            connectingToShard[shard]++;
            attempts.add(a);
          } else {
            regular++;
          }
        }
      }
      for (int i = regularInFlight; i < regular; i++) {
        attempts.add(new Attempt(-1, address, null));
      }
    }
    connecting += attempts.size();
    return attempts;
  }

  // an attempt on the shard-aware port, or null to use the regular port
  private Attempt shardAware(int shard, ShardingInfo s) {
    OptionalInt port = tls ? s.shardAwarePortSsl() : s.shardAwarePort();
    if (ports == null || shardAwarePortBroken || port.isEmpty()) {
      return null;
    }
    int local = ports.next(shard, s.nrShards());
    return local < 0
        ? null
        : new Attempt(
            shard,
            new InetSocketAddress(address.getAddress(), port.getAsInt()),
            new InetSocketAddress(local));
  }

  /**
   * How many connections a shard should have: the pool size per shard, or a per-node size spread
   * over the shards, the lower shards taking the remainder.
   *
   * @param shard the shard
   * @param shards the node's shard count
   * @return the shard's target
   */
  int target(int shard, int shards) {
    if (size.perShard()) {
      return size.connections();
    }
    int n = size.connections();
    return n / shards + (shard < n % shards ? 1 : 0);
  }

  /**
   * Whether a new connection on a shard would be one too many.
   *
   * @param open the pool's connections
   * @param shard the shard the connection landed on
   * @return true if the node is sharded and the shard has its target already; false on Cassandra
   */
  boolean isFull(ShardedConnections open, int shard) {
    ShardingInfo s = open.sharding();
    return s != null && open.count(shard) >= target(shard, s.nrShards());
  }

  /**
   * An attempt completed, with a connection or an error: it no longer counts as in flight.
   *
   * @param attempt the attempt, as {@link #plan} returned it
   */
  void finished(Attempt attempt) {
    connecting--;
    if (attempt.shard >= 0 && attempt.shard < connectingToShard.length) {
      connectingToShard[attempt.shard]--;
    }
  }

  /**
   * An attempt failed: whether to plan again at once (another local port, or the regular port)
   * rather than after the reconnection policy's delay. A shard-aware attempt whose local port was
   * taken is retried from another one; one that was refused, or the eighth bind failure in a row,
   * stops the use of the shard-aware port.
   *
   * @param attempt the failed attempt
   * @param error why it failed
   * @return true to plan again at once, false for the usual backoff (a regular-port attempt, or the
   *     port answered and the handshake failed)
   */
  boolean retryAtOnce(Attempt attempt, Throwable error) {
    return attempt.shardAware() && shardAwareFailed(error);
  }

  private boolean shardAwareFailed(Throwable error) {
    if (causedBy(error, BindException.class) && ++bindFailures < MAX_BIND_FAILURES) {
      return true; // that local port is taken: another one
    }
    if (!causedBy(error, ConnectException.class) && !causedBy(error, BindException.class)) {
      return false;
    }
    if (!shardAwarePortBroken) {
      shardAwarePortBroken = true;
      LOG.warn(
          "the shard-aware port of {} failed ({}); connecting through the regular port",
          address,
          error.getMessage());
    }
    return true;
  }

  /**
   * A connection landed on a full shard (and is closed): whether to plan again at once. A
   * shard-aware attempt that landed on another shard than it asked for stops the use of the
   * shard-aware port; otherwise the pool tries again at once up to twice the shard count in a row.
   *
   * @param attempt the attempt that opened the connection
   * @param shard the shard it landed on
   * @param shards the node's shard count
   * @return true to plan again at once, false to back off (the server keeps choosing full shards)
   */
  boolean misplaced(Attempt attempt, int shard, int shards) {
    if (attempt.shardAware() && attempt.shard != shard && !shardAwarePortBroken) {
      shardAwarePortBroken = true;
      LOG.warn(
          "the shard-aware port of {} put a connection for shard {} on shard {} (is a NAT"
              + " rewriting ports?); connecting through the regular port",
          address,
          attempt.shard,
          shard);
      return true;
    }
    return ++misplaced <= 2 * shards;
  }

  /** A connection joined the pool: the runs of bind failures and misplaced connections end. */
  void placed() {
    misplaced = 0;
    bindFailures = 0;
  }

  /** A new round starts (after the backoff, or the node was reported up): misplaced count anew. */
  void resetMisplaced() {
    misplaced = 0;
  }

  /**
   * The node announced a new shard count: the shard-aware attempts in flight no longer count for a
   * shard.
   *
   * @param shards the new shard count
   */
  void resharded(int shards) {
    connectingToShard = new int[shards];
  }

  /** Whether the shard-aware port was given up on; for tests and logs. */
  boolean shardAwarePortBroken() {
    return shardAwarePortBroken;
  }

  private static int sum(int[] values) {
    int n = 0;
    for (int v : values) {
      n += v;
    }
    return n;
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "ConnectPlanner["
        + address
        + ", "
        + connecting
        + " connecting"
        + (shardAwarePortBroken ? ", shard-aware port given up" : "")
        + "]";
  }
}
