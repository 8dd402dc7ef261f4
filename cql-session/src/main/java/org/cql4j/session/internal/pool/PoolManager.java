package org.cql4j.session.internal.pool;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cql4j.protocol.scylla.ShardingInfo;
import org.cql4j.session.Node;
import org.cql4j.session.PoolSize;
import org.cql4j.session.internal.connection.Connection;
import org.cql4j.session.internal.connection.ConnectionFactory;
import org.cql4j.session.internal.metadata.MetadataManager;
import org.cql4j.session.internal.session.SessionConfig;
import org.cql4j.session.policy.HostFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link NodeConnectionPool} per node of the current snapshot that the host filter accepts:
 * opened when a node appears, closed when it leaves, and the node marked up or down as its pool
 * gains its first connection or loses its last. Thread-safe: pools live in a concurrent map; a
 * pool's notifications arrive under its own lock, in order.
 */
public final class PoolManager implements NodeConnectionPool.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(PoolManager.class);
  private final ConnectionFactory factory;
  private final ConnectionSettings settings;
  private final PoolSize poolSize;
  private final ShardAwarePorts ports;
  private final HostFilter hostFilter;
  private final Function<Connection, CompletableFuture<Void>> warmUp;
  private final Supplier<String> keyspace;
  private final ScheduledExecutorService scheduler;
  private final MetadataManager metadata;
  private final Map<InetSocketAddress, NodeConnectionPool> pools = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Creates the manager; pools open as {@link #apply} reports nodes.
   *
   * @param config the session's configuration (pool size, shard-aware ports, host filter)
   * @param factory opens connections
   * @param settings the connections' configuration
   * @param keyspace the session's current keyspace identifier, or null
   * @param scheduler runs reconnection attempts
   * @param metadata told when a node becomes reachable or unreachable
   * @param warmUp run on a connection of a node that becomes reachable, before the node is marked
   *     up; returns null when there is nothing to do, and its future never fails
   */
  public PoolManager(
      SessionConfig config,
      ConnectionFactory factory,
      ConnectionSettings settings,
      Supplier<String> keyspace,
      ScheduledExecutorService scheduler,
      MetadataManager metadata,
      Function<Connection, CompletableFuture<Void>> warmUp) {
    this.factory = factory;
    this.settings = settings;
    this.poolSize = config.poolSize();
    this.ports = new ShardAwarePorts(config.shardAwarePortLow(), config.shardAwarePortHigh());
    this.hostFilter = settings.policies().hostFilter();
    this.keyspace = keyspace;
    this.scheduler = scheduler;
    this.metadata = metadata;
    this.warmUp = warmUp;
  }

  /**
   * Opens pools for added nodes and closes those of removed ones.
   *
   * @param change what a new snapshot changed
   * @return completes once every new pool made its first attempt (never exceptionally)
   */
  public CompletableFuture<Void> apply(MetadataManager.NodesChange change) {
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (Node node : change.removed()) {
      NodeConnectionPool pool = pools.remove(node.address());
      if (pool != null) {
        pool.close();
      }
    }
    for (Node node : change.added()) {
      if (closed) {
        break;
      }
      if (!accepted(node)) {
        continue;
      }
      NodeConnectionPool pool =
          new NodeConnectionPool(
              node.address(), poolSize, factory, settings, keyspace, scheduler, this, ports);
      if (pools.putIfAbsent(node.address(), pool) == null) {
        started.add(pool.start());
      }
    }
    if (closed) {
      close(); // a pool added while closing
    }
    return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
  }

  /**
   * Whether the host filter lets the session connect to a node.
   *
   * @param node a node
   * @return true if the node may have a pool; false also when the filter throws (logged)
   */
  public boolean accepted(Node node) {
    try {
      if (hostFilter.accept(node)) {
        return true;
      }
      LOG.debug("{} refused by the host filter: no connection", node);
    } catch (RuntimeException e) {
      LOG.warn("the host filter failed on {}; not connecting to it", node, e);
    }
    return false;
  }

  /**
   * The pool of a node.
   *
   * @param node a node of the current or an earlier snapshot
   * @return the pool, or null if the node left the cluster
   */
  public NodeConnectionPool pool(Node node) {
    return pools.get(node.address());
  }

  /** Every pool, for maintenance tasks. */
  public List<NodeConnectionPool> pools() {
    return List.copyOf(pools.values());
  }

  /**
   * A status event from the cluster: an UP node is reconnected at once; a DOWN one is marked down
   * only if its pool has no open connection (the event may be stale, the connections are the
   * truth).
   *
   * @param address the node
   * @param up whether the cluster reports it up
   * @return whether a pool of that node exists
   */
  public boolean onStatusEvent(InetSocketAddress address, boolean up) {
    NodeConnectionPool pool = pools.get(address);
    if (pool == null) {
      return false;
    }
    if (up) {
      pool.reconnectNow();
    } else {
      pool.reportedDown(new IllegalStateException("reported DOWN by the cluster"));
      pool.probe(settings.keepaliveTimeout()); // the event may be stale: ask the node itself
    }
    return true;
  }

  /**
   * Marks the node up, after the warm-up (preparing the session's statements) when there is one:
   * requests are routed to a node only once it knows them.
   */
  @Override
  public void onPoolUp(InetSocketAddress address) {
    NodeConnectionPool pool = pools.get(address);
    Connection connection = pool == null ? null : pool.connection();
    CompletableFuture<Void> warmedUp = connection == null ? null : warmUp.apply(connection);
    if (warmedUp == null || warmedUp.isDone()) {
      metadata.setUp(address, true, null);
      return;
    }
    warmedUp.whenComplete(
        (v, e) -> {
          // still up: a later onPoolDown marked it down, and a later onPoolUp warms up again
          if (pool.connection() != null) {
            metadata.setUp(address, true, null);
          }
        });
  }

  @Override
  public void onPoolDown(InetSocketAddress address, Throwable cause) {
    metadata.setUp(address, false, cause);
  }

  @Override
  public void onSharding(InetSocketAddress address, ShardingInfo sharding) {
    metadata.setSharding(address, sharding);
  }

  /**
   * Closes every pool; requests in flight complete first.
   *
   * @return completes when every connection is closed
   */
  public CompletableFuture<Void> close() {
    closed = true;
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (InetSocketAddress address : List.copyOf(pools.keySet())) {
      NodeConnectionPool pool = pools.remove(address);
      if (pool != null) {
        closing.add(pool.close());
      }
    }
    return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
  }
}
